"""A reviewer's day in headless Chromium: sign in, upload the examples, work the queue, open a
case, override it, download its paperwork, switch to Chinese."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import select

from tests.web.conftest import EXAMPLES, PASSWORD
from web.extensions import db
from web.models import AuditEntry, CaseRecord


def sign_in(page: Any, email: str) -> None:
    page.goto("/login")
    page.fill("#email", email)
    page.fill("#password", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/queue")


def upload_examples(page: Any) -> None:
    page.click("nav >> text=Upload")
    page.set_input_files("#files", sorted(str(p) for p in EXAMPLES.glob("*.case.json")))
    page.click("#upload-form button[type=submit]")
    page.wait_for_selector("#upload-report")


def test_sign_in_refuses_a_wrong_password_then_lets_the_right_one_in(page, people, shot) -> None:
    page.goto("/queue")
    page.wait_for_url("**/login?next=%2Fqueue")
    shot(page, "01-login")
    page.fill("#email", people["reviewer"])
    page.fill("#password", "not it at all")
    page.click("#login-form button[type=submit]")
    assert "Wrong email or password." in page.inner_text(".flash-error")
    page.fill("#password", PASSWORD)
    page.click("#login-form button[type=submit]")
    page.wait_for_url("**/queue")
    assert page.inner_text("h1") == "Review queue"


def test_upload_queue_case_override_download_and_chinese(app, page, people, shot, tmp_path: Path) -> None:
    sign_in(page, people["reviewer"])
    upload_examples(page)
    report = page.inner_text("#upload-report")
    assert "6 stored" in report and "1 refused" in report
    assert "items[0].hs_code" in report  # the bad row names its fields
    shot(page, "02-upload-report")

    # the queue: deadlines first, filters work
    page.click("nav >> text=Review queue")
    rows = page.locator("#queue tbody tr")
    assert rows.count() == 6
    shot(page, "03-queue")
    page.select_option("#jurisdiction", "DE")
    page.click("#queue-filters button[type=submit]")
    page.wait_for_url("**jurisdiction=DE**")
    assert sorted(page.locator("#queue tbody tr").evaluate_all("rs => rs.map(r => r.dataset.case)")) == [
        "EX-DE-1",
        "EX-EU-1",
    ]

    # the case page: the recommendation first, then rights with deadlines and citations
    page.click("text=EX-DE-1")
    page.wait_for_selector("#recommendation")
    assert page.inner_text("#verdict") == "Refund"
    assert "€89.00" in page.inner_text("#recommendation")
    rights = page.inner_text("#rights")
    assert "Withdrawal" in rights and "BGB" in rights
    assert "Commercial invoice" in page.inner_text("#paperwork")
    shot(page, "04-case")

    # download the decision (the paperwork's source until documents are generated)
    with page.expect_download() as caught:
        page.click("#download-decision")
    download = caught.value
    assert download.suggested_filename == "EX-DE-1.decision.json"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    decision = json.loads(saved.read_text())
    assert decision["case_id"] == "EX-DE-1" and "commercial_invoice" in decision["paperwork"]
    # and the commercial invoice itself, as a PDF
    with page.expect_download() as caught:
        page.click("#doc-commercial_invoice-pdf")
    invoice = caught.value
    assert invoice.suggested_filename == "EX-DE-1.commercial_invoice.pdf"
    invoice.save_as(tmp_path / invoice.suggested_filename)
    assert (tmp_path / invoice.suggested_filename).read_bytes().startswith(b"%PDF-")

    # override: resolution and reason; it sticks across a reload
    page.select_option("#resolution", "partial_refund")
    page.fill("#reason", "Worn before return: 50% agreed with the buyer")
    page.click("#override")
    page.wait_for_selector(".flash-ok")
    page.reload()
    assert page.inner_text("#verdict") == "Partial refund"
    assert "Worn before return" in page.inner_text("#recommendation")
    assert "review.overridden" in page.inner_text("#history")
    shot(page, "05-case-overridden")
    with app.app_context():
        record = db.session.scalars(select(CaseRecord).where(CaseRecord.case_id == "EX-DE-1")).one()
        entry = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "review.overridden")).one()
        assert record.resolution == "partial_refund" and entry.decision_id == record.current_decision_id

    # switch to Chinese: the same page, translated, dates and countries localized
    page.select_option("#language", "zh_Hans")
    page.wait_for_selector("html[lang=zh-Hans]")
    assert "建议" in page.inner_text("#recommendation") or "处理方式" in page.inner_text("#recommendation")
    assert page.inner_text("#verdict") == "部分退款"
    assert "2027年1月11日" in page.inner_text("#recommendation")
    shot(page, "06-case-zh")
    page.click("nav >> text=审核队列")
    assert "德国" in page.inner_text("#queue")
    shot(page, "07-queue-zh")


def test_a_seller_sees_only_its_cases_in_the_browser(page, as_role, people, live_server, shot) -> None:
    staff = as_role("reviewer")
    from tests.web.conftest import example_bytes, upload

    upload(staff, [(example_bytes("au-major-failure"), "au.case.json")])
    seller = as_role("seller")
    upload(seller, [(example_bytes("aliexpress-not-received"), "ae.case.json")])
    sign_in(page, people["seller"])
    cases = page.locator("#queue tbody tr").evaluate_all("rs => rs.map(r => r.dataset.case)")
    assert cases == ["EX-AE-1"]
    assert page.locator("#review").count() == 0
    response = page.goto("/cases/1")
    assert response is not None and response.status in (200, 404)
    page.goto("/queue")
    page.click("text=EX-AE-1")
    assert page.locator("#review").count() == 0  # sellers do not review
    assert "Pedido AE-8123" in page.inner_text("#reply")
    shot(page, "15-case-platform-seller")
    shot(page, "16-platform-block", "#platform")


def test_support_checks_dispute_risk(page, people, shot) -> None:
    sign_in(page, people["support"])
    page.click("nav >> text=Dispute risk")
    page.select_option("#platform", "aliexpress")
    page.select_option("#dispute_type", "not_received")
    page.fill("#buyer_country", "ES")
    page.fill("#buyer_language", "es")
    page.fill("#amount", "38.50")
    page.fill("#ordered_at", "2026-10-01")
    page.fill("#estimated_delivery_latest", "2026-11-12")
    page.fill("#opened_at", "2026-11-14")
    page.fill("#carrier", "Cainiao")
    page.check("#tracking_registered")
    page.check("input[value=tracking_in_transit]")
    page.click("#risk-form button[type=submit]")
    page.wait_for_selector("#risk-result")
    assert "Recommendation" in page.inner_text("main")
    assert page.locator("#reply").get_attribute("lang") == "es"
    assert "High" in page.inner_text("#risk-result")
    shot(page, "08-dispute-risk")


def test_the_rule_files_read_with_dates_and_citations(page, people, shot) -> None:
    sign_in(page, people["compliance"])
    page.click("nav >> text=Rule files")
    shot(page, "17-rules-index")
    page.click("a[href='/rules/DE']")
    page.wait_for_selector("#parameters")
    assert "BGB" in page.inner_text("#parameters")
    shot(page, "09-rules-de")


def test_the_customs_block_shows_regimes_and_hs_codes(page, as_role, people, shot) -> None:
    from tests.web.conftest import example_bytes, upload

    upload(as_role("reviewer"), [(example_bytes("eu-defective-import-refund"), "eu.case.json")])
    sign_in(page, people["reviewer"])
    page.click("text=EX-EU-1")
    page.wait_for_selector("#customs table")
    customs = page.inner_text("#customs")
    assert "HS codes" in customs and "Relief and refund regimes" in customs
    assert page.locator("#customs tbody tr").count() >= 2
    paperwork = page.inner_text("#paperwork")
    assert "Proof of export" in paperwork and "Not generated" in paperwork
    shot(page, "13-case-customs")
    shot(page, "14-customs-block", "#customs")
