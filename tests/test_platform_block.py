"""The Decision's platform block: which file judges, and that every case with a platform or a
dispute gets a filled block (null otherwise)."""

from __future__ import annotations

import pytest

from rules.case import parse_case
from rules.platform import platform_of
from tests.conftest import load_example

BASE = {
    "case_id": "PB-1",
    "as_of": "2026-11-15",
    "buyer": {"country": "DE", "language": "de"},
    "seller": {"country": "DE"},
    "order": {"order_id": "O-1", "ordered_at": "2026-10-01", "currency": "EUR"},
    "items": [{"sku": "A", "category": "apparel", "unit_price": 40}],
}


def _case(**parts):
    return parse_case({**BASE, **parts})


@pytest.mark.parametrize(
    ("parts", "expected"),
    [
        ({"sale": {"platform": "aliexpress"}, "dispute": {"channel": "platform"}}, "aliexpress"),
        ({"sale": {"platform": "aliexpress", "payment_method": "paypal"}, "dispute": {"channel": "paypal"}}, "paypal"),
        ({"sale": {"platform": "shopify"}, "dispute": {"channel": "visa"}}, "visa"),
        ({"sale": {"platform": "shopify"}, "dispute": {"type": "not_received"}}, "shopify"),
        ({"sale": {"channel": "own_store"}, "dispute": {"channel": "mastercard"}}, "mastercard"),
        ({"sale": {"channel": "own_store"}, "dispute": {"type": "not_received"}}, "other"),
        ({"sale": {"platform": "ebay"}}, "ebay"),
        ({"sale": {"channel": "own_store"}}, None),
    ],
)
def test_the_dispute_s_channel_judges_before_the_sale_s_platform(parts, expected):
    assert platform_of(_case(**parts)) == expected


def test_a_case_without_platform_or_dispute_has_no_platform_block(assessor):
    decision = assessor.assess(load_example("de-withdrawal-holiday"))
    assert decision.platform is None


def test_the_example_block_records_the_platform_file_and_its_trace(assessor):
    decision = assessor.assess(load_example("aliexpress-not-received"))
    assert "disputes/platforms/aliexpress.yaml" in decision.rule_versions
    rules = [line.rule for line in decision.trace]
    assert "aliexpress.not_received" in rules and "aliexpress.not_received.tracking_frozen" in rules
    assert "aliexpress.period.seller_response" in rules
    block = decision.platform
    assert block.reply.language == "es"
    assert "15 de octubre de 2026" in block.reply.body and "38,50\xa0US$" in block.reply.body
    assert "2026-11-19" in block.recommended_action
    assert block.citation and "AliExpress" in block.citation
    assert decision.recommendation.resolution.value == "reship"
    assert decision.recommendation.act_by.isoformat() == "2026-11-19"


def test_own_store_dispute_with_no_network_named_gets_a_block_without_windows(assessor):
    case = _case(
        sale={"channel": "own_store", "payment_method": "card"},
        order={**BASE["order"], "estimated_delivery_latest": "2026-10-10"},
        tracking={"carrier": "DHL", "registered": True, "last_event_at": "2026-10-05"},
        dispute={"type": "not_received", "opened_at": "2026-11-01"},
    )
    block = assessor.assess(case).platform
    assert block.platform == "other"
    assert block.dispute_window_open is None and block.dispute_deadline is None
    assert block.seller_response_deadline is None
    assert block.risk.level == "high" and "tracking_silent" in block.risk.signals
    assert "reship" in block.recommended_action
    assert block.reply.language == "de"


def test_a_channel_without_a_rule_file_is_named_in_the_warnings(assessor):
    case = _case(sale={"channel": "own_store"}, dispute={"channel": "amex", "type": "not_received"})
    decision = assessor.assess(case)
    assert decision.platform.platform == "amex"
    assert any("no rule file for platform 'amex'" in w for w in decision.warnings)
    # an open chargeback, whatever its network: never refund twice
    assert decision.recommendation.resolution.value == "escalate"
    assert decision.recommendation.refund_amount is None
