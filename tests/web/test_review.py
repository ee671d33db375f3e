"""Approve or override; the override sticks; the audit log says who, when, what, and what it replaced."""

from __future__ import annotations

from sqlalchemy import select

from tests.web.conftest import example_bytes, upload
from web.extensions import db
from web.models import AuditEntry, CaseRecord, Review


def _stored(app, as_role, name: str = "de-withdrawal-holiday") -> int:  # type: ignore[no-untyped-def]
    upload(as_role("reviewer"), [(example_bytes(name), f"{name}.case.json")])
    with app.app_context():
        return db.session.scalars(select(CaseRecord.id)).one()


def test_approving_keeps_the_recommendation_and_is_audited(app, as_role, people) -> None:
    pk = _stored(app, as_role)
    response = as_role("reviewer").post(f"/cases/{pk}/review", {"approve": "1", "reason": "checked the dates"})
    assert response.status_code == 302
    with app.app_context():
        record = db.session.get(CaseRecord, pk)
        assert record is not None and record.status == "approved" and record.resolution == "refund"
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "review.approved")).one()
        assert entry.user is not None and entry.user.email == people["reviewer"]
        assert entry.decision_id == record.current_decision_id


def test_an_override_needs_a_reason(app, as_role) -> None:
    pk = _stored(app, as_role)
    response = as_role("reviewer").post(f"/cases/{pk}/review", {"override": "1", "resolution": "reject", "reason": " "})
    assert response.status_code == 422
    with app.app_context():
        record = db.session.get(CaseRecord, pk)
        assert record is not None and record.status == "open" and record.resolution == "refund"
        assert db.session.scalars(select(Review)).all() == []


def test_an_override_sticks_and_the_audit_log_names_the_decision_it_replaced(app, as_role, people) -> None:
    pk = _stored(app, as_role)
    reviewer = as_role("reviewer")
    response = reviewer.post(
        f"/cases/{pk}/review",
        {"override": "1", "resolution": "partial_refund", "reason": "Goods came back worn; 50% agreed with buyer"},
    )
    assert response.status_code == 302
    page = reviewer.get(f"/cases/{pk}").get_data(as_text=True)
    assert "Partial refund" in page and "Goods came back worn" in page and "Overridden" in page
    with app.app_context():
        record = db.session.get(CaseRecord, pk)
        assert record is not None
        first_decision = record.current_decision_id
        assert record.status == "overridden" and record.resolution == "partial_refund"
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "review.overridden")).one()
        assert entry.user is not None and entry.user.email == people["reviewer"]
        assert entry.at is not None
        assert entry.decision_id == first_decision
        assert entry.details["resolution"] == "partial_refund"
        assert entry.details["recommended"] == "refund"
        assert entry.details["reason"].startswith("Goods came back worn")
    # a new assessment adds a decision; the reviewer's resolution stands
    assert as_role("compliance").post(f"/cases/{pk}/reassess").status_code == 302
    with app.app_context():
        record = db.session.get(CaseRecord, pk)
        assert record is not None
        assert len(record.decisions) == 2 and record.current_decision_id != first_decision
        assert record.status == "overridden" and record.resolution == "partial_refund"
        reassessed = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "decision.created")).one()
        assert reassessed.decision_id == first_decision
    page = reviewer.get(f"/cases/{pk}").get_data(as_text=True)
    assert "the review stands" in page


def test_the_queue_shows_the_overridden_resolution(app, as_role) -> None:
    pk = _stored(app, as_role)
    reviewer = as_role("reviewer")
    reviewer.post(f"/cases/{pk}/review", {"override": "1", "resolution": "reject", "reason": "fraud pattern"})
    html = reviewer.get("/queue?status=overridden").get_data(as_text=True)
    assert 'data-case="EX-DE-1"' in html and "Reject" in html


