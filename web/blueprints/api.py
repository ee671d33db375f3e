"""The JSON API, /api/v1/: assess, cases, decisions, documents.

Every call but the OpenAPI document needs `Authorization: Bearer <token>` (tokens are made on
the account page or with `bordercase create-token`); an anonymous call gets 401. The API takes
no session cookie, so it needs no CSRF token. A case that is not valid gets 422 with every
bad field named, exactly the problems the CLI prints.
"""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, g, request, url_for
from sqlalchemy import select
from werkzeug.wrappers import Response

from rules.case import CaseError, parse_case
from web import documents, tokens
from web.access import scope_cases, visible_case
from web.assessing import assess
from web.extensions import csrf, db
from web.intake import parse_json_text, store_case
from web.models import CaseRecord, DecisionRecord
from web.openapi import document as openapi_document
from web.serialize import case_summary, decision_summary, review_summary

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)

LIMIT = 100


@bp.before_request
def authenticate() -> Any:
    if request.endpoint == "api.openapi":
        return None
    header = request.headers.get("Authorization", "")
    scheme, _, token = header.partition(" ")
    user = tokens.user_for(token.strip()) if scheme.lower() == "bearer" and token.strip() else None
    if user is None:
        return (
            {"error": "unauthorized", "detail": "send Authorization: Bearer <token>"},
            401,
            {"WWW-Authenticate": 'Bearer realm="bordercase"'},
        )
    g.api_user = user
    db.session.commit()  # the token's last use
    return None


def _refused(problems: list[str]) -> tuple[dict[str, Any], int]:
    return {"error": "invalid case", "problems": problems}, 422


def _body() -> tuple[Any, str]:
    text = request.get_data(as_text=True)
    return parse_json_text(text), text


@bp.get("/openapi.json")
def openapi() -> dict[str, Any]:
    return openapi_document()


@bp.post("/assess")
def assess_case() -> Any:
    try:
        data, _text = _body()
        decision = assess(parse_case(data))
    except CaseError as error:
        return _refused(error.problems)
    return Response(decision.model_dump_json(), mimetype="application/json")


@bp.get("/cases")
def cases() -> dict[str, Any]:
    limit = min(max(request.args.get("limit", LIMIT, type=int) or LIMIT, 1), LIMIT)
    offset = max(request.args.get("offset", 0, type=int) or 0, 0)
    query = scope_cases(select(CaseRecord), g.api_user).order_by(CaseRecord.id)
    if request.args.get("status"):
        query = query.where(CaseRecord.status == request.args["status"])
    if request.args.get("case_id"):
        query = query.where(CaseRecord.case_id == request.args["case_id"])
    rows = db.session.scalars(query.limit(limit).offset(offset)).all()
    return {"cases": [case_summary(r) for r in rows], "limit": limit, "offset": offset}


@bp.post("/cases")
def create_case() -> Any:
    try:
        data, text = _body()
        record = store_case(data, text, "api", g.api_user)
    except CaseError as error:
        db.session.rollback()
        return _refused(error.problems)
    assert record.current_decision is not None
    body = {"case": case_summary(record), "decision": record.current_decision.decision}
    return body, 201, {"Location": url_for("api.case", case_pk=record.id)}


@bp.get("/cases/<int:case_pk>")
def case(case_pk: int) -> dict[str, Any]:
    record = visible_case(case_pk, g.api_user)
    return {
        "case": case_summary(record),
        "decision": record.current_decision.decision if record.current_decision else None,
        "reviews": [review_summary(r) for r in record.reviews],
    }


@bp.get("/cases/<int:case_pk>/decisions")
def case_decisions(case_pk: int) -> dict[str, Any]:
    record = visible_case(case_pk, g.api_user)
    return {"decisions": [decision_summary(d) for d in record.decisions]}


@bp.get("/decisions/<int:decision_id>")
def decision(decision_id: int) -> Any:
    row = db.session.get(DecisionRecord, decision_id)
    if row is None:
        abort(404)
    visible_case(row.case_pk, g.api_user)  # 404 for another seller's decision
    return row.decision


@bp.get("/cases/<int:case_pk>/documents")
def case_documents(case_pk: int) -> dict[str, Any]:
    record = visible_case(case_pk, g.api_user)
    decision_data = record.current_decision.decision if record.current_decision else {}
    lines = documents.paperwork(decision_data)
    return {
        "documents": [
            {
                "document": line.document,
                "label": line.label,
                "downloads": {
                    fmt: url_for("api.document", case_pk=record.id, document=line.document, fmt=fmt)
                    for fmt in line.formats
                },
            }
            for line in lines
        ],
        "decision": url_for("api.decision", decision_id=record.current_decision_id)
        if record.current_decision_id
        else None,
    }


@bp.get("/cases/<int:case_pk>/documents/<document>.<fmt>")
def document(case_pk: int, document: str, fmt: str) -> Response:
    record = visible_case(case_pk, g.api_user)
    if record.current_decision is None:
        abort(404)
    made = documents.render(document, fmt, record.raw_json, record.current_decision.decision)
    if made is None:
        abort(404)
    return Response(
        made.content, mimetype=made.mimetype, headers={"Content-Disposition": f'attachment; filename="{made.filename}"'}
    )
