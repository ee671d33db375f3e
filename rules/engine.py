"""The one rules engine of this process: packs compiled into durable_rules rulesets.

Measured traps (DEVELOPERS.md): durable_rules' Python host starts timer threads that run
actions in the background, consumes an event at the first matching rule, keeps state per
session id, and is not thread-safe. So we drive its C engine (`durable_rules_engine`)
directly and synchronously: each case is asserted as *facts* (a case fact and one fact per
order line) under one session id, every matching rule's action is drained at once, and the
facts are retracted in `finally`. All access goes through one lock. A ruleset is named by its
pack's content hash, so a new version of a rule file loads beside the old one.

Nothing from durable_rules leaves this module: callers get rule indexes back.
"""

from __future__ import annotations

import itertools
import json
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import durable_rules_engine as _dr

from rules import conditions
from rules.loader import Pack, PackRule

MAX_FACTS_PER_CALL = 64  # the C engine's frame indexes hold a few hundred entries; stay well under
MAX_PROPERTIES = 250  # durable_rules allows 255 per fact


@dataclass(frozen=True)
class Compiled:
    """A pack as a ruleset: rule `r<i>` is `rules[i]`."""

    key: str
    rules: tuple[PackRule, ...]
    case_fields: frozenset[str]
    item_fields: frozenset[str]  # case facts that per-item rules also need, plus item facts
    definition: str  # the JSON given to durable_rules


@dataclass(frozen=True)
class Firing:
    rule: PackRule
    item: int | None  # the order line a per-item rule matched, else None


def compile_pack(pack: Pack) -> Compiled:
    definition: dict[str, Any] = {}
    case_fields: set[str] = set()
    item_fields: set[str] = set()
    for i, rule in enumerate(pack.rules):
        kind = "i" if rule.per_item else "c"
        expression = conditions.to_durable(rule.when) if rule.when else None
        parts: list[dict[str, Any]] = [{"_kind": kind}]
        if expression:
            parts.append(expression)
        definition[f"r{i}"] = {"all": [{"m": {"$and": parts} if len(parts) > 1 else parts[0]}]}
        (item_fields if rule.per_item else case_fields).update(rule.facts)
    if max(len(case_fields), len(item_fields)) > MAX_PROPERTIES:
        raise ValueError(f"{pack.code}: rules test more than {MAX_PROPERTIES} facts")
    return Compiled(pack.key, tuple(pack.rules), frozenset(case_fields), frozenset(item_fields), json.dumps(definition))


class Engine:
    """Serialised access to durable_rules. Use the module's `ENGINE`."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._compiled: dict[str, Compiled] = {}
        self._handles: dict[str, int] = {}
        self._ids = itertools.count()

    def compiled(self, pack: Pack) -> Compiled:
        with self._lock:
            found = self._compiled.get(pack.key)
            if found is None:
                found = compile_pack(pack)
                self._handles[pack.key] = _dr.create_ruleset(pack.key, found.definition)
                self._compiled[pack.key] = found
            return found

    def loaded(self) -> list[str]:
        return sorted(self._compiled)

    def run(
        self, compiled: Compiled, cases: Sequence[tuple[dict[str, Any], Sequence[dict[str, Any]]]]
    ) -> list[list[Firing]]:
        """Evaluate many cases at once: for each (case facts, item facts) the rules that fired."""
        facts: list[dict[str, Any]] = []
        owner: dict[str, tuple[int, int | None]] = {}
        batch = next(self._ids)
        for n, (case, items) in enumerate(cases):
            fid = f"{batch}.{n}"
            # the id comes first: the engine echoes the fact's JSON, and _matches reads it there
            fact = {"id": fid, "sid": "0", "_kind": "c"}
            fact.update((k, case[k]) for k in compiled.case_fields if k in case)
            facts.append(fact)
            owner[fid] = (n, None)
            if compiled.item_fields:
                shared = {k: case[k] for k in compiled.item_fields if k in case}
                for j, item in enumerate(items):
                    iid = f"{fid}.{j}"
                    line = {"id": iid, "sid": "0", "_kind": "i", **shared}
                    line.update((k, item[k]) for k in compiled.item_fields if k in item)
                    facts.append(line)
                    owner[iid] = (n, j)
        fired: list[list[Firing]] = [[] for _ in cases]
        # an `$or` whose branches both hold makes durable_rules fire the rule once per branch
        seen: set[tuple[int, str, int | None]] = set()
        with self._lock:
            handle = self._handles[compiled.key]
            for start in range(0, len(facts), MAX_FACTS_PER_CALL):
                chunk = json.dumps(facts[start : start + MAX_FACTS_PER_CALL])
                try:
                    _code, state = _dr.assert_facts(handle, chunk)
                    result = _dr.start_action_for_state(handle, state)
                    message = result[1] if result else None
                    while message:
                        for name, fid in _matches(message):
                            case_no, line_no = owner[fid]
                            if (case_no, name, line_no) not in seen:
                                seen.add((case_no, name, line_no))
                                fired[case_no].append(Firing(compiled.rules[int(name[1:])], line_no))
                        message = _dr.complete_and_start_action(handle, state)
                finally:
                    _dr.retract_facts(handle, chunk)
        order = {id(rule): i for i, rule in enumerate(compiled.rules)}
        for firings in fired:
            firings.sort(key=lambda f: (order[id(f.rule)], -1 if f.item is None else f.item))
        return fired


# An action message is {"r<i>":{"m":{"id": "<fact id>", ...}}}: reading the rule and the fact id
# with a pattern spares parsing every matched fact's JSON (it was most of the engine's cost).
_MATCH = re.compile(r'"(r\d+)":\{"m":\{"id": "([^"]+)"')


def _matches(message: str) -> list[tuple[str, str]]:
    found = _MATCH.findall(message)
    if found:
        return found
    return [(name, match["m"]["id"]) for name, match in json.loads(message).items()]


ENGINE = Engine()