def test_the_audit_page_lists_the_override(app, as_role) -> None:
    pk = _stored(app, as_role)
    as_role("reviewer").post(
        f"/cases/{pk}/review", {"override": "1", "resolution": "reject", "reason": "fraud pattern"}
    )
    html = as_role("compliance").get(f"/audit?case={pk}").get_data(as_text=True)
    assert "review.overridden" in html and "fraud pattern" in html and "reviewer@example.test" in html


def test_the_case_page_shows_every_part_of_the_decision(app, as_role) -> None:
    pk = _stored(app, as_role)
    html = as_role("support").get(f"/cases/{pk}").get_data(as_text=True)
    for section in (
        'id="recommendation"',
        'id="rights"',
        'id="platform"',
        'id="customs"',
        'id="paperwork"',
        'id="trace"',
    ):
        assert section in html
    assert html.index('id="recommendation"') < html.index('id="rights"')
    assert "Withdrawal" in html and "BGB" in html  # the right with its citation
    assert "€89.00" in html and "Jan 11, 2027" in html
    assert "Commercial invoice" in html and "EU model withdrawal form" in html
    assert "No platform dispute was assessed" in html  # reads well while the block is null


def test_the_decision_json_download_is_the_stored_decision(app, as_role) -> None:
    pk = _stored(app, as_role)
    response = as_role("support").get(f"/cases/{pk}/decision.json")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == 'attachment; filename="EX-DE-1.decision.json"'
    data = response.get_json()
    assert data["case_id"] == "EX-DE-1" and data["recommendation"]["resolution"] == "refund"
    case_file = as_role("support").get(f"/cases/{pk}/case.json")
    assert case_file.get_data() == example_bytes("de-withdrawal-holiday")


def test_an_unknown_document_is_404(app, as_role) -> None:
    pk = _stored(app, as_role)
    c = as_role("support")
    assert c.get(f"/cases/{pk}/documents/no_such_document.pdf").status_code == 404
    assert c.get(f"/cases/{pk}/documents/commercial_invoice.docx").status_code == 404
    # listed by no decision of this case
    assert c.get(f"/cases/{pk}/documents/cbp_3311.pdf").status_code == 404


def test_the_commercial_invoice_downloads_as_pdf_and_html(app, as_role) -> None:
    import io

    from pypdf import PdfReader

    pk = _stored(app, as_role)
    c = as_role("support")
    page = c.get(f"/cases/{pk}").get_data(as_text=True)
    assert f'href="/cases/{pk}/documents/commercial_invoice.pdf"' in page
    pdf = c.get(f"/cases/{pk}/documents/commercial_invoice.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    assert pdf.headers["Content-Disposition"] == 'attachment; filename="EX-DE-1.commercial_invoice.pdf"'
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "EX-DE-1" in text
    html = c.get(f"/cases/{pk}/documents/commercial_invoice.html")
    assert html.status_code == 200 and "EX-DE-1" in html.get_data(as_text=True)


def test_a_sellers_documents_are_its_own(app, as_role) -> None:
    upload(as_role("seller"), [(example_bytes("de-withdrawal-holiday"), "de.case.json")])
    with app.app_context():
        pk = db.session.scalars(select(CaseRecord.id)).one()
    assert as_role("seller").get(f"/cases/{pk}/documents/commercial_invoice.html").status_code == 200
    assert as_role("other_seller").get(f"/cases/{pk}/documents/commercial_invoice.html").status_code == 404


def test_the_platform_block_shows_risk_deadlines_and_the_reply(app, as_role) -> None:
    pk = _stored(app, as_role, "aliexpress-not-received")
    html = as_role("support").get(f"/cases/{pk}").get_data(as_text=True)
    assert "No platform dispute was assessed" not in html
    assert "Nov 19, 2026" in html  # the seller's response deadline
    assert "tracking_silent" in html and "High" in html
    assert 'id="reply" lang="es"' in html and "Pedido AE-8123" in html
    with app.app_context():
        record = db.session.get(CaseRecord, pk)
        assert record is not None and record.risk_level == "high" and record.platform == "aliexpress"
