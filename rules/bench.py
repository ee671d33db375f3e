"""`bordercase bench`: how fast, on the same generated cases, and how much memory.

Prints cases/s for
  1. plain Python: the same conditions compiled to Python closures (the ceiling),
  2. raw durable_rules: our compiled rulesets, facts already derived,
  3. zen-engine (optional, `pip install bordercase[bench]`): the same conditions as ZEN
     expressions, the nearest peer,
  4. `assess` one case at a time, and batched (as `bordercase assess CASES.jsonl` does:
     JSON in, JSON out), in one process and across processes,
and the resident memory while 200,000 assessments go through one process.
"""

from __future__ import annotations

import json
import os
import random
import resource
import time
from collections.abc import Callable
from datetime import date, timedelta
from functools import partial
from typing import Any

from rules import conditions
from rules.batch import settle
from rules.case import Case, parse_case, parse_case_json
from rules.engine import ENGINE
from rules.pipeline import Assessor, Prepared

_PLACES = [
    ("DE", None, "EUR"),
    ("FR", None, "EUR"),
    ("DE", "DE-BY", "EUR"),
    ("GB", None, "GBP"),
    ("US", "US-CA", "USD"),
    ("US", "US-TX", "USD"),
    ("JP", None, "JPY"),
    ("AU", None, "AUD"),
]
_REASONS = ["change_of_mind", "change_of_mind", "size_issue", "defective", "damaged", "not_as_described"]
_CATEGORIES = ["apparel", "electronics", "home_decor", "sealed_hygiene", "toys", "custom_made"]


def generate(n: int, seed: int = 7) -> list[dict[str, Any]]:
    """Varied, valid cases: markets, reasons, dates across two years, one or two lines; about
    a third with a marketplace dispute and a fifth with the goods' customs history."""
    rng = random.Random(seed)
    out = []
    for i in range(n):
        country, subdivision, currency = rng.choice(_PLACES)
        ordered = date(2025, 1, 1) + timedelta(days=rng.randrange(700))
        delivered = ordered + timedelta(days=rng.randrange(2, 20))
        requested = delivered + timedelta(days=rng.randrange(0, 60))
        reason = rng.choice(_REASONS)
        items: list[dict[str, Any]] = [
            {
                "sku": f"S{i}-{j}",
                "category": rng.choice(_CATEGORIES),
                "quantity": 1,
                "unit_price": round(rng.uniform(5, 400), 2),
                "condition": "defective" if reason == "defective" else rng.choice(["unused_with_tags", "opened"]),
            }
            for j in range(rng.choice([1, 1, 2]))
        ]
        buyer: dict[str, Any] = {"country": country}
        if subdivision:
            buyer["subdivision"] = subdivision
        case: dict[str, Any] = {
            "case_id": f"BENCH-{i}",
            "as_of": requested.isoformat(),
            "buyer": buyer,
            "seller": {"country": "CN"},
            "sale": {
                "channel": "own_store",
                "withdrawal_info_given": rng.random() > 0.1,
                "return_policy_posted": rng.random() > 0.3,
                "return_policy_kind": rng.choice(["full_refund", "no_returns"]),
                "return_policy_days": rng.choice([14, 30, 60]),
            },
            "order": {"ordered_at": ordered.isoformat(), "delivered_at": delivered.isoformat(), "currency": currency},
            "items": items,
            "return_request": {"requested_at": requested.isoformat(), "reason": reason},
        }
        roll = rng.random()
        if roll < 0.3:  # a marketplace dispute
            case["sale"].update(channel="marketplace", platform=rng.choice(["aliexpress", "amazon", "ebay"]))
            case["dispute"] = {
                "channel": "platform",
                "type": "not_as_described"
                if reason in ("defective", "damaged", "not_as_described")
                else "change_of_mind",
                "opened_at": requested.isoformat(),
            }
        elif roll < 0.5:  # goods going back across the border, with the import's duty on record
            value = sum(float(item["unit_price"]) for item in items)
            case["customs"] = {
                "original_import": {
                    "country": country,
                    "date": delivered.isoformat(),
                    "currency": currency,
                    "duty_paid": round(value * 0.04, 2),
                    "vat_paid": round(value * 0.19, 2),
                },
                "return_shipment": {"from_country": country, "to_country": "CN", "export_date": requested.isoformat()},
            }
        out.append(case)
    return out


def _rate(n: int, seconds: float) -> str:
    return f"{n / seconds:>10,.0f}"


