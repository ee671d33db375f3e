"""disputes/: risk signals and scores, recommended actions, replies in the buyer's language.

These modules are pure (DESIGN: web -> rules -> disputes), so they are tested without the engine.
"""

from __future__ import annotations

import ast
import string
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from disputes import actions, replies, risk

FOLDER = Path(replies.__file__).parent


def test_disputes_imports_nothing_from_rules_or_web():
    for path in FOLDER.glob("*.py"):
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in ("rules", "web"), f"{path.name} imports {name}"


# -- risk ---------------------------------------------------------------------------------


def test_no_dispute_and_a_delivered_signed_parcel_is_low_risk():
    result = risk.assess(
        risk.Evidence(claim_type="not_received", delivered=True, delivery_confirmed=True, signature=True)
    )
    assert result.level == "low"
    assert result.score == 0.0  # -0.40 clipped to 0
    assert [s.id for s in result.signals] == ["delivered_scan", "signed_delivery"]


def test_a_lost_parcel_in_an_open_dispute_is_high_risk_and_every_point_is_named():
    evidence = risk.Evidence(
        dispute_open=True,
        claim_type="not_received",
        tracking_known=True,
        tracking_registered=True,
        tracking_silent_days=31,
        past_promised_delivery=True,
    )
    result = risk.assess(evidence)
    assert (result.level, result.score) == ("high", 0.75)
    assert sum(s.weight for s in result.signals) == pytest.approx(result.score)


def test_the_frozen_tracking_threshold_is_the_platform_s():
    base = {"claim_type": "not_received", "tracking_known": True, "tracking_silent_days": 9}
    assert "tracking_silent" not in {s.id for s in risk.signals(risk.Evidence(**base))}
    lower = risk.Evidence(**base, tracking_frozen_days=7)
    assert "tracking_silent" in {s.id for s in risk.signals(lower)}


def test_signature_missing_counts_only_above_the_threshold():
    delivered = {"claim_type": "not_received", "delivered": True, "delivery_confirmed": True, "tracking_known": True}
    below = risk.signals(risk.Evidence(**delivered, signature_required=False))
    above = risk.signals(risk.Evidence(**delivered, signature_required=True))
    assert "signature_missing_above_threshold" not in {s.id for s in below}
    assert "signature_missing_above_threshold" in {s.id for s in above}


def test_an_unanswered_dispute_outweighs_the_seller_s_evidence():
    result = risk.assess(
        risk.Evidence(
            dispute_open=True,
            claim_type="not_received",
            delivered=True,
            delivery_confirmed=True,
            tracking_known=True,
            response_deadline_passed=True,
        )
    )
    assert result.level == "high"
    assert "seller_never_answered" in {s.id for s in result.signals}


def test_levels_split_at_the_documented_scores():
    assert risk.LOW_BELOW == 0.35 and risk.HIGH_FROM == 0.65
    only_open = risk.assess(risk.Evidence(dispute_open=True, claim_type="change_of_mind"))
    assert (only_open.level, only_open.score) == ("low", 0.3)


# -- actions ------------------------------------------------------------------------------


def _situation(**kw):
    defaults = {
        "platform": "AliExpress",
        "claim_type": "not_received",
        "dispute_open": True,
        "chargeback": False,
        "window_open": True,
    }
    return actions.Situation(**(defaults | kw))


def test_an_open_chargeback_never_recommends_refunding_again():
    for outcome in ("buyer_wins_full_refund", "seller_wins", None):
        plan = actions.plan(
            _situation(
                chargeback=True,
                platform="Visa",
                likely_outcome=outcome,
                processor_due_by=date(2026, 3, 20),
            )
        )
        assert plan.action.startswith("Do not refund the buyer again")
        assert "2026-03-20" in plan.action
        assert plan.reply == "chargeback"


def test_a_lost_parcel_is_reshipped_with_a_small_gift_or_refunded():
    plan = actions.plan(
        _situation(signals=frozenset({"tracking_silent"}), respond_by=date(2026, 11, 19), amount="$38.50")
    )
    assert "reship on a tracked service with a small gift" in plan.action
    assert "2026-11-19" in plan.action and "$38.50" in plan.action
    assert plan.reply == "reship"


def test_a_low_value_item_gets_a_partial_or_returnless_refund_not_a_return():
    plan = actions.plan(_situation(claim_type="not_as_described", signals=frozenset({"low_value_return"})))
    assert "partial refund" in plan.action and plan.reply == "partial_refund"
    keep = actions.plan(
        _situation(claim_type="damaged", signals=frozenset({"low_value_return"}), requested_solution="refund_only")
    )
    assert "without asking for the item back" in keep.action and keep.reply == "refund"


