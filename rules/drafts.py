"""The one mechanism behind rights, customs regimes and platform disputes: fired rules sorted
into drafts, one per subject (a right, a regime, a dispute).

The grant rules that fired give a subject its outcome (a later grant overrides an earlier one,
field by field), amend rules change fields of it, bar rules exclude it, and a bar that tests
one order line (`item_*` facts) excludes only that line. Every fired rule leaves a trace line.
What an outcome *means* (a deadline for a right, a refundable share for a regime) is for the
caller to read from `Draft.outcome`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from rules.case import Case
from rules.decision import TraceLine
from rules.engine import Firing
from rules.loader import PackRule

Subject = Callable[[PackRule], str | None]


@dataclass
class Draft:
    subject: str
    grant: PackRule
    outcome: dict[str, Any] = field(default_factory=dict)
    amends: list[PackRule] = field(default_factory=list)
    bars: list[PackRule] = field(default_factory=list)
    barred_items: dict[int, PackRule] = field(default_factory=dict)

    def apply(self, rule: PackRule) -> None:
        """The fields the rule's `then` gives replace the draft's."""
        for name in rule.then.model_fields_set:
            value = getattr(rule.then, name)
            if value is not None:
                self.outcome[name] = value


def trace_line(rule: PackRule, facts: dict[str, Any], outcome: str) -> TraceLine:
    return TraceLine(
        rule=rule.id,
        file=rule.file.path,
        version=rule.file.version,
        citation=rule.citation_text,
        outcome=outcome,
        facts={name: facts.get(name) for name in rule.facts},
    )


def collect(
    firings: list[Firing], subject_of: Subject, case: Case, facts: dict[str, Any], label: str = ""
) -> tuple[dict[str, Draft], list[TraceLine]]:
    """Drafts by subject, in the order their first grant fired, and the trace of every rule."""
    drafts: dict[str, Draft] = {}
    trace: list[TraceLine] = []
    for firing in firings:
        rule, subject = firing.rule, subject_of(firing.rule)
        if rule.role != "grant" or subject is None:
            continue
        draft = drafts.setdefault(subject, Draft(subject, rule))
        draft.grant = rule
        draft.apply(rule)
        trace.append(trace_line(rule, facts, f"grant {label}{subject}"))
    for firing in firings:
        rule, subject = firing.rule, subject_of(firing.rule)
        found = drafts.get(subject) if subject is not None else None
        if found is None or rule.role not in ("amend", "bar"):
            continue
        draft = found
        if rule.role == "amend":
            draft.amends.append(rule)
            draft.apply(rule)
            trace.append(trace_line(rule, facts, f"amend {label}{subject}"))
            continue
        unmet = f": {rule.unmet}" if getattr(rule, "unmet", None) else ""
        if firing.item is not None:
            draft.barred_items.setdefault(firing.item, rule)
            sku = case.items[firing.item].sku or f"line {firing.item + 1}"
            trace.append(trace_line(rule, facts, f"bar {label}{subject} for {sku}{unmet}"))
        else:
            draft.bars.append(rule)
            trace.append(trace_line(rule, facts, f"bar {label}{subject}{unmet}"))
    return drafts, trace
