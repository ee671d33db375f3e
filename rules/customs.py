"""The Decision's customs block: every regime at both ends of the return route.

A return crosses two customs borders: the goods *leave* the country they had been imported
into (where a refund of what was paid may be due) and *enter* the country they first left
(where a relief may let them back in free). For each end the jurisdiction's pack runs with
facts about that end; the regime rules that fire (grant / amend / bar, as for rights) give,
for each regime, whether it is available, its deadline from the case's dates (also when
another condition fails), the refundable share and amount, the conditions unmet and the
citation. The pure computations (HS checks, money, flags) live in the `customs` package.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from customs import relief
from customs.flags import Goods, all_flags
from customs.hs import check_code, tariff_area
from rules.calendar import calendar_for
from rules.case import Case
from rules.customs_thresholds import Paid, de_minimis, governs, paid_at_import
from rules.decision import CustomsBlock, HSCodeCheck, RegimeOutcome, TraceLine
from rules.drafts import collect
from rules.engine import Firing
from rules.facts import put_fact
from rules.loader import Pack, PackRule
from rules.periods import PeriodResult, keyed_day
from rules.rights import join_citations, period_line
from rules.schema import Citation, CountingRule
from rules.vocab import FAULT_REASONS, Document, ItemCondition, RouteEnd

if TYPE_CHECKING:
    from rules.pipeline import Assessor, Prepared

CBEC_IMPORT_CODES = frozenset({"1210", "9610"})
CBEC_EXPORT_CODES = frozenset({"1210", "9610", "9710", "9810"})


@dataclass(frozen=True)
class Route:
    leaving: str  # the goods leave this country again
    entering: str  # and come back into this one


@dataclass
class CustomsResult:
    block: CustomsBlock
    trace: list[TraceLine] = field(default_factory=list)
    versions: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


def route_of(case: Case) -> Route | None:
    """Where the return goes, from the case's customs data; None without a customs border."""
    customs = case.customs
    if customs is None:
        return None
    shipment, imp, exp = customs.return_shipment, customs.original_import, customs.original_export
    leaving = (
        (shipment.from_country if shipment else None)
        or (imp.country if imp else None)
        or case.order.delivery_country
        or case.buyer.country
    )
    entering = (shipment.to_country if shipment else None) or (exp.country if exp else None) or case.seller.country
    if tariff_area(leaving) == tariff_area(entering):  # e.g. DE -> FR: one customs union
        return None
    return Route(leaving, entering)


def customs_pack(assessor: Assessor, country: str) -> Pack | None:
    """The pack whose customs rules govern a country: its own, else the EU's for a member state."""
    library = assessor.library
    for code in (country, tariff_area(country)):
        if code in library.files and not library.files[code].spec.part:
            return library.pack(code)
    return None


# -- facts about one end --------------------------------------------------------------------


def end_facts(case: Case, country: str, end: RouteEnd, paid: Paid) -> dict[str, Any]:
    """Facts about one end; `paid` is what the original import paid (recorded, none under a
    threshold, or estimated)."""
    customs = case.customs
    assert customs is not None
    area = tariff_area(country)
    imp, exp, ship = customs.original_import, customs.original_export, customs.return_shipment
    f: dict[str, Any] = {"route_end": end.value}
    if imp is not None:
        f["imported_here"] = tariff_area(imp.country or case.order.delivery_country or case.buyer.country) == area
        duty, vat = paid.duty, paid.vat
        if duty is not None:
            f["duty_paid"] = duty > 0
        if vat is not None:
            f["import_vat_paid"] = vat > 0
        if duty is not None or vat is not None:
            f["tax_paid"] = (duty or 0) + (vat or 0) > 0
        put_fact(f, "importer_of_record", imp.importer_of_record)
        put_fact(f, "importer_is_consumer", imp.importer_is_consumer)
        put_fact(f, "importer_vat_registered", imp.importer_vat_registered)
        put_fact(f, "ioss", imp.ioss)
        put_fact(f, "import_regime_code", imp.regime_code)
        f["cbec_import"] = imp.regime_code in CBEC_IMPORT_CODES
    if exp is not None:
        f["exported_from_here"] = tariff_area(exp.country or case.seller.country) == area
        put_fact(f, "exported_in_free_circulation", exp.in_free_circulation)
        put_fact(f, "drawback_claimed", exp.drawback_claimed)
        put_fact(f, "exported_under_lease", exp.under_lease)
        put_fact(f, "export_regime_code", exp.regime_code)
        f["cbec_export"] = exp.regime_code in CBEC_EXPORT_CODES
    elif end == RouteEnd.entering and tariff_area(case.seller.country) == area:
        f["exported_from_here"] = True  # the seller sent them from here; no export record given
    origins = [item.origin_country for item in case.items]
    if all(origins):
        f["goods_of_this_origin"] = all(tariff_area(o) == area for o in origins if o)
    if ship is not None:
        put_fact(f, "work_done_abroad", ship.work_done_abroad)
        put_fact(f, "reimporter_is_original_exporter", ship.reimporter_is_original_exporter)
        put_fact(f, "extension_approved", ship.extension_approved)
    put_fact(f, "point_of_sale_vat", customs.point_of_sale_vat)
    put_fact(f, "personal_use", customs.personal_use)
    put_fact(f, "purchase_channel", customs.purchase_channel)
    return f


