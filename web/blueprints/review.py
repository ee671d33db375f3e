"""A reviewer approves or overrides a case's recommendation; a new assessment on demand.

An override sticks: re-assessing a case adds a decision but keeps the reviewer's resolution,
and the audit log records who, when, what, and the decision the review replaced.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.wrappers import Response

from web import audit
from web.access import roles_required, visible_case
from web.extensions import db
from web.forms import EmptyForm, ReviewForm
from web.intake import reassess
from web.labels import label
from web.models import REVIEWERS, CaseStatus, Review, Role

bp = Blueprint("review", __name__)


@bp.post("/cases/<int:case_pk>/review")
@roles_required(*REVIEWERS)
def review(case_pk: int) -> Response | tuple[str, int]:
    record = visible_case(case_pk, current_user)
    form = ReviewForm()
    reviewed = record.current_decision
    if reviewed is None or not form.validate_on_submit():
        flash(_("The review could not be saved."), "error")
        return redirect(url_for("cases.case_page", case_pk=case_pk))
    recommended = reviewed.resolution
    if form.override.data:
        reason = (form.reason.data or "").strip()
        if not form.resolution.data or not reason:
            return render_template(
                "error.html",
                code=422,
                message=_("An override needs a resolution and a reason."),
                back=url_for("cases.case_page", case_pk=case_pk),
            ), 422
        action, resolution, status = "overridden", form.resolution.data, CaseStatus.overridden
    else:
        reason = (form.reason.data or "").strip()
        action, resolution, status = "approved", recommended, CaseStatus.approved
    previous = record.resolution
    db.session.add(
        Review(
            case=record,
            decision_id=reviewed.id,
            reviewer_id=current_user.id,
            action=action,
            resolution=resolution,
            recommended=recommended,
            reason=reason,
        )
    )
    record.status = status
    record.resolution = resolution
    audit.record(
        f"review.{action}",
        current_user,
        record,
        replaced=reviewed,
        resolution=resolution,
        recommended=recommended,
        previous=previous,
        reason=reason,
    )
    db.session.commit()
    if action == "overridden":
        flash(_("Overridden: the resolution is now %(resolution)s.", resolution=label(resolution)), "ok")
    else:
        flash(_("Approved."), "ok")
    return redirect(url_for("cases.case_page", case_pk=case_pk))


@bp.post("/cases/<int:case_pk>/reassess")
@roles_required(Role.admin, Role.reviewer, Role.compliance)
def reassess_case(case_pk: int) -> Response:
    record = visible_case(case_pk, current_user)
    if EmptyForm().validate_on_submit():
        stored = reassess(record, current_user)
        flash(
            _("Assessed again with the rule files in force: %(resolution)s.", resolution=label(stored.resolution)), "ok"
        )
    return redirect(url_for("cases.case_page", case_pk=case_pk))
