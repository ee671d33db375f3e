"""Readable output for people: a decision's summary and the table of rule files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from babel.numbers import format_currency

from rules.decision import Decision


def money(amount: Decimal | float | None, currency: str | None, locale: str = "en") -> str:
    if amount is None:
        return "-"
    if not currency:
        return f"{amount:.2f}"
    return format_currency(Decimal(str(amount)), currency, locale=locale)


def _label(value: object) -> str:
    return str(getattr(value, "value", value)).replace("_", " ")


def text_summary(decision: Decision) -> str:
    rec = decision.recommendation
    law = ", ".join(decision.legal.applicable_law) or "no consumer law assessed"
    lines = [f"Case {decision.case_id} (as of {decision.as_of}) - law: {law}"]
    head = f"Recommendation: {_label(rec.resolution).upper()}"
    if rec.refund_amount is not None:
        head += f" {money(rec.refund_amount, rec.currency)}"
    head += "; return required" if rec.return_required else "; no return"
    if rec.return_required and rec.return_shipping_paid_by:
        head += f", return shipping paid by {_label(rec.return_shipping_paid_by)}"
    if rec.act_by:
        head += f"; act by {rec.act_by}"
    lines.append(head)
    lines += [f"  - {reason}" for reason in rec.reasons]
    if decision.legal.rights:
        lines.append("Rights:")
    for right in decision.legal.rights:
        mark = "yes" if right.eligible else "no "
        detail = [f"deadline {right.deadline or 'none fixed'}"]
        if right.remedies:
            detail.append("remedies " + ", ".join(_label(r) for r in right.remedies))
        if right.return_shipping_paid_by:
            detail.append(f"return paid by {_label(right.return_shipping_paid_by)}")
        if right.refund_due_within_days is not None:
            detail.append(f"refund within {right.refund_due_within_days} {_label(right.refund_due_unit)}")
        if right.refund_amount is not None:
            detail.append(f"refund {money(right.refund_amount, right.currency)}")
        if right.burden_of_proof_on:
            detail.append(f"burden of proof on {_label(right.burden_of_proof_on)}")
        lines.append(f"  [{mark}] {_label(right.right)} ({right.jurisdiction}): " + "; ".join(detail))
        lines.append(f"        {right.why}")
        lines.append(f"        cites: {right.citation}")
    if decision.platform:
        p = decision.platform
        lines.append(f"Platform: {p.platform}" + (f" ({p.channel})" if p.channel else ""))
        if p.dispute_window_open is not None:
            lines.append(
                f"  dispute window open: {'yes' if p.dispute_window_open else 'no'}; deadline {p.dispute_deadline}"
            )
        if p.seller_response_deadline:
            lines.append(f"  seller must respond by {p.seller_response_deadline}")
        if p.likely_outcome:
            lines.append(f"  likely outcome: {_label(p.likely_outcome)}")
        if p.risk:
            lines.append(f"  risk: {p.risk.level.value} ({p.risk.score:.2f}) " + ", ".join(p.risk.signals))
        if p.recommended_action:
            lines.append(f"  do: {p.recommended_action}")
    if decision.customs:
        c = decision.customs
        lines.append("Customs:")
        for hs in c.hs_codes:
            lines.append(
                f"  HS {hs.code}: {'valid' if hs.valid else 'INVALID'}"
                + (f" - {hs.description}" if hs.description else "")
                + (f" ({hs.problem})" if hs.problem else "")
            )
        for regime in c.regimes:
            mark = "yes" if regime.eligible else "no "
            amount = money(regime.refundable_amount, regime.currency) if regime.refundable_amount is not None else "-"
            lines.append(
                f"  [{mark}] {regime.regime}: deadline {regime.deadline}; refundable {amount}"
                + (f"; unmet: {', '.join(regime.unmet)}" if regime.unmet else "")
            )
        if c.flags:
            lines.append("  flags: " + ", ".join(c.flags))
    if decision.paperwork:
        lines.append("Paperwork: " + ", ".join(d.value for d in decision.paperwork))
    for warning in decision.warnings:
        lines.append(f"Warning: {warning}")
    return "\n".join(lines) + "\n"


def rules_table(on: date, codes: list[str] | None = None, figures: bool = True) -> None:
    """Print each jurisdiction's rights with their periods, then every figure in force with
    its confidence and citation: what a compliance officer checks against the statute."""
    from rich.console import Console
    from rich.table import Table

    from rules.loader import Library

    library = Library()
    library.load()
    console = Console(width=max(Console().width, 180))
    chosen = [c for c in library.codes() if not codes or c in codes]
    rights = Table(title=f"Rights in force on {on}", show_lines=False, expand=False)
    for column in ("jurisdiction", "right", "rule", "period", "refund due", "return paid by", "citation"):
        rights.add_column(column, overflow="fold")
    regimes = Table(title=f"Customs regimes in force on {on}", show_lines=False, expand=False)
    for column in ("jurisdiction", "regime", "end", "rule", "period", "share", "citation"):
        regimes.add_column(column, overflow="fold")
    shown: set[str] = set()  # EU regimes once, not under every member state's pack
    table_figures = Table(title=f"Figures in force on {on}", show_lines=False)
    for column in ("jurisdiction", "parameter", "value", "since", "confidence", "verified", "citation"):
        table_figures.add_column(column, overflow="fold")
    for code in chosen:
        pack = library.pack(code)
        if pack is None:
            continue
        for rule in pack.rules:
            if rule.role != "grant" or rule.right is None:
                continue
            period = _period_text(pack, rule.then.deadline, on)
            refund = "-"
            if rule.then.refund_due is not None:
                parameter = pack.parameters[rule.then.refund_due.within]
                value = parameter.at(on)
                refund = f"{value.value} {parameter.unit.replace('_', ' ')}" if value else "not in force"
            paid = _label(rule.then.return_shipping_paid_by) if rule.then.return_shipping_paid_by else "-"
            eligible = "" if rule.then.eligible is not False else " (none)"
            rights.add_row(code, _label(rule.right) + eligible, rule.key, period, refund, paid, rule.citation_text)
        for rule in pack.rules:
            if rule.role != "grant" or rule.regime is None or rule.id in shown:
                continue
            shown.add(rule.id)
            end = str(rule.when.get("route_end", "-"))
            share = "-"
            if rule.then.share:
                value = pack.parameters[rule.then.share].at(on)
                share = f"{value.value} of {rule.then.basis or 'duty'}" if value else "not in force"
            period = _period_text(pack, rule.then.deadline, on)
            regimes.add_row(rule.file.code, rule.regime, end, rule.key, period, share, rule.citation_text)
        for name, parameter in pack.parameters.items():
            value = parameter.at(on)
            if value is None:
                table_figures.add_row(code, name, "not in force", "-", "-", "-", "-")
                continue
            since = max(d for d in parameter.values if d <= on)
            unit = "" if parameter.unit in ("flag", "text", "list") else f" {parameter.unit.replace('_', ' ')}"
            table_figures.add_row(
                code,
                name,
                f"{value.value}{unit}",
                str(since),
                value.confidence.value,
                str(value.verified_on),
                str(value.citation),
            )
    console.print(rights)
    if shown:
        console.print(regimes)
    if figures:
        console.print(table_figures)


def _period_text(pack: object, name: str | None, on: date) -> str:
    from rules.loader import Pack
    from rules.schema import LengthFromCase

    assert isinstance(pack, Pack)
    if not name or name == "none":
        return "no fixed period"
    period = pack.periods[name].value
    if period.earliest_of or period.latest_of:
        which = "earliest" if period.earliest_of else "latest"
        return f"{which} of " + ", ".join(_period_text(pack, p, on) for p in (period.earliest_of or period.latest_of))
    if period.ends is not None:
        ends = period.ends if isinstance(period.ends, list) else [period.ends]
        return "ends on the " + " or ".join(ends).replace("_", " ") + " date"
    if isinstance(period.length, LengthFromCase):
        return f"the case's {period.length.fact} ({period.length.unit}) from {period.starts}".replace("_", " ")
    parameter = pack.parameters[period.length]  # type: ignore[index]
    value = parameter.at(on)
    length = f"{value.value} {parameter.unit.replace('_', ' ')}" if value else "not in force"
    starts = period.starts if isinstance(period.starts, list) else [period.starts or ""]
    return f"{length} from {' or '.join(starts).replace('_', ' ')}"