# -- regimes --------------------------------------------------------------------------------


def notice_of_intent_day(pack: Pack, case: Case) -> date | None:
    """The last day for a notice due some working days before the return export (CBP 7553)."""
    parameter = pack.parameters.get("notice_of_intent_working_days")
    export = keyed_day(case, "return_export") if case.customs and case.customs.return_shipment else None
    in_force = parameter.at(export) if parameter and export else None
    if export is None or in_force is None:
        return None
    calendar = calendar_for(pack.holidays_country or pack.code, None, _WORKING_DAYS)
    return relief.working_days_before(export, int(in_force.value), calendar.is_working_day)


# Monday to Friday without public holidays; built once (model_construct is slow per call)
_WORKING_DAYS = CountingRule.model_construct(
    day_one="day_after_event",
    last_day_off_work="stays",
    weekend=["saturday", "sunday"],
    public_holidays=True,
    holiday_categories=["public"],
)


def _lines(case: Case, barred: dict[int, PackRule]) -> list[relief.Line]:
    return [
        relief.Line(
            key=item.sku or f"line {i + 1}",
            returned_value=item.line_total,
            imported_value=item.unit_price * (item.quantity_imported or item.quantity),
            qualifies=i not in barred,
        )
        for i, item in enumerate(case.items)
    ]


def assemble_regimes(
    pack: Pack,
    case: Case,
    facts: dict[str, Any],
    periods: dict[str, PeriodResult],
    firings: list[Firing],
    end: RouteEnd,
    paid: Paid,
) -> tuple[list[RegimeOutcome], list[TraceLine]]:
    drafts, trace = collect(firings, lambda rule: rule.regime, case, facts, label="regime ")

    outcomes: list[RegimeOutcome] = []
    used_periods: list[str] = []
    imp = case.customs.original_import if case.customs else None
    for regime, draft in drafts.items():
        outcome = draft.outcome
        why = [draft.grant.why] + [r.why for r in draft.amends]
        citations: list[Citation] = [draft.grant.citation] + [r.citation for r in draft.amends]
        unmet = [r.unmet for r in draft.bars if r.unmet]
        why = [r.why for r in draft.bars] + why
        citations += [r.citation for r in draft.bars]
        lines = _lines(case, draft.barred_items)
        if draft.barred_items:
            citations += [r.citation for r in draft.barred_items.values()]
            excluded = "; ".join(f"{lines[i].key}: {r.why}" for i, r in draft.barred_items.items())
            if all(not line.qualifies for line in lines):
                unmet += [r.unmet for r in draft.barred_items.values() if r.unmet]
                why.insert(0, f"No line qualifies ({excluded}).")
            else:
                why.append(f"Lines that do not qualify count 0 ({excluded}).")

        deadline: date | None = None
        period_name = outcome.get("deadline")
        if period_name and period_name != "none":
            result = periods[period_name]
            used_periods.append(period_name)
            deadline = result.deadline
            if result.status == "closed":
                unmet.append(outcome.get("late") or "in_time")
                why.insert(0, f"Too late: {result.explain()}.")
            elif result.status == "open":
                why.append(f"In time: {result.explain()}.")
            else:
                # without the date the period runs from, nothing shows the goods are in time
                starts = pack.periods[period_name].value.starts
                anchor = starts[0] if isinstance(starts, list) else starts
                unmet.append(f"{anchor}_date_recorded")
                why.insert(0, f"Deadline unknown: {result.explain()}.")

        notice = notice_of_intent_day(pack, case) if "cbp_7553" in (outcome.get("documents") or []) else None
        if notice is not None:
            why.append(f"File the notice of intent to export (CBP Form 7553) by {notice}.")
        eligible = outcome.get("eligible", True) is not False and not unmet
        share_name, basis = outcome.get("share"), outcome.get("basis")
        share_value = refundable = amount = None
        if share_name:
            parameter = pack.parameters[share_name]
            in_force = parameter.at(keyed_day(case, parameter.keyed_by))
            if in_force is not None:
                citations.append(in_force.citation)
                on_returned = relief.paid_on_returned(paid.duty, paid.vat, basis, lines)
                result_refund = relief.refund(Decimal(str(in_force.value)), lines, on_returned, eligible)
                if paid.note and eligible:
                    why.append(paid.note)
                share_value, amount = result_refund.share, result_refund.amount
                refundable = share_value
        outcomes.append(
            RegimeOutcome(
                regime=regime,
                jurisdiction=draft.grant.file.code,  # EU customs law is the Union's own
                end=end.value,
                kind="refund" if share_name else "relief",
                eligible=eligible,
                deadline=deadline,
                refundable_share=refundable,
                refundable_amount=amount,
                currency=((imp.currency if imp else None) or case.order.currency) if share_name else None,
                basis=basis,
                unmet=list(dict.fromkeys(unmet)),
                citation=join_citations(citations),
                documents=[Document(d) for d in outcome.get("documents") or []],
                why=" ".join(w.strip() for w in why if w),
            )
        )
    for name in dict.fromkeys(used_periods):
        trace.append(period_line(pack, periods[name]))
    return outcomes, trace


