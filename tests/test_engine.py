"""The engine: durable_rules fires exactly the rules a plain reading of the conditions says,
every matching rule fires (facts, not events), and state does not pile up across cases."""

from __future__ import annotations

import threading

from hypothesis import given, settings
from hypothesis import strategies as st

from rules import conditions
from rules.engine import ENGINE
from rules.facts import FACTS
from rules.loader import Library
from tests.conftest import load_example

LIBRARY = Library()
LIBRARY.load()


def _values(pack, name: str):
    fact = pack.facts.get(name) or FACTS[name]
    if fact.values:
        return st.sampled_from(fact.values)
    if fact.kind == "bool":
        return st.booleans()
    if fact.kind in ("int", "number"):
        return st.integers(min_value=0, max_value=60)
    return st.sampled_from(["DE", "CN", "mattress", "other"])


def _facts_strategy(pack):
    names = sorted({f for rule in pack.rules for f in rule.facts if not f.startswith("param_")})
    return st.fixed_dictionaries({}, optional={n: _values(pack, n) for n in names})


PACKS = [LIBRARY.pack(code) for code in ("DE", "GB", "US-CA", "JP", "AU")]


@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_engine_fires_what_the_conditions_say(data):
    pack = data.draw(st.sampled_from(PACKS))
    facts = data.draw(_facts_strategy(pack))
    for name in pack.condition_params:
        facts[f"param_{name}"] = 14
    item = {k: v for k, v in facts.items() if k.startswith("item_")}
    case = {k: v for k, v in facts.items() if not k.startswith("item_")}
    compiled = ENGINE.compiled(pack)
    fired = ENGINE.run(compiled, [(case, [item])])[0]
    got = sorted((f.rule.id, f.item) for f in fired)
    want = []
    for rule in pack.rules:
        source = {**case, **item} if rule.per_item else case
        if conditions.to_python(rule.when)(source):
            want.append((rule.id, 0 if rule.per_item else None))
    assert got == sorted(want)


def test_every_matching_rule_fires_not_only_the_first(assessor):
    decision = assessor.assess(load_example("eu-defective-import-refund"))
    fired = {line.rule for line in decision.trace}
    # one case fact matched a scope rule, two grants and two amends
    assert {
        "EU.scope",
        "DE.withdrawal",
        "DE.legal_guarantee",
        "DE.legal_guarantee.presumed",
        "DE.legal_guarantee.defect_shown_in_time",
    } <= fired


def test_thousands_of_cases_leave_no_state_behind(assessor):
    case = load_example("de-withdrawal-holiday")
    first = assessor.assess(case).model_dump(exclude={"evaluated_at"})
    for decision in assessor.assess_many([case] * 3000):
        assert decision.legal.rights[0].deadline == first["legal"]["rights"][0]["deadline"]
    assert assessor.assess(case).model_dump(exclude={"evaluated_at"}) == first


def test_threads_are_serialised(assessor):
    cases = [
        load_example(n) for n in ("de-withdrawal-holiday", "jp-no-return-terms", "us-ca-no-policy", "au-major-failure")
    ]
    expected = [assessor.assess(c).legal.model_dump() for c in cases]
    errors: list[str] = []

    def work(i: int) -> None:
        for _ in range(100):
            got = assessor.assess(cases[i % 4]).legal.model_dump()
            if got != expected[i % 4]:
                errors.append(f"thread {i}")

    threads = [threading.Thread(target=work, args=(i,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
