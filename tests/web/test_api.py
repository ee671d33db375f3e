"""The JSON API: tokens, 401, 422 with every bad field, the contract's JSON, OpenAPI."""

from __future__ import annotations

import json

import pytest
from openapi_spec_validator import validate
from sqlalchemy import select

from rules.case import CaseError, parse_case
from tests.web.conftest import example_bytes
from web import tokens
from web.extensions import db
from web.models import ApiToken, User


@pytest.fixture
def token_for(app, people):  # type: ignore[no-untyped-def]
    def make(role: str) -> dict[str, str]:
        with app.app_context():
            user = db.session.scalars(select(User).where(User.email == people[role])).one()
            _record, token = tokens.issue(user, "test")
            db.session.commit()
        return {"Authorization": f"Bearer {token}"}

    return make


@pytest.fixture
def api(app):  # type: ignore[no-untyped-def]
    return app.test_client()


ENDPOINTS = [
    ("post", "/api/v1/assess"),
    ("get", "/api/v1/cases"),
    ("post", "/api/v1/cases"),
    ("get", "/api/v1/cases/1"),
    ("get", "/api/v1/cases/1/decisions"),
    ("get", "/api/v1/decisions/1"),
    ("get", "/api/v1/cases/1/documents"),
    ("get", "/api/v1/cases/1/documents/commercial_invoice.pdf"),
]


@pytest.mark.parametrize(("method", "path"), ENDPOINTS)
def test_anonymous_calls_get_401(api, method: str, path: str) -> None:
    response = getattr(api, method)(path, json={})
    assert response.status_code == 401
    assert response.headers["WWW-Authenticate"].startswith("Bearer")
    assert response.get_json()["error"] == "unauthorized"


def test_a_wrong_or_revoked_token_gets_401(app, api, token_for) -> None:
    assert api.get("/api/v1/cases", headers={"Authorization": "Bearer bc_nonsense"}).status_code == 401
    headers = token_for("support")
    assert api.get("/api/v1/cases", headers=headers).status_code == 200
    with app.app_context():
        from web.models import utcnow

        for record in db.session.scalars(select(ApiToken)).all():
            record.revoked_at = utcnow()
        db.session.commit()
    assert api.get("/api/v1/cases", headers=headers).status_code == 401


def test_a_session_cookie_does_not_open_the_api(as_role) -> None:
    signed_in = as_role("admin")
    assert signed_in.get("/api/v1/cases").status_code == 401


def test_assess_takes_and_returns_the_contracts_json(api, token_for, assessor) -> None:
    body = json.loads(example_bytes("de-withdrawal-holiday"))
    response = api.post("/api/v1/assess", json=body, headers=token_for("support"))
    assert response.status_code == 200
    got = response.get_json()
    expected = json.loads(assessor.assess(parse_case(body)).model_dump_json())
    got.pop("evaluated_at"), expected.pop("evaluated_at")
    assert got == expected


def test_a_bad_case_gets_422_naming_the_same_fields_as_case_error(api, token_for) -> None:
    body = json.loads(example_bytes("invalid"))
    with pytest.raises(CaseError) as refused:
        parse_case(body)
    for path in ("/api/v1/assess", "/api/v1/cases"):
        response = api.post(path, json=body, headers=token_for("support"))
        assert response.status_code == 422
        assert response.get_json() == {"error": "invalid case", "problems": refused.value.problems}


def test_a_body_that_is_not_json_gets_422(api, token_for) -> None:
    response = api.post("/api/v1/assess", data="{oops", headers=token_for("support"), content_type="application/json")
    assert response.status_code == 422
    assert response.get_json()["problems"][0].startswith("(case): not valid JSON")


