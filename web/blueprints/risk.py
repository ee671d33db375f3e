"""Dispute risk for support: a short form builds a Case, and the page shows what the
Decision's platform block says (risk, deadlines, the reply in the buyer's language).
Nothing is stored: support checks before answering; a reviewer files the case."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request
from flask_login import login_required

from rules.case import CaseError, parse_case
from web.assessing import act_by, assess
from web.casebuild import case_from_risk_form
from web.forms import RiskForm
from web.i18n import today

bp = Blueprint("risk", __name__)


@bp.route("/risk", methods=["GET", "POST"])
@login_required
def risk() -> Any:
    form = RiskForm()
    decision = case_data = None
    problems: list[str] = []
    if form.validate_on_submit():
        case_data = case_from_risk_form(form, today())
        try:
            decision = assess(parse_case(case_data)).model_dump(mode="json")
        except CaseError as error:
            problems = error.problems
    status = 422 if request.method == "POST" and decision is None else 200
    return (
        render_template(
            "risk.html",
            form=form,
            decision=decision,
            case_data=case_data,
            problems=problems,
            act_by=act_by(decision) if decision else None,
        ),
        status,
    )
