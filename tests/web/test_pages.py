"""Dispute risk for support, the rule-file browser, and the error pages."""

from __future__ import annotations

from web.assessing import assessor

RISK_FORM = {
    "platform": "aliexpress",
    "dispute_type": "not_received",
    "buyer_country": "es",
    "buyer_language": "es",
    "seller_country": "CN",
    "amount": "38.50",
    "currency": "USD",
    "ordered_at": "2026-10-01",
    "estimated_delivery_latest": "2026-11-12",
    "opened_at": "2026-11-14",
    "carrier": "Cainiao",
    "tracking_registered": "y",
    "last_event_at": "2026-10-15",
    "evidence": ["tracking_in_transit"],
}


def test_the_risk_form_builds_a_case_and_shows_what_the_decision_gives(app, as_role) -> None:
    response = as_role("support").post("/risk", RISK_FORM)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    assert 'id="risk-result"' in html
    assert '"platform": "aliexpress"' in html  # the case it checked is shown
    assert '"seller_evidence": [' in html and "tracking_in_transit" in html
    # the disputes work fills the platform block: the risk, the deadline and a reply in Spanish
    assert "Reply to the buyer" in html and 'lang="es"' in html
    assert 'id="seller-response-deadline"' in html and "High" in html


def test_the_risk_form_names_bad_facts(as_role) -> None:
    response = as_role("support").post("/risk", {**RISK_FORM, "buyer_country": "XX"})
    assert response.status_code == 422
    assert "buyer.country:" in response.get_data(as_text=True)


def test_the_risk_form_stores_nothing(app, as_role) -> None:
    from sqlalchemy import func, select

    from web.extensions import db
    from web.models import CaseRecord

    as_role("support").post("/risk", RISK_FORM)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(CaseRecord)) == 0


def test_the_rule_files_index_lists_every_file_in_force(as_role) -> None:
    html = as_role("compliance").get("/rules").get_data(as_text=True)
    for code in assessor().library.codes():
        assert f'href="/rules/{code}"' in html
    assert "jurisdictions/DE.yaml@" in html


def test_a_rule_file_shows_dated_values_with_citations(as_role) -> None:
    html = as_role("compliance").get("/rules/DE?on=2026-06-01").get_data(as_text=True)
    pack = assessor().library.pack("DE")
    assert pack is not None
    name, parameter = next(iter(sorted(pack.parameters.items())))
    assert name in html
    first = parameter.values[min(parameter.values)]
    assert str(first.citation).split()[0] in html
    assert "BGB" in html and "verified" in html.lower()
    assert 'id="periods"' in html and 'id="rules"' in html


def test_an_unknown_rule_file_is_404(as_role) -> None:
    assert as_role("compliance").get("/rules/ZZ").status_code == 404
    assert as_role("compliance").get("/rules/DE?on=not-a-date").status_code == 200


def test_404_pages_are_in_the_products_look(as_role) -> None:
    response = as_role("support").get("/cases/424242")
    assert response.status_code == 404
    assert "not yours to see" in response.get_data(as_text=True)


def test_the_stylesheet_is_served_locally(client) -> None:
    response = client.get("/static/app.css")
    assert response.status_code == 200 and b"--accent" in response.data
    page = client.get("/login").get_data(as_text=True)
    assert "https://" not in page.split("<body>")[0]  # nothing fetched from a CDN


def test_pages_carry_security_headers(client) -> None:
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "onchange=" not in response.get_data(as_text=True)  # no inline script for the CSP to block


def test_every_rule_file_in_force_has_a_page(as_role) -> None:
    c = as_role("compliance")
    library = assessor().library
    platforms = library.codes("platform")
    assert platforms, "the platform rule files are in force"
    for code in library.codes():
        response = c.get(f"/rules/{code}")
        assert response.status_code == 200, code
    index = c.get("/rules").get_data(as_text=True)
    assert "Platforms" in index and f'href="/rules/{platforms[0]}"' in index
