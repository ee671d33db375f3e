"""Shared fixtures: one Assessor for the whole run (rule files are loaded once)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rules.case import parse_case
from rules.pipeline import Assessor

EXAMPLES = Path(__file__).parent / "examples"


@pytest.fixture(scope="session")
def assessor() -> Assessor:
    return Assessor()


def load_example(name: str):
    return parse_case(json.loads((EXAMPLES / f"{name}.case.json").read_text()))
