"""`bordercase risk`: where a case's dispute stands, for support staff about to answer a buyer.

One screen per case: the platform and dispute, whether the window is open and until when, the
seller's deadline with the days left, the likely outcome, the risk with every signal and its
weight, what to do, and the reply to send in the buyer's language.
"""

from __future__ import annotations

from datetime import date

from rules.decision import Decision, PlatformBlock


def _label(value: object) -> str:
    return str(getattr(value, "value", value)).replace("_", " ")


def _day(day: date | None, as_of: date) -> str:
    if day is None:
        return "not known"
    left = (day - as_of).days
    when = "today" if left == 0 else f"{left} day(s) left" if left > 0 else f"{-left} day(s) ago"
    return f"{day:%a %d %b %Y} ({when})"


def _window(block: PlatformBlock, decision: Decision) -> str:
    if block.dispute_window_open is None:
        return "not assessed" + (f" (the last day would be {block.dispute_deadline})" if block.dispute_deadline else "")
    state = "OPEN" if block.dispute_window_open else "CLOSED"
    return f"{state}; last day {_day(block.dispute_deadline, decision.as_of)}" if block.dispute_deadline else state


def risk_summary(decision: Decision) -> str:
    block = decision.platform
    head = f"Case {decision.case_id} (as of {decision.as_of})"
    if block is None:
        return f"{head}: no platform and no dispute - nothing to assess for dispute risk.\n"
    kind = f" {_label(block.dispute_type)}" if block.dispute_type else ""
    channel = f" via {block.channel}" if block.channel and block.channel != "platform" else ""
    lines = [f"{head} - {block.platform}{channel},{kind} ({block.dispute_kind or 'no dispute rule fits'})"]
    lines.append(f"Dispute window:      {_window(block, decision)}")
    lines.append(f"Seller answers by:   {_day(block.seller_response_deadline, decision.as_of)}")
    for label, day in (
        ("Escalation:         ", block.escalation_deadline),
        ("Refund due by:      ", block.refund_deadline),
        ("Buyer ships by:     ", block.return_deadline),
    ):
        if day is not None:
            lines.append(f"{label} {_day(day, decision.as_of)}")
    outcome = _label(block.likely_outcome) if block.likely_outcome else "not known"
    paid = f"; return shipping paid by {_label(block.return_shipping_paid_by)}" if block.return_shipping_paid_by else ""
    funded = f"; refund funded by {_label(block.refund_paid_by)}" if block.refund_paid_by else ""
    lines.append(f"Likely outcome:      {outcome}{paid}{funded}")
    if block.risk is not None:
        lines.append(f"Risk:                {block.risk.level.value.upper()} ({block.risk.score:.2f})")
        for signal in block.risk.signals:
            lines.append(f"  - {_label(signal)}: {block.risk.details.get(signal, '')}")
    if block.recommended_action:
        lines.append(f"Do:                  {block.recommended_action}")
    rec = decision.recommendation
    act = f", act by {rec.act_by}" if rec.act_by else ""
    lines.append(f"Resolution:          {_label(rec.resolution).upper()}{act}")
    if block.reply is not None:
        lines.append(f"Reply ({block.reply.language}): {block.reply.subject}")
        lines += [f"    {line}" if line else "" for line in block.reply.body.splitlines()]
    if block.why:
        lines.append("Why:")
        lines += [f"  - {why}" for why in block.why]
    if block.citation:
        lines.append(f"Cites: {block.citation}")
    for warning in decision.warnings:
        lines.append(f"Warning: {warning}")
    return "\n".join(lines) + "\n"
