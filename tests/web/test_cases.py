"""Cases in (form, upload of JSON/JSONL/CSV) and the review queue."""

from __future__ import annotations

import json
from datetime import date

from sqlalchemy import func, select

from tests.web.conftest import EXAMPLES, Client, example_bytes, upload, upload_examples
from web.extensions import db
from web.models import AuditEntry, CaseRecord, DecisionRecord


def count(app, model) -> int:  # type: ignore[no-untyped-def]
    with app.app_context():
        return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_uploading_the_examples_stores_the_good_ones_and_names_every_bad_field(app, as_role) -> None:
    c = as_role("reviewer")
    response = upload_examples(c)
    html = response.get_data(as_text=True)
    assert response.status_code == 200
    good = len([p for p in EXAMPLES.glob("*.case.json") if p.name != "invalid.case.json"])
    assert f"{good} stored" in html and "1 refused" in html
    # the refused row names its fields exactly as the CLI and API do
    for problem in ("case_id:", "buyer.country:", "seller.country: required", "items[0].hs_code:"):
        assert problem in html
    assert count(app, CaseRecord) == good
    assert count(app, DecisionRecord) == good


def test_the_raw_json_is_kept_exactly_as_received(app, as_role) -> None:
    raw = example_bytes("de-withdrawal-holiday")
    upload(as_role("reviewer"), [(raw, "de.case.json")])
    with app.app_context():
        record = db.session.scalars(select(CaseRecord)).one()
        assert record.raw_json == raw.decode()
        decision = record.current_decision
        assert decision is not None
        assert decision.rule_versions == decision.decision["rule_versions"]
        assert any(path.endswith("DE.yaml") for path in decision.rule_versions)
        assert record.act_by == date(2027, 1, 11)
        assert record.jurisdiction == "DE" and record.resolution == "refund"


def test_jsonl_with_a_bad_line_stores_the_good_lines(app, as_role) -> None:
    lines = [
        json.dumps(json.loads(example_bytes("de-withdrawal-holiday"))),
        "{not json",
        json.dumps(json.loads(example_bytes("invalid"))),
        json.dumps(json.loads(example_bytes("jp-no-return-terms"))),
    ]
    response = upload(as_role("support"), [("\n".join(lines).encode(), "batch.jsonl")])
    html = response.get_data(as_text=True)
    assert "2 stored" in html and "2 refused" in html
    assert "batch.jsonl:2" in html and "not valid JSON" in html
    assert "batch.jsonl:3" in html
    assert count(app, CaseRecord) == 2


def test_a_json_list_is_many_cases(app, as_role) -> None:
    cases = [json.loads(example_bytes("au-major-failure")), json.loads(example_bytes("us-ca-no-policy"))]
    html = upload(as_role("support"), [(json.dumps(cases).encode(), "two.json")]).get_data(as_text=True)
    assert "2 stored" in html
    assert count(app, CaseRecord) == 2


def test_csv_rows_with_field_path_headers(app, as_role) -> None:
    csv_text = (
        "case_id,as_of,buyer.country,seller.country,order.delivered_at,order.currency,items[0].sku,"
        "items[0].unit_price,items[0].category,return_request.requested_at,return_request.reason\n"
        "CSV-1,2026-11-20,DE,CN,2026-11-10,EUR,A1,19.90,apparel,2026-11-15,change_of_mind\n"
        "CSV-2,2026-11-20,XX,CN,2026-11-10,EUR,A2,ten,apparel,2026-11-15,change_of_mind\n"
        "CSV-3,2026-11-20,FR,CN,2026-11-10,EUR,A3,5,books,2026-11-18,size_issue\n"
    )
    response = upload(as_role("reviewer"), [(csv_text.encode(), "returns.csv")])
    html = response.get_data(as_text=True)
    assert "2 stored" in html and "1 refused" in html
    assert "buyer.country:" in html and "items[0].unit_price:" in html and "returns.csv:3" in html
    with app.app_context():
        ids = sorted(db.session.scalars(select(CaseRecord.case_id)).all())
        assert ids == ["CSV-1", "CSV-3"]
        stored = db.session.scalars(select(CaseRecord).where(CaseRecord.case_id == "CSV-1")).one()
        assert json.loads(stored.raw_json)["items"][0]["sku"] == "A1"
        assert stored.resolution == "refund"


