"""The language switch: kept in the session, and on the user's profile when signed in."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, redirect, request, session, url_for
from flask_login import current_user
from werkzeug.wrappers import Response

from web.extensions import db
from web.i18n import LANGUAGES

bp = Blueprint("language", __name__)


def safe_next(target: str | None) -> str:
    """Only a path on this site: never send a person to another host after a switch."""
    if not target:
        return url_for("cases.queue")
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return url_for("cases.queue")
    return target


@bp.post("/language")
def switch() -> Response:
    chosen = request.form.get("language", "")
    if chosen in LANGUAGES:
        session["language"] = chosen
        if current_user.is_authenticated:
            current_user.language = chosen
            db.session.commit()
    return redirect(safe_next(request.form.get("next")))
