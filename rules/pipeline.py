"""Assess a case end to end: facts, periods, the engine, rights, the recommendation.

    assessor = Assessor()                 # loads the rule files in force once
    decision = assessor.assess(case)      # one case
    for d in assessor.assess_many(cases): # many: the engine sees them in batches
        ...

Per-case work outside the engine is kept lean: facts and periods are plain Python, the
engine evaluates a batch of cases per call, and nothing is read from disk per case.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from rules.case import Case, unknown_fields
from rules.customs import CustomsResult, finish_customs, plan_customs, route_of
from rules.decision import Decision, Legal
from rules.engine import ENGINE, Firing
from rules.facts import case_facts, item_facts, main_reason
from rules.loader import Library, Pack
from rules.paperwork import paperwork_for
from rules.periods import PeriodResult, compute_periods, keyed_day, last_parcel
from rules.platform import PlatformPrepared
from rules.platform import assemble as assemble_platform
from rules.platform import prepare as prepare_platform
from rules.resolver import recommend
from rules.rights import Assessed, assemble

BATCH = 256  # cases prepared together: the engine then sees each pack once per batch


@dataclass
class Prepared:
    """A case made ready for the engine."""

    case: Case
    pack: Pack | None
    facts: dict[str, Any]
    items: list[dict[str, Any]]
    periods: dict[str, PeriodResult]
    warnings: list[str]
    platform: PlatformPrepared | None = None  # the platform or card network judging a dispute


class Assessor:
    def __init__(self, library: Library | None = None):
        if library is None:
            library = Library()
            problems = library.load()
            if problems:
                raise RuntimeError("rule files refused:\n" + "\n".join(str(p) for p in problems))
        self.library = library

    # -- choosing the law -------------------------------------------------------------------

    def buyer_pack(self, case: Case) -> Pack | None:
        for code in (case.buyer.subdivision, case.buyer.country):
            if code and code in self.library.files:
                pack = self.library.pack(code)
                return pack if pack is not None and _has_consumer_law(pack) else None
        return None

    def prepare(self, case: Case, pack: Pack | None = None, part: str = "all") -> Prepared:
        """Facts and periods of `case` for `pack` (by default the buyer's law, with the platform
        and warnings about the case itself). Another pack prepares the same case again: then
        `part` may limit the periods to those its rules of that part read."""
        primary = pack is None
        warnings = [f"unknown field ignored: {path}" for path in unknown_fields(case)] if primary else []
        pack = pack or self.buyer_pack(case)
        facts = case_facts(case, last_parcel(case))
        reason = main_reason(case)
        items = [item_facts(item, reason) for item in case.items]
        # before the law's periods join the facts: the platform counts its own
        platform = prepare_platform(self.library, case, facts) if primary else None
        periods: dict[str, PeriodResult] = {}
        if pack is None:
            warnings.append(
                f"no rule file for {case.buyer.subdivision or case.buyer.country}: consumer law not assessed"
            )
        else:
            if part == "all" and primary and route_of(case) is None:
                part = "law"  # no customs route: the customs regimes' periods are not needed
            periods = compute_periods(pack, case, facts, None if part == "all" else pack.periods_of(part))
            for name, result in periods.items():
                facts[f"period_{name}"] = result.status
            for name in pack.condition_params:
                parameter = pack.parameters[name]
                value = parameter.at(keyed_day(case, parameter.keyed_by))
                if value is not None:
                    facts[f"param_{name}"] = value.value
        return Prepared(case, pack, facts, items, periods, warnings, platform)

    # -- assessing ----------------------------------------------------------------------------

    def assess(self, case: Case, evaluated_at: datetime | None = None) -> Decision:
        return next(self.assess_many([case], evaluated_at))

    def assess_many(self, cases: Iterable[Case], evaluated_at: datetime | None = None) -> Iterator[Decision]:
        batch: list[Prepared] = []
        for case in cases:
            batch.append(self.prepare(case))
            if len(batch) >= BATCH:
                yield from self._finish(batch, evaluated_at)
                batch = []
        if batch:
            yield from self._finish(batch, evaluated_at)

    def _fire(self, batch: list[Prepared]) -> list[list[Firing]]:
        """Run each pack's ruleset once for all the batch's cases that use it."""
        return _run_packs([(p.pack, p.facts, p.items) for p in batch], "law")

    def _fire_platforms(self, batch: list[Prepared]) -> list[list[Firing]]:
        """Likewise for the platform files: each case with its platform's own facts."""
        return _run_packs(
            [(p.platform.pack, p.platform.facts, p.items) if p.platform else (None, {}, []) for p in batch], "law"
        )

    def _customs(self, batch: list[Prepared]) -> list[CustomsResult | None]:
        """The customs block of every case in the batch, with one engine call per pack."""
        plans = [plan_customs(self, p.case, p) for p in batch]
        jobs = [(plan_no, job) for plan_no, plan in enumerate(plans) if plan for job in plan.jobs]
        fired = _run_packs([(job.pack, job.facts, job.items) for _n, job in jobs], "regimes")
        per_plan: list[list[list[Firing]]] = [[] for _ in plans]
        for (plan_no, _job), firings in zip(jobs, fired, strict=True):
            per_plan[plan_no].append(firings)
        return [
            finish_customs(p.case, plan, per_plan[i]) if plan is not None else None
            for i, (p, plan) in enumerate(zip(batch, plans, strict=True))
        ]

    def _finish(self, batch: list[Prepared], evaluated_at: datetime | None) -> Iterator[Decision]:
        fired = self._fire(batch)
        platform_fired = self._fire_platforms(batch)
        customs = self._customs(batch)
        for prepared, firings, platform_firings, customs_result in zip(
            batch, fired, platform_fired, customs, strict=True
        ):
            yield self._decide(prepared, firings, evaluated_at, platform_firings, customs_result)

    def _decide(
        self,
        prepared: Prepared,
        firings: list[Firing],
        evaluated_at: datetime | None,
        platform_firings: list[Firing] | None = None,
        customs: CustomsResult | None = None,
    ) -> Decision:
        case, pack = prepared.case, prepared.pack
        warnings = list(prepared.warnings)
        assessed = Assessed([], [], False, {})
        applicable: list[str] = []
        versions: dict[str, str] = {}
        if pack is not None:
            versions.update(pack.versions)
            assessed = assemble(pack, case, prepared.facts, prepared.periods, firings)
            applicable = pack.applicable_codes()
            if _has_scope(pack) and not assessed.scoped:
                applicable, assessed, extra = self._outside_scope(case, pack, assessed)
                versions.update(extra)
        platform, platform_trace = None, []
        if prepared.platform is not None:
            assembled = assemble_platform(prepared.platform, case, platform_firings or [])
            platform, platform_trace = assembled.block, assembled.trace
            versions.update(prepared.platform.versions)
            warnings += assembled.warnings
        recommendation = recommend(case, prepared.facts, assessed.rights, assessed.act_by, platform)
        decision = Decision(
            case_id=case.case_id,
            as_of=case.as_of,
            evaluated_at=evaluated_at or datetime.now(UTC),
            rule_versions=versions,
            legal=Legal(applicable_law=applicable, rights=assessed.rights),
            platform=platform,
            recommendation=recommendation,
            trace=assessed.trace + platform_trace,
            warnings=warnings,
        )
        if customs is not None:  # the regimes at both ends of the return route
            decision.customs = customs.block
            decision.trace += customs.trace
            decision.rule_versions.update(customs.versions)
            decision.warnings += customs.warnings
        decision.paperwork = paperwork_for(case, decision)
        return decision

    def _outside_scope(self, case: Case, pack: Pack, assessed: Assessed) -> tuple[list[str], Assessed, dict[str, str]]:
        """The buyer's law does not govern (e.g. the seller does not target the buyer's country,
        Rome I Art 6(1)): fall back to the seller's law where the file says so (Art 4(1)(a))."""
        trace = assessed.trace
        if pack.otherwise == "seller_law" and case.seller.country != case.buyer.country:
            seller_pack = self.library.pack(case.seller.country) if case.seller.country in self.library.files else None
            if seller_pack is not None and _has_consumer_law(seller_pack):
                prepared = self.prepare(case, seller_pack)
                firings = ENGINE.run(ENGINE.compiled(seller_pack, "law"), [(prepared.facts, prepared.items)])[0]
                other = assemble(seller_pack, case, prepared.facts, prepared.periods, firings)
                other.trace = trace + other.trace
                return seller_pack.applicable_codes(), other, seller_pack.versions
        return [], Assessed([], trace, False, {}), {}


def _run_packs(
    entries: list[tuple[Pack | None, dict[str, Any], list[dict[str, Any]]]], part: str
) -> list[list[Firing]]:
    """(pack, facts, item facts) per case -> the rules of `part` that fired, one engine call per pack."""
    fired: list[list[Firing]] = [[] for _ in entries]
    groups: dict[str, list[int]] = {}
    for i, (pack, _facts, _items) in enumerate(entries):
        if pack is not None:
            groups.setdefault(pack.key, []).append(i)
    for indexes in groups.values():
        pack = entries[indexes[0]][0]
        compiled = ENGINE.compiled(pack, part)  # type: ignore[arg-type]
        results = ENGINE.run(compiled, [(entries[i][1], entries[i][2]) for i in indexes])
        for i, firings in zip(indexes, results, strict=True):
            fired[i] = firings
    return fired


def _has_consumer_law(pack: Pack) -> bool:
    """A file with only customs parts (rules about regimes) says nothing of consumer law."""
    return any(rule.right is not None or rule.role == "scope" for rule in pack.rules)


def _has_scope(pack: Pack) -> bool:
    return any(rule.role == "scope" for rule in pack.rules)
