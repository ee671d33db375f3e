"""Signing in and out, and the account page (language, API tokens)."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from web import audit, tokens
from web.blueprints.language import safe_next
from web.extensions import db
from web.forms import EmptyForm, LoginForm, TokenForm
from web.models import ApiToken, User, utcnow
from web.passwords import hash_password, needs_rehash, verify_password

bp = Blueprint("auth", __name__)

# verifying against a real hash when the email is unknown takes as long as a wrong password,
# so the time of the answer does not tell which emails have accounts
_DUMMY_HASH = hash_password("not a password of anyone")


@bp.route("/login", methods=["GET", "POST"])
def login() -> Any:
    if current_user.is_authenticated:
        return redirect(url_for("cases.queue"))
    form = LoginForm()
    if form.validate_on_submit():
        email = (form.email.data or "").strip().lower()
        user = db.session.scalars(select(User).where(func.lower(User.email) == email)).first()
        good = verify_password(user.password_hash if user else _DUMMY_HASH, form.password.data or "")
        if user is not None and good and user.active:
            if needs_rehash(user.password_hash):
                user.password_hash = hash_password(form.password.data or "")
            language = session.get("language")
            session.clear()  # a fresh session on sign-in (no fixation)
            if language:
                session["language"] = language
            login_user(user, remember=form.remember.data)
            audit.record("user.signed_in", user)
            db.session.commit()
            return redirect(safe_next(request.args.get("next")))
        flash(_("Wrong email or password."), "error")
    return render_template("login.html", form=form), 200 if request.method == "GET" else 401


@bp.post("/logout")
@login_required
def logout() -> Response:
    form = EmptyForm()
    if form.validate_on_submit():
        logout_user()
        session.pop("language", None)
    return redirect(url_for("auth.login"))


@bp.route("/account", methods=["GET", "POST"])
@login_required
def account() -> Any:
    form = TokenForm()
    new_token = None
    if form.validate_on_submit():
        record, new_token = tokens.issue(current_user, form.name.data or "")
        audit.record("token.created", current_user, token=record.prefix, name=record.name)
        db.session.commit()
    mine = db.session.scalars(select(ApiToken).where(ApiToken.user_id == current_user.id).order_by(ApiToken.id)).all()
    return render_template("account.html", form=form, tokens=mine, new_token=new_token, revoke_form=EmptyForm())


@bp.post("/account/tokens/<int:token_id>/revoke")
@login_required
def revoke(token_id: int) -> Response:
    form = EmptyForm()
    record = db.session.get(ApiToken, token_id)
    if form.validate_on_submit() and record is not None and record.user_id == current_user.id:
        record.revoked_at = utcnow()
        audit.record("token.revoked", current_user, token=record.prefix)
        db.session.commit()
        flash(_("Token revoked."), "ok")
    return redirect(url_for("auth.account"))
