"""Cases: the review queue, the case page, the case form, the upload, the downloads."""

from __future__ import annotations

import json
from typing import Any

from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from rules.case import CaseError
from web import documents, queue
from web.access import visible_case
from web.casebuild import case_from_form
from web.extensions import db
from web.forms import CaseForm, EmptyForm, ReviewForm, UploadForm, pairs
from web.i18n import today
from web.intake import import_rows, parse_json_text, store_case
from web.models import AuditEntry, CaseRecord, DecisionRecord, Seller
from web.uploads import read_upload

bp = Blueprint("cases", __name__)


def _seller_choices(form: Any) -> None:
    """Staff may file a case for a seller account; a seller's own cases are always its own."""
    if current_user.is_seller:
        form.seller.choices = pairs([("", current_user.seller.name if current_user.seller else "")])
        return
    names = db.session.scalars(select(Seller.name).order_by(Seller.name)).all()
    form.seller.choices = pairs([("", _("(no seller account)")), *((n, n) for n in names)])


def _chosen_seller(form: Any) -> Seller | None:
    if current_user.is_seller or not form.seller.data:
        return None
    return db.session.scalars(select(Seller).where(Seller.name == form.seller.data)).first()


@bp.get("/")
@login_required
def home() -> Any:
    return redirect(url_for("cases.queue"))


@bp.get("/queue", endpoint="queue")
@login_required
def queue_page() -> str:
    soon_days = current_app.config["DUE_SOON_DAYS"]
    now = today()
    f = queue.QueueFilter.from_args(request.args)
    rows, more = queue.page(queue.build(f, current_user, now, soon_days), f.page)
    return render_template(
        "queue.html",
        rows=rows,
        more=more,
        f=f,
        today=now,
        urgency=lambda d: queue.urgency(d, now, soon_days),
        counts=queue.counts(current_user, now, soon_days),
        jurisdictions=queue.options(current_user, CaseRecord.jurisdiction),
        platforms=queue.options(current_user, CaseRecord.platform),
    )


@bp.route("/cases/new", methods=["GET", "POST"])
@login_required
def new_case() -> Any:
    form = CaseForm()
    _seller_choices(form)
    problems: list[str] = []
    raw = request.form.get("case_json", "").strip() if request.method == "POST" else ""
    if request.method == "POST" and raw:
        # pasted JSON wins over the short form: it can say all the contract can (CSRFProtect
        # has already checked this POST's token)
        try:
            record = store_case(parse_json_text(raw), raw, "form", current_user, _chosen_seller(form))
            return redirect(url_for("cases.case_page", case_pk=record.id))
        except CaseError as error:
            db.session.rollback()
            problems = error.problems
    elif form.validate_on_submit():
        try:
            record = store_case(case_from_form(form), None, "form", current_user, _chosen_seller(form))
            return redirect(url_for("cases.case_page", case_pk=record.id))
        except CaseError as error:
            db.session.rollback()
            problems = error.problems
    status = 422 if request.method == "POST" else 200
    return render_template("case_form.html", form=form, problems=problems, case_json=raw), status


@bp.route("/cases/upload", methods=["GET", "POST"])
@login_required
def upload() -> Any:
    form = UploadForm()
    _seller_choices(form)
    results = None
    if form.validate_on_submit():
        files = [f for f in request.files.getlist(form.files.name) if f and f.filename]
        if not files:
            flash(_("Choose at least one file."), "error")
        else:
            rows = [row for f in files for row in read_upload(f.filename or "", f.read())]
            results = import_rows(rows, "upload", current_user, _chosen_seller(form))
    status = 200
    if results is not None and not any(r.ok for r in results):
        status = 422
    return render_template("upload.html", form=form, results=results), status


@bp.get("/cases/<int:case_pk>")
@login_required
def case_page(case_pk: int) -> str:
    record = visible_case(case_pk, current_user)
    decision_row = record.current_decision
    if decision_row is None:
        abort(404)
    decision = decision_row.decision
    history = db.session.scalars(
        select(AuditEntry).where(AuditEntry.case_pk == record.id).order_by(AuditEntry.id.desc())
    ).all()
    review_form = ReviewForm()
    return render_template(
        "case.html",
        record=record,
        decision=decision,
        decision_row=decision_row,
        paperwork=documents.paperwork(decision),
        review_form=review_form,
        reassess_form=EmptyForm(),
        history=history,
        case_data=json.loads(record.raw_json),
        urgency=queue.urgency(record.act_by, today(), current_app.config["DUE_SOON_DAYS"]),
    )


@bp.get("/cases/<int:case_pk>/decision.json")
@login_required
def decision_json(case_pk: int) -> Response:
    record = visible_case(case_pk, current_user)
    wanted = request.args.get("decision", type=int)
    row = db.session.get(DecisionRecord, wanted) if wanted else record.current_decision
    if row is None or row.case_pk != record.id:
        abort(404)
    download = documents.decision_download(record.case_id, row.decision)
    return _send(download)


@bp.get("/cases/<int:case_pk>/case.json")
@login_required
def case_json(case_pk: int) -> Response:
    record = visible_case(case_pk, current_user)
    return Response(
        record.raw_json,
        mimetype="application/json",
        headers={"Content-Disposition": f'attachment; filename="{record.case_id}.case.json"'},
    )


@bp.get("/cases/<int:case_pk>/documents/<document>.<fmt>")
@login_required
def document(case_pk: int, document: str, fmt: str) -> Response:
    record = visible_case(case_pk, current_user)
    if record.current_decision is None:
        abort(404)
    made = documents.render(document, fmt, record.raw_json, record.current_decision.decision)
    if made is None:
        abort(404)
    return _send(made)


def _send(download: documents.Download) -> Response:
    return Response(
        download.content,
        mimetype=download.mimetype,
        headers={"Content-Disposition": f'attachment; filename="{download.filename}"'},
    )
