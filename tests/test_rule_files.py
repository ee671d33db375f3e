"""Rule files: their YAML tests pass, and a broken file is refused naming file, line and key
while everything already in force stays in force."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from rules.loader import Library, project_root
from rules.testing import collect, run

TESTS = collect()


def test_every_rule_file_has_tests_beside_it():
    library = Library()
    assert library.load() == []
    for source in library.files.values():
        beside = project_root() / source.path.replace(".yaml", ".tests.yaml")
        if source.spec.kind != "supranational":
            assert beside.exists(), f"{source.path} has no tests"


@pytest.mark.parametrize("test", TESTS, ids=[f"{t.where} {t.name}" for t in TESTS])
def test_rule_file_case(test):
    result = run(test)
    assert result.problems == []


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    """A copy of the rule files to break."""
    shutil.copytree(
        project_root() / "jurisdictions",
        tmp_path / "jurisdictions",
        ignore=shutil.ignore_patterns("*.py", "__pycache__"),
    )
    return tmp_path


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text, old
    path.write_text(text.replace(old, new, 1))


def _line_of(path: Path, needle: str, nth: int = 1) -> int:
    seen = 0
    for n, line in enumerate(path.read_text().splitlines(), 1):
        if needle in line:
            seen += 1
            if seen == nth:
                return n
    raise AssertionError(needle)


def test_a_broken_file_is_refused_and_the_old_version_stays(workspace):
    library = Library(workspace)
    assert library.load() == []
    in_force = library.files["DE"].version
    de = workspace / "jurisdictions" / "DE.yaml"
    _edit(de, "        value: 12\n", "        value: 12\n        valeu: 13\n")
    problems = library.load()
    assert problems, "the typo must be refused"
    problem = problems[0]
    assert problem.file == "jurisdictions/DE.yaml"
    assert problem.line == _line_of(de, "valeu: 13")
    assert problem.key.endswith(".valeu") and problem.message == "unknown key"
    assert library.files["DE"].version == in_force
    assert library.pack("DE") is not None


@pytest.mark.parametrize(
    ("old", "new", "needle", "message"),
    [
        ("  withdrawal_refund_days:\n", "  withdrawal_days:\n", "withdrawal_days:", "duplicate key"),
        (
            "      2014-06-13:\n        value: 14\n",
            "      2014-06-31:\n        value: 14\n",
            "2014-06-31",
            "not a real date",
        ),
        (
            "    when: {is_consumer: true}\n",
            "    when: {is_consumr: true}\n",
            "is_consumr",
            "unknown fact 'is_consumr' (did you mean 'is_consumer'?)",
        ),
        (
            "    when: {item_category: perishable}\n",
            "    when: {item_category: rotten}\n",
            "item_category: rotten",
            "'rotten' is not a value",
        ),
        (
            "        confidence: verified\n",
            "        confidence: sure\n",
            "confidence: sure",
            "Input should be 'verified', 'likely' or 'unverified'",
        ),
    ],
)
def test_each_kind_of_problem_is_named_with_its_line(workspace, old, new, needle, message):
    eu = workspace / "jurisdictions" / "EU.yaml"
    _edit(eu, old, new)
    problems = Library(workspace).load()
    hit = [p for p in problems if message in p.message]
    assert hit, problems
    assert hit[0].file == "jurisdictions/EU.yaml"
    assert hit[0].line == _line_of(eu, needle, 2 if message == "duplicate key" else 1)


def test_a_missing_citation_is_refused(workspace):
    eu = workspace / "jurisdictions" / "EU.yaml"
    text = eu.read_text()
    start = text.index("  withdrawal.excepted.perishable:")
    block_end = text.index("  withdrawal.excepted.unsealed_hygiene:")
    block = text[start:block_end]
    cut = block[: block.index("    citation:")] + block[block.index("    why:") :]
    eu.write_text(text[:start] + cut + text[block_end:])
    problems = Library(workspace).load()
    assert any(
        "'citation' is required" in p.message and p.key == "rules.withdrawal.excepted.perishable" for p in problems
    )


def test_overlapping_periods_of_a_value_are_refused(workspace):
    eu = workspace / "jurisdictions" / "EU.yaml"
    _edit(
        eu,
        "          url: https://eur-lex.europa.eu/eli/dir/1999/44/oj\n        confidence: verified\n        verified_on: 2026-11-23\n      2022-01-01:\n        value: 2\n",
        "          url: https://eur-lex.europa.eu/eli/dir/1999/44/oj\n        confidence: verified\n        verified_on: 2026-11-23\n        until: 2023-01-01\n      2022-01-01:\n        value: 2\n",
    )
    problems = Library(workspace).load()
    assert any("past the next value's start 2022-01-01" in p.message for p in problems)


def test_a_child_is_refused_when_its_parent_is_missing(workspace):
    (workspace / "jurisdictions" / "EU.yaml").unlink()
    problems = Library(workspace).load()
    assert any(p.file == "jurisdictions/DE.yaml" and "extends 'EU'" in p.message for p in problems)


def test_a_new_version_is_named_by_its_content_and_loads_beside_the_old(workspace, assessor):
    from rules.engine import ENGINE

    library = Library(workspace)
    library.load()
    old = library.pack("DE")
    ENGINE.compiled(old)
    de = workspace / "jurisdictions" / "DE.yaml"
    _edit(de, "summary: >\n", "summary: >\n  Revised.\n")
    assert library.load() == []
    new = library.pack("DE")
    ENGINE.compiled(new)
    assert old.key != new.key and old.key.startswith("DE@") and new.key.startswith("DE@")
    assert {old.key, new.key} <= set(ENGINE.loaded())


PART = """code: DE
part: extra
parameters:
  extra_days:
    description: a test figure
    unit: days
    values:
      2020-01-01:
        value: 5
        citation: {instrument: Test Act, article: s 1}
        confidence: unverified
        verified_on: 2026-12-01
"""


def test_a_part_file_joins_its_jurisdiction(workspace):
    (workspace / "jurisdictions" / "DE.extra.yaml").write_text(PART)
    library = Library(workspace)
    assert library.load() == []
    pack = library.pack("DE")
    assert "extra_days" in pack.parameters
    assert "jurisdictions/DE.extra.yaml" in pack.versions
    assert "DE.extra" not in library.codes()


def test_a_part_file_cannot_extend_or_live_alone(workspace):
    (workspace / "jurisdictions" / "DE.extra.yaml").write_text(
        PART.replace("part: extra\n", "part: extra\nextends: EU\n")
    )
    (workspace / "jurisdictions" / "ZZ.extra.yaml").write_text(PART.replace("code: DE", "code: ZZ"))
    problems = Library(workspace).load()
    assert any(
        p.file == "jurisdictions/DE.extra.yaml" and "takes kind and extends from its main file" in p.message
        for p in problems
    )
    assert any(p.file == "jurisdictions/ZZ.extra.yaml" and "no main file" in p.message for p in problems)