def test_an_upload_of_only_bad_rows_answers_422_and_stores_nothing(app, as_role) -> None:
    response = upload(as_role("reviewer"), [(example_bytes("invalid"), "invalid.case.json")])
    assert response.status_code == 422
    assert count(app, CaseRecord) == 0 and count(app, DecisionRecord) == 0 and count(app, AuditEntry) == 1


def test_an_unknown_file_type_is_reported(as_role) -> None:
    html = upload(as_role("reviewer"), [(b"hello", "notes.txt")]).get_data(as_text=True)
    assert "upload a .json, .jsonl or .csv file" in html


def test_the_same_case_id_twice_is_refused_not_overwritten(app, as_role) -> None:
    c = as_role("reviewer")
    upload(c, [(example_bytes("de-withdrawal-holiday"), "de.case.json")])
    changed = json.loads(example_bytes("de-withdrawal-holiday"))
    changed["items"][0]["unit_price"] = 1
    html = upload(c, [(json.dumps(changed).encode(), "de-again.json")]).get_data(as_text=True)
    assert "already stored" in html
    with app.app_context():
        record = db.session.scalars(select(CaseRecord)).one()
        assert json.loads(record.raw_json)["items"][0]["unit_price"] == 89.0


def test_the_same_case_id_may_exist_once_per_seller(app, as_role) -> None:
    raw = example_bytes("jp-no-return-terms")
    upload(as_role("seller"), [(raw, "jp.json")])
    html = upload(as_role("other_seller"), [(raw, "jp.json")]).get_data(as_text=True)
    assert "1 stored" in html
    assert count(app, CaseRecord) == 2


def test_a_failure_while_storing_leaves_nothing_half_written(app, as_role, monkeypatch) -> None:
    import web.intake

    def broken(*args, **kwargs):  # type: ignore[no-untyped-def]
        raise web.intake.CaseError(["(case): the engine failed"])

    c = as_role("reviewer")
    monkeypatch.setattr(web.intake, "apply_decision", broken)
    upload(c, [(example_bytes("de-withdrawal-holiday"), "de.case.json")])
    assert count(app, CaseRecord) == 0 and count(app, DecisionRecord) == 0


def test_the_short_form_stores_a_case(app, as_role) -> None:
    form = {
        "case_id": "FORM-1",
        "as_of": "2026-11-20",
        "buyer_country": "de",
        "buyer_is_consumer": "y",
        "seller_country": "CN",
        "return_policy_posted": "y",
        "ordered_at": "2026-11-01",
        "delivered_at": "2026-11-10",
        "currency": "EUR",
        "sku": "SHOE-1",
        "description": "Trainers",
        "category": "footwear",
        "quantity": "1",
        "unit_price": "59.90",
        "requested_at": "2026-11-15",
        "reason": "size_issue",
    }
    response = as_role("reviewer").post("/cases/new", form)
    assert response.status_code == 302
    with app.app_context():
        record = db.session.scalars(select(CaseRecord)).one()
        data = json.loads(record.raw_json)
        assert data["buyer"]["country"] == "DE" and data["items"][0]["unit_price"] == 59.9
        assert record.resolution == "refund" and record.jurisdiction == "DE"
        assert response.headers["Location"] == f"/cases/{record.id}"


def test_the_form_keeps_what_was_typed_and_names_the_bad_field(app, as_role) -> None:
    form = {"case_id": "bad id", "buyer_country": "XX", "seller_country": "CN", "description": "Kept text"}
    response = as_role("reviewer").post("/cases/new", form)
    html = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "buyer.country:" in html and "case_id:" in html
    assert 'value="Kept text"' in html
    assert count(app, CaseRecord) == 0


