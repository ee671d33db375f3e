"""The condition language of rule files, and its two compilations.

A condition is a mapping; every entry must hold:

    reason: change_of_mind            # equal
    reason: [defective, damaged]      # one of
    item_subtype: {not: mattress}     # not equal (an unknown fact counts as not equal)
    order_value: {lte: 100}           # lt, lte, gt, gte
    return_policy_days: {gt: {param: withdrawal_days}}  # against a parameter in force
    param_designated_carrier_rule: true   # a `unit: flag` parameter's value in force (a dated rule)
    delivered_on_time: {known: false} # the fact is (not) known
    any: [{...}, {...}]               # at least one holds
    all: [{...}, {...}]
    not: {...}                        # does not hold

`to_durable` produces a durable_rules expression; `to_python` a plain function of the same
meaning, used by the benchmark as the ceiling and by the tests to cross-check the engine.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Iterator
from typing import Any

from rules.facts import Fact

OPERATORS = ("not", "lt", "lte", "gt", "gte", "known")
COMBINATORS = ("any", "all", "not")
_DURABLE_CMP = {"lt": "$lt", "lte": "$lte", "gt": "$gt", "gte": "$gte"}
_NEGATED_CMP = {"lt": "gte", "lte": "gt", "gt": "lte", "gte": "lt"}

Problems = list[tuple[tuple[str | int, ...], str]]


def check(
    condition: Any, facts: dict[str, Fact], params: frozenset[str] = frozenset(), path: tuple[str | int, ...] = ()
) -> Problems:
    """Every problem in a condition, each with the path of the key at fault."""
    problems: Problems = []
    if not isinstance(condition, dict):
        return [(path, "a condition is a mapping of fact: test")]
    for key, test in condition.items():
        here = (*path, key)
        if key in ("any", "all"):
            if not isinstance(test, list) or not test:
                problems.append((here, f"'{key}' takes a non-empty list of conditions"))
                continue
            for i, sub in enumerate(test):
                problems += check(sub, facts, params, (*here, i))
        elif key == "not":
            problems += check(test, facts, params, here)
        elif key not in facts:
            problems.append((here, f"unknown fact '{key}'" + _suggest(key, facts)))
        else:
            problems += _check_test(facts[key], test, here, params)
    return problems


def _suggest(name: str, facts: dict[str, Fact]) -> str:
    import difflib

    close = difflib.get_close_matches(name, list(facts), n=1)
    return f" (did you mean '{close[0]}'?)" if close else ""


def _param(operand: Any) -> str | None:
    if isinstance(operand, dict) and set(operand) == {"param"} and isinstance(operand["param"], str):
        return operand["param"]
    return None


def _check_test(fact: Fact, test: Any, path: tuple[str | int, ...], params: frozenset[str]) -> Problems:
    if isinstance(test, dict):
        problems: Problems = []
        for op, operand in test.items():
            if op not in OPERATORS:
                problems.append(((*path, op), f"unknown test '{op}' (use one of {', '.join(OPERATORS)})"))
            elif op == "known":
                if not isinstance(operand, bool):
                    problems.append(((*path, op), "'known' takes true or false"))
            elif op == "not":
                for value in operand if isinstance(operand, list) else [operand]:
                    problems += _check_value(fact, value, (*path, op))
            elif _param(operand) is not None:
                if _param(operand) not in params:
                    problems.append(((*path, op, "param"), f"unknown parameter '{_param(operand)}'"))
                elif fact.kind not in ("int", "number"):
                    problems.append(((*path, op), f"'{op}' compares a number fact"))
            else:
                if (
                    fact.kind not in ("int", "number")
                    or isinstance(operand, bool)
                    or not isinstance(operand, (int, float))
                ):
                    problems.append(((*path, op), f"'{op}' compares a number fact with a number"))
        return problems
    if isinstance(test, list):
        if not test:
            return [(path, "an empty list can never match")]
        problems = []
        for value in test:
            problems += _check_value(fact, value, path)
        return problems
    return _check_value(fact, test, path)


def _check_value(fact: Fact, value: Any, path: tuple[str | int, ...]) -> Problems:
    kind = fact.kind
    ok = (
        (kind == "bool" and isinstance(value, bool))
        or (kind == "str" and isinstance(value, str))
        or (kind in ("int", "number") and isinstance(value, (int, float)) and not isinstance(value, bool))
        or (kind == "list" and isinstance(value, str))
    )
    if not ok:
        return [(path, f"'{fact.name}' is a {kind} fact; {value!r} can never match")]
    if fact.values and value not in fact.values:
        return [(path, f"{value!r} is not a value of '{fact.name}' ({', '.join(fact.values)})")]
    return []


def facts_used(condition: dict[str, Any]) -> Iterator[str]:
    """The facts a condition reads, parameters in force included (as `param_<name>`)."""
    for key, test in condition.items():
        if key in ("any", "all"):
            for sub in test:
                yield from facts_used(sub)
        elif key == "not":
            yield from facts_used(test)
        else:
            yield key
            if isinstance(test, dict):
                for operand in test.values():
                    if _param(operand) is not None:
                        yield f"param_{_param(operand)}"


# -- durable_rules -------------------------------------------------------------------------


def to_durable(condition: dict[str, Any], negate: bool = False) -> dict[str, Any]:
    """A durable_rules expression; `negate` compiles the opposite (De Morgan, unknown = not)."""
    parts = [_entry(key, test, negate) for key, test in condition.items()]
    if len(parts) == 1:
        return parts[0]
    return {"$or" if negate else "$and": parts}


def _entry(key: str, test: Any, negate: bool) -> dict[str, Any]:
    if key in ("any", "all"):
        subs = [to_durable(sub, negate) for sub in test]
        use_or = (key == "any") != negate
        return subs[0] if len(subs) == 1 else {"$or" if use_or else "$and": subs}
    if key == "not":
        return to_durable(test, not negate)
    return _test(key, test, negate)


def _eq(fact: str, value: Any, negate: bool) -> dict[str, Any]:
    if not negate:
        return {fact: value}
    return {"$or": [{"$neq": {fact: value}}, {"$nex": {fact: 1}}]}


def _test(fact: str, test: Any, negate: bool) -> dict[str, Any]:
    if isinstance(test, list):
        parts = [_eq(fact, v, negate) for v in test]
        return parts[0] if len(parts) == 1 else {"$and" if negate else "$or": parts}
    if not isinstance(test, dict):
        return _eq(fact, test, negate)
    parts = []
    for op, operand in test.items():
        if op == "known":
            exists = operand != negate
            parts.append({"$ex" if exists else "$nex": {fact: 1}})
        elif op == "not":
            values = operand if isinstance(operand, list) else [operand]
            parts.append(_test(fact, values, not negate))
        else:
            name = _param(operand)
            other = {"$m": f"param_{name}"} if name else operand
            if not negate:
                parts.append({_DURABLE_CMP[op]: {fact: other}})
            else:
                parts.append({"$or": [{_DURABLE_CMP[_NEGATED_CMP[op]]: {fact: other}}, {"$nex": {fact: 1}}]})
    if len(parts) == 1:
        return parts[0]
    return {"$or" if negate else "$and": parts}


# -- plain Python --------------------------------------------------------------------------

Predicate = Callable[[dict[str, Any]], bool]


def to_python(condition: dict[str, Any]) -> Predicate:
    checks = [_py_entry(key, test) for key, test in condition.items()]
    return lambda facts: all(c(facts) for c in checks)


def _py_entry(key: str, test: Any) -> Predicate:
    if key == "any":
        subs = [to_python(sub) for sub in test]
        return lambda facts: any(s(facts) for s in subs)
    if key == "all":
        subs = [to_python(sub) for sub in test]
        return lambda facts: all(s(facts) for s in subs)
    if key == "not":
        inner = to_python(test)
        return lambda facts: not inner(facts)
    return _py_test(key, test)


_MISSING = object()


_COMPARE: dict[str, Callable[[Any, Any], bool]] = {
    "lt": operator.lt,
    "lte": operator.le,
    "gt": operator.gt,
    "gte": operator.ge,
}


def _py_test(fact: str, test: Any) -> Predicate:
    if isinstance(test, list):
        allowed = list(test)
        return lambda facts: _present(facts, fact) and facts[fact] in allowed
    if not isinstance(test, dict):
        return lambda facts: _present(facts, fact) and _same(facts[fact], test)
    checks = [_py_operator(fact, op, operand) for op, operand in test.items()]
    return lambda facts: all(c(facts) for c in checks)


def _py_operator(fact: str, op: str, operand: Any) -> Predicate:
    if op == "known":
        return lambda facts: _present(facts, fact) == operand
    if op == "not":
        values = operand if isinstance(operand, list) else [operand]
        return lambda facts: not (_present(facts, fact) and facts[fact] in values)
    compare = _COMPARE[op]
    name = _param(operand)
    if name is None:
        return lambda facts: _present(facts, fact) and compare(facts[fact], operand)
    key = f"param_{name}"
    return lambda facts: _present(facts, fact) and _present(facts, key) and compare(facts[fact], facts[key])


def _present(facts: dict[str, Any], fact: str) -> bool:
    return facts.get(fact, _MISSING) is not _MISSING


def _same(a: Any, b: Any) -> bool:
    # durable_rules compares booleans and numbers by type: true is not 1
    return type(a) is type(b) and a == b if isinstance(a, bool) or isinstance(b, bool) else a == b