def _time(fn: Callable[[], Any]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def rss_mb() -> float:
    """Resident memory now (Linux), else the peak."""
    try:
        with open("/proc/self/statm") as f:
            return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# -- the three evaluators of the same conditions --------------------------------------------


def plain_python(prepared: list[Prepared]) -> int:
    compiled: dict[str, list[tuple[Any, Callable[[dict[str, Any]], bool]]]] = {}
    fired = 0
    for p in prepared:
        if p.pack is None:
            continue
        rules = compiled.get(p.pack.key)
        if rules is None:
            rules = compiled[p.pack.key] = [(r, conditions.to_python(r.when)) for r in p.pack.rules_of("law")]
        for rule, test in rules:
            if rule.per_item:
                fired += sum(1 for item in p.items if test({**p.facts, **item}))
            elif test(p.facts):
                fired += 1
    return fired


def raw_durable(prepared: list[Prepared], batch: int = 32) -> int:
    fired = 0
    groups: dict[str, list[Prepared]] = {}
    for p in prepared:
        if p.pack is not None:
            groups.setdefault(p.pack.key, []).append(p)
    for group in groups.values():
        compiled = ENGINE.compiled(group[0].pack, "law")  # type: ignore[arg-type]
        for start in range(0, len(group), batch):
            chunk = group[start : start + batch]
            fired += sum(len(f) for f in ENGINE.run(compiled, [(p.facts, p.items) for p in chunk]))
    return fired


def to_zen(condition: dict[str, Any]) -> str:
    """Our condition language as a ZEN expression (unknown facts are null there)."""
    parts = []
    for key, test in condition.items():
        if key == "any":
            parts.append("(" + " or ".join(to_zen(sub) for sub in test) + ")")
        elif key == "all":
            parts.append("(" + " and ".join(to_zen(sub) for sub in test) + ")")
        elif key == "not":
            parts.append(f"not ({to_zen(test)})")
        else:
            parts.append(_zen_test(key, test))
    return " and ".join(parts) if parts else "true"


def _zen_value(value: Any) -> str:
    return json.dumps(value)


def _zen_test(fact: str, test: Any) -> str:
    if isinstance(test, list):
        return f"({fact} != null and {fact} in [{', '.join(_zen_value(v) for v in test)}])"
    if not isinstance(test, dict):
        return f"{fact} == {_zen_value(test)}"
    out = []
    symbols = {"lt": "<", "lte": "<=", "gt": ">", "gte": ">="}
    for op, operand in test.items():
        if op == "known":
            out.append(f"{fact} {'!=' if operand else '=='} null")
        elif op == "not":
            values = operand if isinstance(operand, list) else [operand]
            out.append(f"not ({fact} != null and {fact} in [{', '.join(_zen_value(v) for v in values)}])")
        else:
            other = f"param_{operand['param']}" if isinstance(operand, dict) else _zen_value(operand)
            out.append(f"({fact} != null and {fact} {symbols[op]} {other})")
    return " and ".join(out)


def zen_engine(prepared: list[Prepared]) -> int | None:
    try:
        import zen
    except ImportError:
        return None
    engine = zen.ZenEngine()
    decisions: dict[str, tuple[Any, list[Any]]] = {}
    fired = 0
    for p in prepared:
        if p.pack is None:
            continue
        found = decisions.get(p.pack.key)
        if found is None:
            case_rules = [r for r in p.pack.rules_of("law") if not r.per_item]
            item_rules = [r for r in p.pack.rules_of("law") if r.per_item]
            found = decisions[p.pack.key] = (
                _zen_decision(engine, case_rules),
                [_zen_decision(engine, item_rules), item_rules],
            )
        case_decision, (item_decision, item_rules) = found
        fired += sum(1 for v in case_decision.evaluate(p.facts)["result"].values() if v is True)
        if item_rules:
            for item in p.items:
                fired += sum(1 for v in item_decision.evaluate({**p.facts, **item})["result"].values() if v is True)
    return fired


def _zen_decision(engine: Any, rules: list[Any]) -> Any:
    expressions = [{"id": f"e{i}", "key": f"r{i}", "value": to_zen(r.when)} for i, r in enumerate(rules)]
    content = {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "facts", "position": {"x": 0, "y": 0}},
            {
                "id": "ex",
                "type": "expressionNode",
                "name": "rules",
                "position": {"x": 1, "y": 0},
                "content": {"expressions": expressions},
            },
            {"id": "out", "type": "outputNode", "name": "fired", "position": {"x": 2, "y": 0}},
        ],
        "edges": [
            {"id": "a", "sourceId": "in", "targetId": "ex", "type": "edge"},
            {"id": "b", "sourceId": "ex", "targetId": "out", "type": "edge"},
        ],
    }
    return engine.create_decision(json.dumps(content))


