"""Test cases that live beside a rule file (NAME.tests.yaml), run by `bordercase test` and pytest.

    base:                 # merged under every test's case (lists are replaced, not merged)
      buyer: {country: DE}
      seller: {country: CN}
      items: [{sku: JKT, category: apparel, unit_price: 89}]
    tests:
      - name: A notice sent on the Monday after a holiday weekend is in time
        case:
          as_of: 2026-12-28
          order: {delivered_at: 2026-12-12}
          return_request: {requested_at: 2026-12-28, reason: change_of_mind}
        expect:
          legal:
            rights: [{right: withdrawal, eligible: true, deadline: 2026-12-28}]

`expect` is matched as the contract's examples are: every field given must match; each list
element given must match some element of the decision's list; an empty list means none.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rules.case import CaseError, parse_case
from rules.loader import RULE_DIRS, TESTS_SUFFIX, Library, project_root
from rules.yamlsource import RuleFileError, load_yaml


@dataclass
class TestCase:
    name: str
    where: str
    case: dict[str, Any]
    expect: dict[str, Any]
    refused: list[str] | None = None  # expected bad fields, for a case that must be refused


@dataclass
class Result:
    name: str
    where: str
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems


def merge(base: Any, over: Any) -> Any:
    if isinstance(base, dict) and isinstance(over, dict):
        out = dict(base)
        for key, value in over.items():
            out[key] = merge(base.get(key), value) if key in base else copy.deepcopy(value)
        return out
    return copy.deepcopy(over)


def _slug(name: str) -> str:
    return (re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-") or "test")[:64]


def read_tests(path: Path, root: Path) -> list[TestCase]:
    try:
        rel = path.resolve().relative_to(root).as_posix()
    except ValueError:
        rel = path.as_posix()
    located = load_yaml(path.read_text(encoding="utf-8"), rel)
    data = located.data or {}
    base = data.get("base") or {}
    found = []
    for i, test in enumerate(data.get("tests") or []):
        where = f"{rel}:{located.line_of(('tests', i))}"
        name = test.get("name") or f"test {i + 1}"
        case = merge(base, test.get("case") or {})
        case.setdefault("case_id", _slug(name))
        found.append(TestCase(name, where, case, test.get("expect") or {}, test.get("refused")))
    return found


def collect(paths: list[Path] | None = None) -> list[TestCase]:
    root = project_root()
    files: list[Path] = []
    for path in paths or [root / d for d in RULE_DIRS]:
        if path.is_dir():
            files += sorted(path.glob(f"*{TESTS_SUFFIX}"))
        elif path.name.endswith(TESTS_SUFFIX):
            files.append(path)
        elif path.suffix == ".yaml":  # a rule file: its tests beside it
            beside = path.with_name(path.name.removesuffix(".yaml") + TESTS_SUFFIX)
            if beside.exists():
                files.append(beside)
    tests: list[TestCase] = []
    for file in files:
        tests += read_tests(file, root)
    return tests


def matches(expected: Any, actual: Any, path: str = "") -> list[str]:
    """Every way `actual` fails to match `expected`, each with its path."""
    if isinstance(expected, dict):
        if not isinstance(actual, dict):
            return [f"{path or '(decision)'}: expected an object, got {actual!r}"]
        problems = []
        for key, value in expected.items():
            if key == "why":  # prose explaining the expectation, not a field to compare
                continue
            if key not in actual:
                problems.append(f"{path}.{key}: missing".lstrip("."))
            else:
                problems += matches(value, actual[key], f"{path}.{key}".lstrip("."))
        return problems
    if isinstance(expected, list):
        if not isinstance(actual, list):
            return [f"{path}: expected a list, got {actual!r}"]
        if not expected and actual:  # [] means: nothing at all
            return [f"{path}: expected none, got {len(actual)}: {actual!r}"[:300]]
        problems = []
        for element in expected:
            if not any(not matches(element, candidate) for candidate in actual):
                closest = _closest(element, actual)
                problems.append(
                    f"{path}: no element matches {element!r}"
                    + (f"; nearest differs: {'; '.join(closest)}" if closest else "")
                )
        return problems
    if isinstance(expected, float) or isinstance(actual, float):
        try:
            if abs(float(expected) - float(actual)) < 0.005:
                return []
        except (TypeError, ValueError):
            pass
    if (expected != actual and str(expected) != str(actual)) or (expected is None) != (actual is None):
        return [f"{path}: expected {expected!r}, got {actual!r}"]
    return []


def _closest(element: Any, candidates: list[Any]) -> list[str]:
    scored = [matches(element, c) for c in candidates]
    return min(scored, key=len) if scored else []


_ASSESSOR: Any = None


def _assessor() -> Any:
    global _ASSESSOR
    if _ASSESSOR is None:
        from rules.pipeline import Assessor

        library = Library()
        problems = library.load()
        if problems:
            raise RuleFileError(problems)
        _ASSESSOR = Assessor(library)
    return _ASSESSOR


def run(test: TestCase) -> Result:
    result = Result(test.name, test.where)
    try:
        case = parse_case(test.case)
    except CaseError as error:
        if test.refused is None:
            result.problems = [f"the case is not valid: {p}" for p in error.problems]
        else:
            named = " ".join(error.problems)
            result.problems = [f"refusal does not name {f}" for f in test.refused if f not in named]
        return result
    if test.refused is not None:
        result.problems = ["the case should have been refused"]
        return result
    decision = _assessor().assess(case).model_dump(mode="json")
    result.problems = matches(test.expect, decision)
    return result


def run_all(tests: list[TestCase]) -> list[Result]:
    return [run(test) for test in tests]
