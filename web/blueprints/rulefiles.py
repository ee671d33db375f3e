"""The rule files in force, read-only: each jurisdiction and platform with its parameters'
dated values and citations, its periods and its rules."""

from __future__ import annotations

from datetime import date

from flask import Blueprint, abort, render_template, request
from flask_login import login_required

from web.assessing import assessor

bp = Blueprint("rulefiles", __name__)


@bp.get("/rules")
@login_required
def index() -> str:
    library = assessor().library
    packs = [p for p in (library.pack(code) for code in library.codes()) if p is not None]
    return render_template("rules_index.html", packs=packs)


@bp.get("/rules/<code>")
@login_required
def detail(code: str) -> str:
    library = assessor().library
    if code not in library.files:
        abort(404)
    pack = library.pack(code)
    if pack is None:
        abort(404)
    on = request.args.get("on", "")
    try:
        day = date.fromisoformat(on) if on else date.today()
    except ValueError:
        day = date.today()
    return render_template("rules_detail.html", pack=pack, on=day)
