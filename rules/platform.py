"""The Decision's platform block: where a marketplace dispute or chargeback stands, and how it will end.

Which file speaks (`platform_of`): the dispute's channel when it is a card network, a processor
or PayPal, since they judge a dispute whatever shop sold the goods; else the sale's platform.
That file (disputes/platforms/<id>.yaml) is a pack like a jurisdiction's: `prepare` turns its
thresholds into facts and counts its periods with its own counting rules (business days skip
the public holidays of the buyer's country where a platform does not say whose); its rules fire
in durable_rules beside the law's (rules.pipeline). `assemble` then does for disputes what
rules.rights does for rights: per dispute kind, grants give the timetable and the likely
outcome, amends change them (in file order, so a later rule wins), bars exclude the dispute.
disputes.risk weighs the evidence, disputes.actions says what to do, disputes.replies words the
answer in the buyer's language. Nothing in disputes/ imports rules/: this module adapts.

Parameters with these names have a meaning here, besides the periods a file's rules name:
  signature_threshold     the order total from which delivery must be signed for ({currency: amount})
  protection_cap          the most the platform's own purchase protection refunds ({currency: amount})
  protection_cap_holiday  a higher cap for orders placed in `protection_cap_holiday_months`
  tracking_frozen_days    days without a carrier event after which a parcel counts as lost
An amount is compared only in the currency it is written in: with no exchange rate at hand, an
order in another currency leaves the fact unknown rather than guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from babel.numbers import format_currency

from disputes import actions, replies, risk
from rules.case import Case
from rules.decision import PlatformBlock, Reply, Risk, TraceLine
from rules.engine import Firing
from rules.facts import order_total, returned_value
from rules.loader import Library, Pack, PackRule
from rules.periods import PeriodResult, compute_periods, keyed_day, last_parcel
from rules.rights import join_citations, period_line, trace_line
from rules.vocab import LikelyOutcome, Party, RiskLevel

# Channels that judge a dispute themselves, whichever shop or marketplace sold the goods
CHANNEL_FILES = frozenset({"paypal", "visa", "mastercard", "amex", "stripe"})
_TIMETABLE = ("deadline", "respond_by", "escalate_by", "refund_by", "return_by")
_FIELDS = (*_TIMETABLE, "likely_outcome", "return_shipping_paid_by", "refund_paid_by")
_NAMES = {"amex": "American Express", "other": "the store"}


def platform_of(case: Case) -> str | None:
    """The platform whose rules judge the case: a card network, processor or PayPal running the
    dispute, else the marketplace or shop platform of the sale; `other` for a dispute with neither."""
    dispute = case.dispute
    if dispute is not None and dispute.channel is not None and dispute.channel.value in CHANNEL_FILES:
        return dispute.channel.value
    if case.sale.platform is not None:
        return case.sale.platform.value
    return "other" if dispute is not None else None


@dataclass
class PlatformPrepared:
    code: str
    pack: Pack | None
    facts: dict[str, Any]
    periods: dict[str, PeriodResult] = field(default_factory=dict)

    @property
    def versions(self) -> dict[str, str]:
        return self.pack.versions if self.pack is not None else {}


def prepare(library: Library, case: Case, facts: dict[str, Any]) -> PlatformPrepared | None:
    """The platform's own facts and periods; `facts` (the case's) is copied, never changed."""
    code = platform_of(case)
    if code is None:
        return None
    source = library.files.get(code)
    pack = library.pack(code) if source is not None and source.spec.kind == "platform" else None
    own = dict(facts)
    if pack is None:
        return PlatformPrepared(code, None, own)
    total = order_total(case)
    threshold = _amount(pack, case, "signature_threshold")
    if threshold is not None:
        own["signature_required"] = total >= threshold
    cap = _protection_cap(pack, case)
    if cap is not None:
        own["within_protection_cap"] = total <= cap
    periods = compute_periods(pack, case, own)
    for name, result in periods.items():
        own[f"period_{name}"] = result.status
    for name in pack.condition_params:
        value = _value(pack, case, name)
        if value is not None:
            own[f"param_{name}"] = value
    return PlatformPrepared(code, pack, own, periods)


def _value(pack: Pack, case: Case, name: str) -> Any:
    parameter = pack.parameters.get(name)
    if parameter is None:
        return None
    value = parameter.at(keyed_day(case, parameter.keyed_by))
    return value.value if value is not None else None


def _amount(pack: Pack, case: Case, name: str) -> Decimal | None:
    """A threshold in the order's currency, if the file writes one in it."""
    value, currency = _value(pack, case, name), case.order.currency
    if value is None or currency is None:
        return None
    if isinstance(value, dict):
        value = value.get(currency)
    elif pack.parameters[name].currency != currency:
        value = None
    return Decimal(str(value)) if value is not None else None


