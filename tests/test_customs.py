"""The customs block: route, ends, money and flags, beyond the YAML tests beside the rule files."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from customs.flags import Goods, flags_for
from customs.relief import Line, paid_on_returned, refund, working_days_before
from rules.case import parse_case


def _case(**customs):
    return parse_case(
        {
            "case_id": "T-1",
            "as_of": "2026-04-10",
            "buyer": {"country": customs.pop("buyer", "DE")},
            "seller": {"country": "CN"},
            "order": {"currency": "EUR", "delivered_at": "2026-03-12"},
            "items": [{"sku": "A", "unit_price": 100, "hs_code": "851830", "condition": "defective"}],
            "return_request": {"requested_at": "2026-03-20", "reason": "defective"},
            "customs": customs,
        }
    )


def test_outside_the_eu_customs_union_no_eu_regime_applies(assessor):
    # Norway's consumer-law file extends the EU's, but Norway is not in the EU customs union
    case = _case(
        buyer="NO",
        original_import={"country": "NO", "date": "2026-03-10", "duty_paid": 50, "currency": "NOK"},
        return_shipment={"from_country": "NO", "to_country": "CN", "export_date": "2026-04-10"},
    )
    block = assessor.assess(case).customs
    assert block is not None
    assert [r.jurisdiction for r in block.regimes if r.jurisdiction == "EU"] == []
    assert [m.jurisdiction for m in block.de_minimis if m.jurisdiction == "EU"] == []


def test_no_customs_data_means_no_customs_block(assessor):
    case = parse_case(
        {"case_id": "T-2", "buyer": {"country": "DE"}, "seller": {"country": "CN"}, "items": [{"unit_price": 1}]}
    )
    assert assessor.assess(case).customs is None


def test_the_route_is_inferred_from_the_import_and_the_seller(assessor):
    case = _case(original_import={"country": "DE", "date": "2026-03-10", "duty_paid": 2, "currency": "EUR"})
    block = assessor.assess(case).customs
    assert {r.end for r in block.regimes} == {"leaving", "entering"}
    assert any(r.regime == "eu_repayment_rejected_goods" and r.eligible for r in block.regimes)


def test_unknown_hs_code_is_named_for_the_invoice(assessor):
    case = _case(return_shipment={"from_country": "DE", "to_country": "CN", "export_date": "2026-04-10"})
    case.items[0].hs_code = None
    check = assessor.assess(case).customs.hs_codes[0]
    assert check.valid is False and "no HS code" in check.problem


def test_cbp_7553_is_due_five_working_days_before_the_export(assessor):
    case = parse_case(
        {
            "case_id": "T-3",
            "as_of": "2026-06-01",
            "buyer": {"country": "US"},
            "seller": {"country": "CN"},
            "order": {"currency": "USD"},
            "items": [{"sku": "A", "unit_price": 100, "hs_code": "851830", "condition": "defective"}],
            "return_request": {"reason": "defective"},
            "customs": {
                "original_import": {"country": "US", "date": "2026-05-01", "duty_paid": 10, "currency": "USD"},
                # Monday 2026-07-06; Friday 2026-07-03 is the Independence Day holiday observed
                "return_shipment": {"from_country": "US", "to_country": "CN", "export_date": "2026-07-06"},
            },
        }
    )
    drawback = next(r for r in assessor.assess(case).customs.regimes if r.regime == "us_drawback_rejected")
    assert "CBP Form 7553) by 2026-06-26" in drawback.why


def test_working_days_before_skips_weekends():
    def weekday(d: date) -> bool:
        return d.weekday() < 5

    assert working_days_before(date(2026, 7, 10), 5, weekday) == date(2026, 7, 3)


def test_a_line_that_does_not_qualify_counts_zero():
    lines = [Line("A", Decimal(75), Decimal(75)), Line("B", Decimal(25), Decimal(25), qualifies=False)]
    paid = paid_on_returned(Decimal(10), Decimal(19), "duty", lines)
    result = refund(Decimal("0.99"), lines, paid, eligible=True)
    assert result.share == 0.7425
    assert result.amount == Decimal("7.43")
    assert refund(Decimal(1), lines, paid, eligible=False).share == 0.0


def test_flags_for_batteries_cosmetics_and_food():
    assert flags_for(Goods("850760", None, defective=True)) == ["un3480", "defective_battery_no_air"]
    assert flags_for(Goods("851830", "electronics", defective=False)) == ["un3481"]
    assert flags_for(Goods("850650", None, defective=False)) == ["un3090"]
    assert flags_for(Goods("910211", None, defective=False)) == ["un3091"]
    assert flags_for(Goods("330300", None, defective=False)) == ["cosmetics", "flammable_un1266"]
    assert flags_for(Goods("090210", "food", defective=False)) == ["food"]
    assert flags_for(Goods(None, "batteries", defective=False)) == ["un3480"]


def test_a_return_inside_the_eu_needs_no_export_papers(assessor):
    case = parse_case(
        {
            "case_id": "T-4",
            "as_of": "2026-04-10",
            "buyer": {"country": "DE"},
            "seller": {"country": "FR"},
            "order": {"currency": "EUR", "delivered_at": "2026-04-01"},
            "items": [{"sku": "A", "unit_price": 100, "condition": "defective"}],
            "return_request": {"requested_at": "2026-04-05", "reason": "defective"},
            "customs": {"return_shipment": {"from_country": "DE", "to_country": "FR", "export_date": "2026-04-10"}},
        }
    )
    decision = assessor.assess(case)
    assert decision.customs is None
    assert "commercial_invoice" not in decision.paperwork


def test_paperwork_follows_the_regimes_available(assessor):
    case = _case(
        buyer="US",
        original_import={"country": "US", "date": "2026-03-10", "duty_paid": 5, "currency": "USD"},
        return_shipment={"from_country": "US", "to_country": "CN", "export_date": "2026-04-20"},
    )
    paperwork = assessor.assess(case).paperwork
    assert {"commercial_invoice", "packing_list", "cbp_7553", "proof_of_export", "proof_of_original_import"} <= set(
        paperwork
    )