# -- whole assessments ------------------------------------------------------------------------


def _batch_json(lines: list[str], assessor: Assessor) -> int:
    cases = (parse_case_json(line) for line in lines)
    return sum(1 for d in assessor.assess_many(cases) if d.model_dump_json())


def _worker(lines: list[str]) -> int:
    global _WORKER
    if _WORKER is None:
        _WORKER = Assessor()
        settle()
    return _batch_json(lines, _WORKER)


_WORKER: Assessor | None = None


def _in_processes(lines: list[str], jobs: int) -> float:
    from concurrent.futures import ProcessPoolExecutor

    size = -(-len(lines) // jobs)
    chunks = [lines[i : i + size] for i in range(0, len(lines), size)]
    with ProcessPoolExecutor(jobs) as pool:
        list(pool.map(_worker, [lines[:50]] * jobs))  # warm the workers
        return _time(lambda: list(pool.map(_worker, chunks)))


def run(n: int, memory_cases: int) -> None:
    print(f"Bordercase benchmark: {n:,} generated cases, pid {os.getpid()}, {os.cpu_count()} CPUs")
    raw = generate(n)
    lines = [json.dumps(r) for r in raw]
    assessor = Assessor()
    cases: list[Case] = [parse_case(r) for r in raw]
    prepared = [assessor.prepare(c) for c in cases]
    raw_durable(prepared[:64])  # compile the rulesets outside the timing
    settle()  # as a batch run does: the library out of the collector's way

    rows: list[tuple[str, str, str]] = []
    seconds = _time(lambda: plain_python(prepared))
    rows.append(("plain Python conditions (ceiling)", _rate(n, seconds), "rules only, facts derived"))
    seconds = _time(lambda: raw_durable(prepared))
    rows.append(("raw durable_rules", _rate(n, seconds), "rules only, facts derived, 32 a call"))
    zen_fired: list[int | None] = []
    seconds = _time(lambda: zen_fired.append(zen_engine(prepared)))
    rows.append(
        (
            "zen-engine",
            _rate(n, seconds) if zen_fired[0] is not None else "  not installed",
            "rules only, one evaluate per fact",
        )
    )
    one = min(n, 5000)
    seconds = _time(lambda: [assessor.assess(c) for c in cases[:one]])
    rows.append(("bordercase assess, one by one", _rate(one, seconds), "Case in, Decision out"))
    # the same batch twice: every case, and only those without a dispute or customs history
    law_only = [line for line, r in zip(lines, raw, strict=True) if "dispute" not in r and "customs" not in r]
    jobs = max(1, os.cpu_count() or 1)
    for label, batch in (("all cases", lines), ("consumer law only", law_only)):
        seconds = _time(partial(_batch_json, batch, assessor))
        rows.append(
            (f"bordercase assess, batched, {label}", _rate(len(batch), seconds), "JSON lines in and out, 1 process")
        )
        if jobs > 1:
            seconds = _in_processes(batch, jobs)
            rows.append((f"  ... on {jobs} processes", _rate(len(batch), seconds), "as `assess --jobs`"))

    width = max(len(r[0]) for r in rows)
    print(f"\n{'evaluator'.ljust(width)}   cases/s   note")
    for name, rate, note in rows:
        print(f"{name.ljust(width)} {rate}   {note}")
    fired_py, fired_dr = plain_python(prepared), raw_durable(prepared)
    print(
        f"\nrules fired: plain Python {fired_py:,}, durable_rules {fired_dr:,}, zen-engine "
        f"{zen_fired[0] if zen_fired[0] is not None else '-'}"
    )

    print(f"\nmemory over {memory_cases:,} assessments (batched, one process):")
    done, report_at = 0, {memory_cases // 8, memory_cases // 4, memory_cases // 2, memory_cases}
    print(f"  {0:>9,} cases  {rss_mb():7.1f} MB")
    while done < memory_cases:
        take = min(len(cases), memory_cases - done)
        for _ in assessor.assess_many(cases[:take]):
            done += 1
            if done in report_at:
                print(f"  {done:>9,} cases  {rss_mb():7.1f} MB")
