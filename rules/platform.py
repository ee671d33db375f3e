"""The Decision's platform block: where a marketplace dispute or chargeback stands, and how it will end.

Which file speaks (`platform_of`): the dispute's channel when it is a card network, a processor
or PayPal, since they judge a dispute whatever shop sold the goods; else the sale's platform.
That file (disputes/platforms/<id>.yaml) is a pack like a jurisdiction's: `prepare` turns its
thresholds into facts and counts its periods with its own counting rules (business days skip
the public holidays of the buyer's country where a platform does not say whose); its rules fire
in durable_rules beside the law's (rules.pipeline). `assemble` then does for disputes what
rules.rights does for rights: per dispute kind, grants give the timetable and the likely
outcome, amends change them (in file order, so a later rule wins), bars exclude the dispute.
rules.platform_advice hands the result to disputes/ (risk, action, reply), which imports
nothing from rules/.

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

from rules.case import Case
from rules.decision import PlatformBlock, Reply, Risk, TraceLine
from rules.drafts import Draft, collect
from rules.engine import Firing
from rules.facts import order_total
from rules.loader import Library, Pack
from rules.periods import PeriodResult, compute_periods, keyed_day
from rules.platform_advice import advise
from rules.rights import join_citations, period_line
from rules.vocab import LikelyOutcome, Party, RiskLevel

# Channels that judge a dispute themselves, whichever shop or marketplace sold the goods
CHANNEL_FILES = frozenset({"paypal", "visa", "mastercard", "amex", "stripe"})
_TIMETABLE = ("deadline", "respond_by", "escalate_by", "refund_by", "return_by")
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


def _draft(firings: list[Firing], case: Case, facts: dict[str, Any], trace: list[TraceLine]) -> Draft | None:
    """The dispute the case falls under: the first granted (a file's grants exclude each other)."""
    drafts, lines = collect(firings, lambda rule: rule.dispute, case, facts, label="dispute ")
    trace += lines
    return next(iter(drafts.values()), None)


@dataclass
class Standing:
    """Where the case's dispute stands on its platform's timetable."""

    name: str  # the platform's display name
    draft: Draft | None
    timetable: dict[str, PeriodResult | None]  # deadline, respond_by, ... -> the period, if any
    window_open: bool | None
    valid: bool  # a dispute exists and is not out of time
    likely: LikelyOutcome | None
    frozen_days: int | None = None  # the file's tracking_frozen_days in force, if it gives one

    @property
    def outcome(self) -> dict[str, Any]:
        return self.draft.outcome if self.draft is not None else {}

    def day(self, key: str) -> date | None:
        """A date of the timetable; only a valid dispute has its seller, refund and return dates."""
        result = self.timetable.get(key)
        if result is None or (key != "deadline" and not self.valid):
            return None
        return result.deadline


def standing(prepared: PlatformPrepared, case: Case, draft: Draft | None) -> Standing:
    pack = prepared.pack
    name = pack.name if pack is not None else _NAMES.get(prepared.code, prepared.code)
    outcome = draft.outcome if draft is not None else {}
    timetable = {
        key: prepared.periods.get(outcome[key]) if outcome.get(key) not in (None, "none") else None
        for key in _TIMETABLE
    }
    window = timetable["deadline"]
    window_open: bool | None = None
    if draft is not None and draft.bars:
        window_open = False
    elif window is not None and window.status != "not_started":
        window_open = window.status == "open"
    opened = case.dispute is not None
    # a dispute the platform accepted stands unless its window is known to be closed
    valid = opened and draft is not None and window_open is not False
    likely = outcome.get("likely_outcome")
    if draft is not None and window_open is False:
        # a dispute opened out of time fails; one not opened cannot be any more
        likely = LikelyOutcome.seller_wins if opened else None
    frozen = _value(pack, case, "tracking_frozen_days") if pack is not None else None
    return Standing(name, draft, timetable, window_open, valid, likely, int(frozen) if frozen is not None else None)


def _why(prepared: PlatformPrepared, standing: Standing) -> tuple[list[str], list[str]]:
    """(why, warnings): the rules' reasons, then each date of the timetable explained."""
    why: list[str] = []
    warnings: list[str] = []
    draft = standing.draft
    if prepared.pack is None:
        if prepared.code == "other":
            why.append("No platform or card network is named: the dispute came to the store itself.")
        else:
            warnings.append(f"no rule file for platform '{prepared.code}': its dispute windows are not assessed")
        return why, warnings
    if draft is None:
        claim = str(prepared.facts.get("claim_type") or "unknown").replace("_", " ")
        why.append(f"No {standing.name} dispute covers this case (claim: {claim}).")
        return why, warnings
    why += [" ".join(rule.why.split()) for rule in (*draft.bars, draft.grant, *draft.amends)]
    for key, result in standing.timetable.items():
        if result is not None and (key == "deadline" or standing.valid):
            what = "Window" if key == "deadline" else key.replace("_", " ").capitalize()
            why.append(f"{what}: {result.explain()}.")
    return why, warnings


def assemble(prepared: PlatformPrepared, case: Case, firings: list[Firing]) -> Assembled:
    trace: list[TraceLine] = []
    draft = _draft(firings, case, prepared.facts, trace) if prepared.pack is not None else None
    where = standing(prepared, case, draft)
    why, warnings = _why(prepared, where)
    if prepared.pack is not None:
        for result in {r.name: r for r in where.timetable.values() if r is not None}.values():
            trace.append(period_line(prepared.pack, result))
    scored, plan, reply = advise(prepared, case, where)
    outcome = where.outcome
    citations = []
    if draft is not None:
        citations = [rule.citation for rule in (*draft.bars, draft.grant, *draft.amends)]
        for key in ("deadline", "respond_by"):
            timed = where.timetable[key]
            if timed is not None and timed.value is not None:
                citations.append(timed.value.citation)
    dispute = case.dispute
    block = PlatformBlock(
        platform=prepared.code,
        channel=dispute.channel.value if dispute is not None and dispute.channel is not None else None,
        dispute_type=prepared.facts.get("claim_type"),
        dispute_kind=draft.subject if draft is not None else None,
        dispute_window_open=where.window_open,
        dispute_deadline=where.day("deadline"),
        seller_response_deadline=where.day("respond_by"),
        escalation_deadline=where.day("escalate_by"),
        refund_deadline=where.day("refund_by"),
        return_deadline=where.day("return_by"),
        likely_outcome=where.likely,
        return_shipping_paid_by=Party(outcome["return_shipping_paid_by"])
        if outcome.get("return_shipping_paid_by")
        else None,
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
