"""Every route, every role: who gets the page, who is refused, and a seller sees only its own."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from tests.web.conftest import Client, example_bytes, upload
from web.extensions import db
from web.models import CaseRecord

ROLES = ("admin", "compliance", "reviewer", "support", "seller")

# (path, roles that get 200); every other signed-in role gets 403
PAGES = [
    ("/queue", ROLES),
    ("/cases/new", ROLES),
    ("/cases/upload", ROLES),
    ("/risk", ROLES),
    ("/rules", ROLES),
    ("/rules/DE", ROLES),
    ("/account", ROLES),
    ("/audit", ("admin", "compliance")),
    ("/admin/users", ("admin",)),
]


@pytest.mark.parametrize("path", [p for p, _ in PAGES] + ["/", "/cases/1", "/cases/1/decision.json"])
def test_anonymous_visitors_are_sent_to_sign_in(client: Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login")


@pytest.mark.parametrize(("path", "allowed"), PAGES)
def test_pages_by_role(as_role, path: str, allowed: tuple[str, ...]) -> None:
    for role in ROLES:
        response = as_role(role).get(path)
        assert response.status_code == (200 if role in allowed else 403), (path, role)


@pytest.fixture
def stored(app, as_role) -> dict[str, int]:
    """One case filed by the seller, one by staff (no seller account)."""
    seller = as_role("seller")
    upload(seller, [(example_bytes("aliexpress-not-received"), "ae.case.json")])
    staff = as_role("reviewer")
    upload(staff, [(example_bytes("de-withdrawal-holiday"), "de.case.json")])
    with app.app_context():
        rows = db.session.scalars(select(CaseRecord)).all()
        return {r.case_id: r.id for r in rows}


def test_a_seller_sees_its_own_case_and_gets_404_for_any_other(as_role, stored) -> None:
    seller, other = as_role("seller"), as_role("other_seller")
    own, staffs = stored["EX-AE-1"], stored["EX-DE-1"]
    assert seller.get(f"/cases/{own}").status_code == 200
    for path in (f"/cases/{own}", f"/cases/{own}/decision.json", f"/cases/{own}/case.json"):
        assert other.get(path).status_code == 404, path
    assert seller.get(f"/cases/{staffs}").status_code == 404
    queue = other.get("/queue").get_data(as_text=True)
    assert "EX-AE-1" not in queue and "EX-DE-1" not in queue
    assert "EX-AE-1" in seller.get("/queue").get_data(as_text=True)


def test_staff_see_every_case(as_role, stored) -> None:
    for role in ("admin", "compliance", "reviewer", "support"):
        c = as_role(role)
        for pk in stored.values():
            assert c.get(f"/cases/{pk}").status_code == 200, role


def test_only_reviewers_and_admins_may_review(as_role, stored) -> None:
    pk = stored["EX-DE-1"]
    for role in ("compliance", "support", "seller"):
        response = as_role(role).post(f"/cases/{pk}/review", {"approve": "1"})
        assert response.status_code in (403, 404), role
    assert as_role("reviewer").post(f"/cases/{pk}/review", {"approve": "1"}).status_code == 302


def test_a_seller_cannot_review_or_reassess_its_own_case(as_role, stored) -> None:
    seller = as_role("seller")
    pk = stored["EX-AE-1"]
    assert seller.post(f"/cases/{pk}/review", {"approve": "1"}).status_code == 403
    assert seller.post(f"/cases/{pk}/reassess").status_code == 403


def test_reassess_is_for_reviewers_admins_and_compliance(as_role, stored) -> None:
    pk = stored["EX-DE-1"]
    for role in ("support",):
        assert as_role(role).post(f"/cases/{pk}/reassess").status_code == 403
    for role in ("admin", "reviewer", "compliance"):
        assert as_role(role).post(f"/cases/{pk}/reassess").status_code == 302


def test_the_case_page_shows_the_review_form_only_to_reviewers(as_role, stored) -> None:
    pk = stored["EX-DE-1"]
    assert 'id="review"' in as_role("reviewer").get(f"/cases/{pk}").get_data(as_text=True)
    assert 'id="review"' not in as_role("support").get(f"/cases/{pk}").get_data(as_text=True)


def test_a_seller_filing_a_case_cannot_give_it_to_another_seller(app, as_role) -> None:
    seller = as_role("seller")
    upload(seller, [(example_bytes("jp-no-return-terms"), "jp.case.json")], seller="Other Trading")
    with app.app_context():
        record = db.session.scalars(select(CaseRecord)).one()
        assert record.seller is not None and record.seller.name == "Acme Shenzhen"


def test_staff_can_file_a_case_for_a_seller_account(app, as_role, people) -> None:
    staff = as_role("reviewer")
    upload(staff, [(example_bytes("jp-no-return-terms"), "jp.case.json")], seller="Acme Shenzhen")
    with app.app_context():
        record = db.session.scalars(select(CaseRecord)).one()
        assert record.seller is not None and record.seller.name == "Acme Shenzhen"
        assert json.loads(record.raw_json)["case_id"] == "EX-JP-1"
    assert as_role("seller").get(f"/cases/{record.id}").status_code == 200
    assert as_role("other_seller").get(f"/cases/{record.id}").status_code == 404


def test_user_admin_actions_need_the_admin_role(as_role, people) -> None:
    for role in ("compliance", "reviewer", "support", "seller"):
        c = as_role(role)
        assert (
            c.post("/admin/users", {"email": "x@example.test", "role": "admin", "password": "x" * 12}).status_code
            == 403
        )
        assert c.post("/admin/users/1/active").status_code == 403