def test_a_closed_window_says_so_and_refunds_nothing_on_the_dispute():
    plan = actions.plan(_situation(window_open=False, window_deadline=date(2026, 11, 27)))
    assert "2026-11-27" in plan.action and "do not refund on the dispute" in plan.action


def test_evidence_is_kept_in_every_dispute_plan():
    plan = actions.plan(_situation(claim_type="not_as_described"))
    assert "Keep the evidence" in plan.action


# -- replies ------------------------------------------------------------------------------


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _lines(entry):
    if isinstance(entry, list):
        for choice in entry:
            yield from _lines(choice)
    elif isinstance(entry, dict):
        yield entry["text"]
    else:
        yield entry


KNOWN = {
    "name",
    "seller",
    "order",
    "amount",
    "requested",
    "carrier",
    "delivered_on",
    "expected_by",
    "last_event",
    "return_by",
}


@pytest.mark.parametrize("language", replies.LANGUAGES)
def test_every_language_has_every_template_with_known_placeholders(language):
    data = replies.templates(language)
    assert data["language"] == language
    assert set(data["templates"]) == set(replies.TEMPLATES)
    for key, template in data["templates"].items():
        for line in [*_lines(template["subject"]), *_lines(template["body"])]:
            assert _placeholders(line) <= KNOWN, (language, key, line)
        flags = {e["if"] for e in template["body"] if isinstance(e, dict)}
        assert flags <= {"signed", "seller_pays_return", "buyer_pays_return", "platform_pays_return"}


FULL = replies.Values(
    order="AE-8123",
    amount=Decimal("38.50"),
    requested=Decimal("10"),
    currency="USD",
    carrier="Cainiao",
    delivered_on=date(2026, 11, 10),
    expected_by=date(2026, 11, 12),
    last_event=date(2026, 10, 15),
    return_by=date(2026, 11, 26),
    name="Ana",
    seller="Example Store",
    flags=frozenset({"signed", "seller_pays_return"}),
)


@pytest.mark.parametrize("language", replies.LANGUAGES)
@pytest.mark.parametrize("key", replies.TEMPLATES)
def test_every_template_renders_with_and_without_the_case_s_details(language, key):
    for values in (FULL, replies.Values()):
        reply = replies.render(key, language, None, values)
        assert reply.language == language
        assert reply.subject and reply.body
        assert "{" not in reply.subject + reply.body, (language, key)
        assert ".." not in reply.body


@pytest.mark.parametrize(
    ("tag", "country", "date_text", "money_text"),
    [
        ("es", "ES", "26 de noviembre de 2026", "38,50\xa0US$"),
        ("fr", "FR", "26 novembre 2026", "38,50\xa0$US"),
        ("de", "DE", "26. November 2026", "38,50\xa0$"),
        ("pt-BR", "BR", "26 de novembro de 2026", "US$\xa038,50"),
        ("ru", "RU", "26 ноября 2026\u202fг.", "38,50\xa0$"),
        ("ja", "JP", "2026年11月26日", "$38.50"),
        ("ko", "KR", "2026년 11월 26일", "US$38.50"),
        ("zh-Hans", "CN", "2026年11月26日", "US$38.50"),
        ("en", "US", "November 26, 2026", "$38.50"),
    ],
)
def test_dates_and_money_are_written_as_the_buyer_s_locale_writes_them(tag, country, date_text, money_text):
    reply = replies.render("return_and_refund", tag, country, FULL)
    assert date_text in reply.body, reply.body
    assert money_text in reply.body, reply.body


def test_language_falls_back_sensibly():
    assert replies.choose("zh", None)[0] == "zh-Hans"  # plain Chinese reads as Simplified
    assert replies.choose("zh-CN", None)[0] == "zh-Hans"
    assert replies.choose("zh-TW", "TW")[0] == "en"  # no Traditional template yet: not Simplified
    assert replies.choose("pt-PT", "BR") == ("pt", replies.Locale.parse("pt_PT"))  # the tag's region wins
    assert str(replies.choose("es", "MX")[1]) == "es_MX"
    assert replies.choose(None, "MX")[0] == "es"  # no language given: the country's
    assert replies.choose(None, "JP")[0] == "ja"
    assert replies.choose("tlh", "US")[0] == "en"
    assert replies.choose("not a tag", None)[0] == "en"


def test_a_line_whose_details_are_missing_is_left_out():
    without = replies.render("in_transit", "en", "US", replies.Values())
    with_date = replies.render("in_transit", "en", "US", replies.Values(expected_by=date(2026, 11, 12)))
    assert "reach you by" not in without.body
    assert "It should reach you by November 12, 2026." in with_date.body