def test_pasted_case_json_is_stored_as_pasted(app, as_role) -> None:
    raw = example_bytes("us-ca-no-policy").decode()
    response = as_role("support").post("/cases/new", {"case_json": raw})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.scalars(select(CaseRecord.raw_json)).one() == raw.strip()


def test_pasted_json_that_is_not_json_is_refused_and_kept(as_role) -> None:
    response = as_role("support").post("/cases/new", {"case_json": '{"case_id": '})
    html = response.get_data(as_text=True)
    assert response.status_code == 422 and "not valid JSON" in html and "{&#34;case_id&#34;:</textarea>" in html


# -- the queue ------------------------------------------------------------------------


def _queue_ids(c: Client, query: str = "") -> list[str]:
    import re

    html = c.get("/queue" + query).get_data(as_text=True)
    return re.findall(r'data-case="([^"]+)"', html)


def test_the_queue_sorts_by_deadline_and_marks_overdue_and_due_soon(app, as_role) -> None:
    c = as_role("reviewer")
    upload_examples(c)
    with app.app_context():
        deadlines = dict(db.session.execute(select(CaseRecord.case_id, CaseRecord.act_by)).all())
    assert deadlines["EX-DE-1"] == date(2027, 1, 11)
    # earliest deadline first, cases without one last
    expected = sorted(deadlines, key=lambda k: (deadlines[k] is None, deadlines[k] or date.max))
    ids = _queue_ids(c)
    assert [deadlines[i] for i in ids] == [deadlines[i] for i in expected]
    assert deadlines[ids[-1]] is None
    app.config["TODAY"] = date(2027, 1, 12)  # EX-DE-1 had to be acted on by 2027-01-11
    html = c.get("/queue").get_data(as_text=True)
    assert 'class="row-overdue" data-case="EX-DE-1"' in html
    assert "EX-DE-1" in _queue_ids(c, "?due=overdue")
    app.config["TODAY"] = date(2027, 1, 10)
    assert 'class="row-soon" data-case="EX-DE-1"' in c.get("/queue").get_data(as_text=True)
    assert _queue_ids(c, "?due=soon") == ["EX-DE-1"] and "EX-DE-1" not in _queue_ids(c, "?due=overdue")
    app.config["TODAY"] = date(2026, 1, 1)
    assert set(_queue_ids(c, "?due=later")) == {k for k, v in deadlines.items() if v is not None}
    assert set(_queue_ids(c, "?due=none")) == {k for k, v in deadlines.items() if v is None}


def test_the_queue_filters_by_jurisdiction_platform_and_status(as_role) -> None:
    c = as_role("reviewer")
    upload_examples(c)
    assert _queue_ids(c, "?jurisdiction=JP") == ["EX-JP-1"]
    assert sorted(_queue_ids(c, "?jurisdiction=DE")) == ["EX-DE-1", "EX-EU-1"]
    assert _queue_ids(c, "?platform=aliexpress") == ["EX-AE-1"]
    assert len(_queue_ids(c, "?status=open")) == 6
    assert _queue_ids(c, "?status=approved") == []
    assert _queue_ids(c, "?q=au-1") == ["EX-AU-1"]
    assert _queue_ids(c, "?sort=case_id") == sorted(_queue_ids(c))


def test_the_queue_filters_and_sorts_by_risk(app, as_role) -> None:
    c = as_role("reviewer")
    upload_examples(c)
    with app.app_context():
        for case_id, level, score in (("EX-AE-1", "high", 0.9), ("EX-US-1", "low", 0.1)):
            record = db.session.scalars(select(CaseRecord).where(CaseRecord.case_id == case_id)).one()
            record.risk_level, record.risk_score = level, score
        db.session.commit()
    assert _queue_ids(c, "?risk=high") == ["EX-AE-1"]
    assert _queue_ids(c, "?sort=risk")[:2] == ["EX-AE-1", "EX-US-1"]


def test_a_bad_filter_value_is_ignored_not_an_error(as_role) -> None:
    c = as_role("reviewer")
    assert c.get("/queue?sort=drop+table&due=whenever&page=-3").status_code == 200