def _protection_cap(pack: Pack, case: Case) -> Decimal | None:
    months = _value(pack, case, "protection_cap_holiday_months") or []
    ordered = case.order.ordered_at
    if ordered is not None and ordered.month in months:
        holiday = _amount(pack, case, "protection_cap_holiday")
        if holiday is not None:
            return holiday
    return _amount(pack, case, "protection_cap")


@dataclass
class Assembled:
    block: PlatformBlock
    trace: list[TraceLine]
    warnings: list[str]


@dataclass
class _Draft:
    dispute: str
    grant: PackRule
    outcome: dict[str, Any] = field(default_factory=dict)
    amends: list[PackRule] = field(default_factory=list)
    bars: list[PackRule] = field(default_factory=list)

    def apply(self, rule: PackRule) -> None:
        for name in _FIELDS:
            value = getattr(rule.then, name)
            if value is not None:
                self.outcome[name] = value


def _draft(firings: list[Firing], facts: dict[str, Any], trace: list[TraceLine]) -> _Draft | None:
    """The dispute the case falls under: the first granted (a file's grants exclude each other)."""
    drafts: dict[str, _Draft] = {}
    for firing in firings:
        rule = firing.rule
        if rule.role == "grant" and rule.dispute:
            draft = drafts.setdefault(rule.dispute, _Draft(rule.dispute, rule))
            draft.grant = rule
            draft.apply(rule)
            trace.append(trace_line(rule, facts, f"grant dispute {rule.dispute}"))
    for firing in firings:
        rule = firing.rule
        found = drafts.get(rule.dispute or "")
        if found is None or rule.role not in ("amend", "bar"):
            continue
        if rule.role == "amend":
            found.amends.append(rule)
            found.apply(rule)
        else:
            found.bars.append(rule)
        trace.append(trace_line(rule, facts, f"{rule.role} dispute {rule.dispute}"))
    return next(iter(drafts.values()), None)


