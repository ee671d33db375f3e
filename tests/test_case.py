"""The Case: what is refused, what is accepted, what is only warned about."""

from __future__ import annotations

from datetime import date

import pytest

from rules.case import CaseError, parse_case

MINIMAL = {
    "case_id": "C-1",
    "as_of": "2026-05-01",
    "buyer": {"country": "DE"},
    "seller": {"country": "CN"},
    "items": [{"sku": "A", "quantity": 1, "unit_price": 10}],
}


def _with(**parts):
    case = {**MINIMAL}
    case.update(parts)
    return case


def test_a_minimal_case_is_valid():
    case = parse_case(MINIMAL)
    assert case.buyer.is_consumer is True and case.seller.targets_buyer_country is True


@pytest.mark.parametrize(
    ("case", "field"),
    [
        (_with(items=[]), "items:"),
        (_with(buyer={"country": "US", "subdivision": "CA-ON"}), "buyer:"),
        (_with(buyer={"country": "US", "subdivision": "US-XX"}), "buyer.subdivision:"),
        (_with(items=[{"hs_code": "8518.30-AB"}]), "items[0].hs_code:"),
        (_with(order={"return_shipping_cost": "lots"}), "order.return_shipping_cost"),
        (_with(buyer={"country": "DE", "language": "german!"}), "buyer.language:"),
    ],
)
def test_bad_fields_are_named(case, field):
    with pytest.raises(CaseError) as error:
        parse_case(case)
    assert any(p.startswith(field) for p in error.value.problems), error.value.problems


def test_hs_codes_keep_their_form_and_a_time_keeps_its_day():
    case = parse_case(_with(items=[{"hs_code": "8518.30"}], order={"ordered_at": "2026-04-30T23:10:00+08:00"}))
    assert case.items[0].hs_code == "8518.30"
    assert case.order.ordered_at == date(2026, 4, 30)


def test_money_may_be_a_number_or_an_object():
    case = parse_case(
        _with(
            order={"currency": "EUR", "return_shipping_cost": 12.5},
            sale={"returnless_refund_under": {"amount": 5, "currency": "USD"}},
        )
    )
    assert str(case.order.return_shipping_cost.amount) == "12.5"
    assert case.sale.returnless_refund_under.currency == "USD"


def test_unknown_fields_are_warned_about_not_refused(assessor):
    case = parse_case(
        _with(
            buyer={"country": "DE", "favourite_colour": "blue"},
            order={"delivered_at": "2026-04-20", "ordred_at": "2026-04-10"},
        )
    )
    warnings = assessor.assess(case).warnings
    assert "unknown field ignored: buyer.favourite_colour" in warnings
    assert "unknown field ignored: order.ordred_at" in warnings


def test_platform_facts_are_derived_from_the_case():
    from rules.facts import case_facts

    case = parse_case(
        {
            "case_id": "F-1",
            "as_of": "2026-11-15",
            "buyer": {"country": "ES"},
            "seller": {"country": "CN"},
            "sale": {"platform": "aliexpress", "platform_program": "choice"},
            "order": {"shipped_at": "2026-10-03", "estimated_delivery_latest": "2026-11-12", "delivery_fee_paid": 2},
            "items": [{"sku": "W", "unit_price": 38.5, "quantity": 1, "quantity_ordered": 2}],
            "dispute": {"channel": "visa", "buyer_evidence": ["photos"]},
        }
    )
    facts = case_facts(case, None)
    # no type or reason given, but undelivered past the promised date: only a not-received claim fits
    assert facts["claim_type"] == "not_received"
    assert facts["card_reason_code"] == "13.1"
    assert facts["promised_delivery_days"] == (date(2026, 11, 12) - date(2026, 10, 3)).days
    assert facts["order_total"] == 79.0  # both ordered watches and the delivery fee
    assert facts["platform_program"] == "choice"
    assert facts["buyer_has_photos"] is True


def test_a_given_reason_code_is_kept_and_mastercard_uses_4853():
    from rules.facts import case_facts

    base = {
        "case_id": "F-2",
        "buyer": {"country": "US"},
        "seller": {"country": "US"},
        "items": [{"sku": "W", "unit_price": 10}],
    }
    given = parse_case({**base, "dispute": {"channel": "visa", "type": "cancelled", "reason_code": "Visa 13.2"}})
    assert case_facts(given, None)["card_reason_code"] == "13.2"
    mastercard = parse_case({**base, "dispute": {"channel": "mastercard", "type": "counterfeit"}})
    assert case_facts(mastercard, None)["card_reason_code"] == "4853"
    shopify = parse_case({**base, "sale": {"platform": "shopify"}, "dispute": {"type": "not_received"}})
    assert case_facts(shopify, None)["chargeback"] is True


def test_prescribed_disclosure_becomes_a_fact():
    from rules.facts import case_facts

    def facts(**parts):
        return case_facts(parse_case(_with(**parts)), None)

    assert facts(sale={"required_disclosure_given": False})["required_disclosure_given"] is False
    assert "required_disclosure_given" not in facts()
