"""Turn the short web forms into Case JSON (the contract's field names), leaving out what
was not given: unknown data is absent or null, never guessed."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

from web.forms import CaseForm, RiskForm


def _compact(value: Any) -> Any:
    """Drop empty strings, None and empty objects, recursively."""
    if isinstance(value, dict):
        out = {k: _compact(v) for k, v in value.items()}
        return {k: v for k, v in out.items() if v not in (None, "", {}, [])}
    if isinstance(value, list):
        return [_compact(v) for v in value if v not in (None, "", {})]
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    if isinstance(value, str):
        return value.strip()
    return value


def _upper(text: str | None) -> str | None:
    return text.strip().upper() if text else None


def case_from_form(form: CaseForm) -> dict[str, Any]:
    d = form.data
    return _compact(
        {
            "case_id": d["case_id"],
            "as_of": d["as_of"],
            "buyer": {
                "country": _upper(d["buyer_country"]),
                "subdivision": _upper(d["buyer_subdivision"]),
                "language": d["buyer_language"],
                "is_consumer": bool(d["buyer_is_consumer"]),
            },
            "seller": {"country": _upper(d["seller_country"]), "name": d["seller_name"]},
            "sale": {
                "channel": "marketplace" if d["platform"] else "own_store",
                "platform": d["platform"] or None,
                "return_policy_posted": bool(d["return_policy_posted"]),
            },
            "order": {
                "order_id": d["order_id"],
                "ordered_at": d["ordered_at"],
                "delivered_at": d["delivered_at"],
                "currency": _upper(d["currency"]),
            },
            "items": [
                {
                    "sku": d["sku"],
                    "description": d["description"],
                    "category": d["category"] or None,
                    "quantity": d["quantity"] or 1,
                    "unit_price": d["unit_price"],
                    "hs_code": d["hs_code"],
                    "origin_country": _upper(d["origin_country"]),
                    "condition": d["condition"] or None,
                }
            ],
            "return_request": {"requested_at": d["requested_at"], "reason": d["reason"] or None},
        }
    )


def case_from_risk_form(form: RiskForm, today: date, case_id: str = "RISK-CHECK") -> dict[str, Any]:
    d = form.data
    evidence = list(d["evidence"] or [])
    dispute_reason = d["dispute_type"] if d["dispute_type"] in _REASONS else None
    return _compact(
        {
            "case_id": case_id,
            "as_of": today,
            "buyer": {"country": _upper(d["buyer_country"]), "language": d["buyer_language"]},
            "seller": {"country": _upper(d["seller_country"])},
            "sale": {"channel": "marketplace", "platform": d["platform"], "payment_method": "platform"},
            "order": {
                "ordered_at": d["ordered_at"],
                "estimated_delivery_latest": d["estimated_delivery_latest"],
                "delivered_at": d["delivered_at"],
                "currency": _upper(d["currency"]),
            },
            "items": [{"description": "order", "quantity": 1, "unit_price": d["amount"]}],
            "tracking": {
                "carrier": d["carrier"],
                "registered": bool(d["tracking_registered"]),
                "last_event_at": d["last_event_at"],
                "delivered_confirmed": bool(d["delivered_confirmed"]),
                "signature": "signature" in evidence,
            },
            "return_request": {"requested_at": d["opened_at"], "reason": dispute_reason},
            "dispute": {
                "channel": "platform",
                "type": d["dispute_type"],
                "opened_at": d["opened_at"],
                "seller_evidence": evidence,
            },
        }
    )


_REASONS = {"not_received", "not_as_described", "counterfeit", "damaged", "wrong_item", "change_of_mind"}