def assemble(prepared: PlatformPrepared, case: Case, firings: list[Firing]) -> Assembled:
    pack, facts, periods = prepared.pack, prepared.facts, prepared.periods
    name = pack.name if pack is not None else _NAMES.get(prepared.code, prepared.code)
    trace: list[TraceLine] = []
    warnings: list[str] = []
    why: list[str] = []
    draft = _draft(firings, facts, trace) if pack is not None else None
    dispute = case.dispute
    opened = dispute is not None
    outcome: dict[str, Any] = draft.outcome if draft else {}

    def timed(key: str) -> PeriodResult | None:
        period = outcome.get(key)
        return periods.get(period) if period and period != "none" else None

    window = timed("deadline")
    window_open: bool | None = None
    if draft is not None and draft.bars:
        window_open = False
    elif window is not None and window.status != "not_started":
        window_open = window.status == "open"
    # a dispute the platform accepted stands unless its window is known to be closed
    valid = opened and draft is not None and window_open is not False

    if pack is None:
        if prepared.code == "other":
            why.append("No platform or card network is named: the dispute came to the store itself.")
        else:
            warnings.append(f"no rule file for platform '{prepared.code}': its dispute windows are not assessed")
    elif draft is None:
        claim = facts.get("claim_type")
        why.append(f"No {name} dispute covers this case (claim: {str(claim or 'unknown').replace('_', ' ')}).")
    else:
        why += [" ".join(rule.why.split()) for rule in (*draft.bars, draft.grant, *draft.amends)]

    likely = outcome.get("likely_outcome")
    if draft is not None and window_open is False:
        # a dispute opened out of time fails; one not opened cannot be any more
        likely = LikelyOutcome.seller_wins if opened else None
    used = {key: timed(key) for key in _TIMETABLE}
    for key, result in used.items():
        if result is not None and pack is not None and (key == "deadline" or valid):
            what = "Window" if key == "deadline" else key.replace("_", " ").capitalize()
            why.append(f"{what}: {result.explain()}.")
    if pack is not None:
        for result in {r.name: r for r in used.values() if r is not None}.values():
            trace.append(period_line(pack, result))

    def deadline(key: str) -> date | None:
        result = used[key]
        return result.deadline if valid and result is not None else None

    respond = used["respond_by"]
    response_passed = bool(valid and respond is not None and respond.status == "closed")
    respond_by = deadline("respond_by")
    return_by = deadline("return_by")
    promised = case.order.agreed_delivery_date or case.order.estimated_delivery_latest
    delivered = bool(facts.get("delivered"))
    frozen = _value(pack, case, "tracking_frozen_days") if pack is not None else None
    evidence = risk.Evidence(
        dispute_open=opened,
        claim_type=facts.get("claim_type"),
        chargeback=bool(facts.get("chargeback")),
        window_open=window_open,
        delivered=delivered,
        delivery_confirmed=facts.get("delivery_confirmed"),
        signature=facts.get("signature"),
        signature_required=facts.get("signature_required"),
        delivered_to_transaction_address=facts.get("delivered_to_transaction_address"),
        tracking_known=bool(facts.get("tracking_known")),
        tracking_registered=facts.get("tracking_registered"),
        tracking_silent_days=facts.get("tracking_silent_days"),
        tracking_frozen_days=int(frozen) if frozen is not None else risk.DEFAULT_FROZEN_DAYS,
        past_promised_delivery=bool(facts.get("delivered_late")) and not delivered,
        seller_responded=bool(facts.get("seller_responded")),
        response_deadline_passed=response_passed,
        response_days_left=(respond_by - case.as_of).days if respond_by else None,
        brand_authorization=bool(facts.get("seller_has_brand_authorization")),
        seller_photos=bool(facts.get("seller_has_photos")),
        buyer_photos=bool(facts.get("buyer_has_photos")),
        return_costs_more=bool(facts.get("return_shipping_exceeds_value") or facts.get("returnless_threshold_met")),
        escalated=bool(facts.get("dispute_escalated")),
        buyer_accepted_offer=facts.get("buyer_accepted_offer"),
    )
    scored = risk.assess(evidence)
    amount = _refund_amount(case, facts)
    currency = case.order.currency
    plan = actions.plan(
        actions.Situation(
            platform=name,
            claim_type=facts.get("claim_type"),
            dispute_open=opened,
            chargeback=bool(facts.get("chargeback")),
            window_open=window_open,
            window_deadline=window.deadline if window is not None else None,
            respond_by=respond_by,
            processor_due_by=dispute.processor_due_by if dispute is not None else None,
            return_by=return_by,
            likely_outcome=likely.value if likely is not None else None,
            signals=frozenset(s.id for s in scored.signals),
            amount=format_currency(amount, currency, locale="en") if currency else None,
            requested_solution=facts.get("requested_solution"),
            in_transit_until=promised if promised is not None and not delivered and promised >= case.as_of else None,
        )
    )
    paid_by = outcome.get("return_shipping_paid_by")
    reply = _reply(case, plan.reply, amount, return_by, paid_by)
    citations = []
    if draft is not None:
        citations = [rule.citation for rule in (*draft.bars, draft.grant, *draft.amends)]
        citations += [r.value.citation for r in (window, respond) if r is not None and r.value is not None]
    block = PlatformBlock(
        platform=prepared.code,
        channel=dispute.channel.value if dispute is not None and dispute.channel is not None else None,
        dispute_type=facts.get("claim_type"),
        dispute_kind=draft.dispute if draft is not None else None,
        dispute_window_open=window_open,
        dispute_deadline=window.deadline if window is not None else None,
        seller_response_deadline=respond_by,
        escalation_deadline=deadline("escalate_by"),
        refund_deadline=deadline("refund_by"),
        return_deadline=return_by,
        likely_outcome=likely,
        return_shipping_paid_by=Party(paid_by) if paid_by is not None else None,
        refund_paid_by=Party(outcome["refund_paid_by"]) if outcome.get("refund_paid_by") else None,
        risk=Risk(
            level=RiskLevel(scored.level),
            score=scored.score,
            signals=[s.id for s in scored.signals],
            details={s.id: f"{s.detail} ({s.weight:+.2f})" for s in scored.signals},
        ),
        recommended_action=plan.action,
        reply=Reply(language=reply.language, subject=reply.subject, body=reply.body),
        citation=join_citations(citations) if citations else None,
        why=why,
    )
    return Assembled(block, trace, warnings)


def _refund_amount(case: Case, facts: dict[str, Any]) -> Decimal:
    """What settling would refund: the buyer's own figure, else the whole order for a parcel that
    never came, else the lines in question."""
    dispute = case.dispute
    if dispute is not None and dispute.requested_amount is not None:
        return dispute.requested_amount.amount
    return order_total(case) if facts.get("claim_type") == "not_received" else returned_value(case)


def _reply(case: Case, key: str, amount: Decimal, return_by: date | None, paid_by: Any) -> replies.Reply:
    tracking, dispute = case.tracking, case.dispute
    flags = set()
    if tracking is not None and tracking.signature:
        flags.add("signed")
    if paid_by is not None:
        flags.add(f"{Party(paid_by).value}_pays_return")
    requested = dispute.requested_amount.amount if dispute is not None and dispute.requested_amount else None
    values = replies.Values(
        order=case.order.order_id,
        amount=amount,
        requested=requested,
        currency=case.order.currency,
        carrier=tracking.carrier if tracking is not None else None,
        delivered_on=last_parcel(case),
        expected_by=case.order.agreed_delivery_date or case.order.estimated_delivery_latest,
        last_event=tracking.last_event_at if tracking is not None else None,
        return_by=return_by,
        name=case.buyer.name,
        seller=case.seller.name,
        flags=frozenset(flags),
    )
    return replies.render(key, case.buyer.language, case.buyer.country, values)