def test_cases_are_stored_listed_and_read_back(api, token_for) -> None:
    headers = token_for("reviewer")
    raw = example_bytes("jp-no-return-terms")
    created = api.post("/api/v1/cases", data=raw, headers=headers, content_type="application/json")
    assert created.status_code == 201
    body = created.get_json()
    pk = body["case"]["id"]
    assert created.headers["Location"] == f"/api/v1/cases/{pk}"
    assert body["decision"]["case_id"] == "EX-JP-1" and body["case"]["resolution"] == "refund"
    listed = api.get("/api/v1/cases", headers=headers).get_json()["cases"]
    assert [c["case_id"] for c in listed] == ["EX-JP-1"]
    one = api.get(f"/api/v1/cases/{pk}", headers=headers).get_json()
    assert one["decision"]["recommendation"]["currency"] == "JPY" and one["reviews"] == []
    decisions = api.get(f"/api/v1/cases/{pk}/decisions", headers=headers).get_json()["decisions"]
    assert len(decisions) == 1 and decisions[0]["rule_versions"]
    decision = api.get(decisions[0]["url"], headers=headers).get_json()
    assert decision == body["decision"]
    again = api.post("/api/v1/cases", data=raw, headers=headers, content_type="application/json")
    assert again.status_code == 422 and "already stored" in again.get_json()["problems"][0]


def test_a_sellers_token_sees_only_its_cases(api, token_for) -> None:
    seller, other = token_for("seller"), token_for("other_seller")
    created = api.post("/api/v1/cases", json=json.loads(example_bytes("aliexpress-not-received")), headers=seller)
    pk = created.get_json()["case"]["id"]
    decision_id = created.get_json()["case"]["decision_id"]
    assert created.get_json()["case"]["seller"] == "Acme Shenzhen"
    for path in (
        f"/api/v1/cases/{pk}",
        f"/api/v1/cases/{pk}/decisions",
        f"/api/v1/decisions/{decision_id}",
        f"/api/v1/cases/{pk}/documents",
    ):
        assert api.get(path, headers=other).status_code == 404, path
        assert api.get(path, headers=seller).status_code == 200, path
    assert api.get("/api/v1/cases", headers=other).get_json()["cases"] == []


def test_documents_lists_the_paperwork(api, token_for) -> None:
    headers = token_for("support")
    created = api.post("/api/v1/cases", json=json.loads(example_bytes("de-withdrawal-holiday")), headers=headers)
    pk = created.get_json()["case"]["id"]
    listing = api.get(f"/api/v1/cases/{pk}/documents", headers=headers).get_json()
    ids = [d["document"] for d in listing["documents"]]
    assert ids == ["commercial_invoice", "packing_list", "eu_withdrawal_form"]
    assert listing["decision"] == f"/api/v1/decisions/{created.get_json()['case']['decision_id']}"
    invoice = listing["documents"][0]["downloads"]
    assert invoice == {
        "pdf": f"/api/v1/cases/{pk}/documents/commercial_invoice.pdf",
        "html": f"/api/v1/cases/{pk}/documents/commercial_invoice.html",
    }
    pdf = api.get(invoice["pdf"], headers=headers)
    assert pdf.status_code == 200 and pdf.data.startswith(b"%PDF-")
    assert api.get(f"/api/v1/cases/{pk}/documents/no_such.pdf", headers=headers).status_code == 404


def test_the_openapi_document_is_public_and_valid(api) -> None:
    response = api.get("/api/v1/openapi.json")
    assert response.status_code == 200
    spec = response.get_json()
    validate(spec)
    assert {"/assess", "/cases", "/cases/{case_pk}", "/decisions/{decision_id}", "/cases/{case_pk}/documents"} <= set(
        spec["paths"]
    )
    schemas = spec["components"]["schemas"]
    assert "Case" in schemas and "Decision" in schemas
    assert "recommendation" in schemas["Decision"]["properties"]


def test_the_api_answers_404_as_json(api, token_for) -> None:
    response = api.get("/api/v1/cases/999999", headers=token_for("admin"))
    assert response.status_code == 404 and response.get_json()["error"] == "Not Found"