# -- the block ------------------------------------------------------------------------------


def hs_checks(case: Case, route: Route) -> list[HSCodeCheck]:
    day = keyed_day(case, "return_export")
    checks = []
    for item in case.items:
        if not item.hs_code:
            checks.append(
                HSCodeCheck(
                    code="", valid=False, sku=item.sku, problem="no HS code given: the return invoice needs one"
                )
            )
            continue
        result = check_code(item.hs_code, (route.leaving, route.entering), day)
        checks.append(
            HSCodeCheck(
                code=item.hs_code,
                valid=result.valid,
                description=result.description,
                problem=result.problem,
                edition=result.edition,
                sku=item.sku,
                note=result.note,
            )
        )
    return checks


def goods_flags(case: Case, checks: list[HSCodeCheck]) -> list[str]:
    reason = case.return_request.reason if case.return_request else None
    goods = []
    for item, check in zip(case.items, checks, strict=True):
        defective = item.condition == ItemCondition.defective or (item.return_reason or reason) in FAULT_REASONS
        code = "".join(ch for ch in check.code if ch.isdigit()) if check.valid else None
        goods.append(Goods(code, item.category.value if item.category else None, defective))
    return all_flags(goods)


@dataclass
class EndJob:
    """One end of the route, made ready for the engine."""

    country: str
    end: RouteEnd
    pack: Pack
    facts: dict[str, Any]
    items: list[dict[str, Any]]
    periods: dict[str, Any]
    paid: Paid


@dataclass
class CustomsPlan:
    result: CustomsResult
    jobs: list[EndJob]


def plan_customs(assessor: Assessor, case: Case, prepared: Prepared | None = None) -> CustomsPlan | None:
    """Everything but the engine run: route, HS checks, de minimis, facts for each end.
    `prepared` (the case prepared for its consumer-law pack) is reused where the pack is the same."""
    route = route_of(case)
    if route is None:
        return None
    checks = hs_checks(case, route)
    plan = CustomsPlan(CustomsResult(CustomsBlock(hs_codes=checks, flags=goods_flags(case, checks))), [])
    for country, end in ((route.leaving, RouteEnd.leaving), (route.entering, RouteEnd.entering)):
        pack = customs_pack(assessor, country)
        if pack is None:
            plan.result.warnings.append(f"no customs rules for {country}: its regimes were not assessed")
            continue
        minimis = de_minimis(pack, case, end, country)
        plan.result.block.de_minimis += minimis
        ready = (
            prepared if prepared is not None and prepared.pack is not None and prepared.pack.key == pack.key else None
        )
        ready = ready or assessor.prepare(case, pack, part="regimes")
        paid = paid_at_import(pack, case, country, minimis) if end == RouteEnd.leaving else Paid(None, None)
        facts = {**ready.facts, **end_facts(case, country, end, paid)}
        items = [
            {**item, "item_origin_here": tariff_area(line.origin_country) == tariff_area(country)}
            if line.origin_country
            else item
            for item, line in zip(ready.items, case.items, strict=True)
        ]
        plan.jobs.append(EndJob(country, end, pack, facts, items, ready.periods, paid))
    return plan


def finish_customs(case: Case, plan: CustomsPlan, fired: list[list[Firing]]) -> CustomsResult:
    """The customs block from the rules that fired at each end (`fired` in the order of `plan.jobs`)."""
    result = plan.result
    for job, firings in zip(plan.jobs, fired, strict=True):
        mine = [f for f in firings if governs(f.rule.file.code, job.country)]
        regimes, trace = assemble_regimes(job.pack, case, job.facts, job.periods, mine, job.end, job.paid)
        if not any(r.regime and governs(r.file.code, job.country) for r in job.pack.rules):
            result.warnings.append(f"no customs regimes known for {job.country}: none assessed at that end")
        result.block.regimes += regimes
        result.trace += trace
        result.versions.update(job.pack.versions)
    return result
