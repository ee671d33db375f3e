"""`bordercase risk`: the support summary of a case's dispute."""

from __future__ import annotations

import json

from click.testing import CliRunner

from rules.cli import main
from tests.conftest import EXAMPLES


def _run(*args: str):
    return CliRunner().invoke(main, ["risk", *args])


def test_the_summary_gives_deadline_risk_signals_and_the_reply():
    result = _run(str(EXAMPLES / "aliexpress-not-received.case.json"))
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Dispute window:      OPEN; last day Fri 27 Nov 2026 (12 day(s) left)" in out
    assert "Seller answers by:   Thu 19 Nov 2026 (4 day(s) left)" in out
    assert "Risk:                HIGH (0.75)" in out
    assert "tracking silent: no carrier event for 31 days" in out
    assert "Resolution:          RESHIP, act by 2026-11-19" in out
    assert "Reply (es): Pedido AE-8123: le enviamos un paquete nuevo" in out
    assert "15 de octubre de 2026" in out


def test_json_gives_the_platform_block():
    result = _run("--format", "json", str(EXAMPLES / "aliexpress-not-received.case.json"))
    assert result.exit_code == 0
    block = json.loads(result.output)
    assert block["seller_response_deadline"] == "2026-11-19" and block["risk"]["level"] == "high"


def test_a_case_without_platform_or_dispute_says_so():
    result = _run(str(EXAMPLES / "de-withdrawal-holiday.case.json"))
    assert result.exit_code == 0
    assert "no platform and no dispute" in result.output


def test_an_invalid_case_is_refused_with_exit_2():
    result = _run(str(EXAMPLES / "invalid.case.json"))
    assert result.exit_code == 2
    assert "case_id:" in result.output
