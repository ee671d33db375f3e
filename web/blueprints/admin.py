"""Administration: users and their roles, and the audit log."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from werkzeug.wrappers import Response

from web import audit
from web.access import roles_required
from web.extensions import db
from web.forms import EmptyForm, UserForm
from web.models import AUDITORS, AuditEntry, Role, Seller, User
from web.passwords import hash_password

bp = Blueprint("admin", __name__)

PAGE = 100


def seller_named(name: str) -> Seller:
    seller = db.session.scalars(select(Seller).where(Seller.name == name)).first()
    if seller is None:
        seller = Seller(name=name)
        db.session.add(seller)
    return seller


def create_user(email: str, password: str, role: Role, name: str = "", seller: str | None = None) -> User:
    """A new user (the caller commits). A seller user belongs to a seller account."""
    if role == Role.seller and not seller:
        raise ValueError("a seller user needs a seller account")
    user = User(
        email=email.strip().lower(),
        name=name,
        password_hash=hash_password(password),
        role=role.value,
        seller=seller_named(seller) if role == Role.seller and seller else None,
    )
    db.session.add(user)
    return user


@bp.route("/admin/users", methods=["GET", "POST"])
@roles_required(Role.admin)
def users() -> Any:
    form = UserForm()
    if form.validate_on_submit():
        email = (form.email.data or "").strip().lower()
        if db.session.scalars(select(User).where(func.lower(User.email) == email)).first():
            form.email.errors = [*form.email.errors, _("A user with this email exists.")]
        elif form.role.data == Role.seller and not form.seller.data:
            form.seller.errors = [*form.seller.errors, _("A seller user needs a seller account.")]
        else:
            user = create_user(
                email, form.password.data or "", Role(form.role.data), form.name.data or "", form.seller.data
            )
            db.session.flush()
            audit.record("user.created", current_user, email=user.email, role=user.role)
            db.session.commit()
            flash(_("User %(email)s created.", email=user.email), "ok")
            return redirect(url_for("admin.users"))
    everyone = db.session.scalars(select(User).order_by(User.email)).all()
    return render_template("users.html", form=form, users=everyone, toggle_form=EmptyForm())


@bp.post("/admin/users/<int:user_id>/active")
@roles_required(Role.admin)
def toggle_active(user_id: int) -> Response:
    form = EmptyForm()
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    if form.validate_on_submit() and user.id != current_user.id:
        user.active = not user.active
        audit.record("user.activated" if user.active else "user.deactivated", current_user, email=user.email)
        db.session.commit()
    return redirect(url_for("admin.users"))


@bp.get("/audit")
@roles_required(*AUDITORS)
def audit_log() -> str:
    page = max(request.args.get("page", 1, type=int) or 1, 1)
    query = select(AuditEntry).order_by(AuditEntry.id.desc())
    case_pk = request.args.get("case", type=int)
    if case_pk:
        query = query.where(AuditEntry.case_pk == case_pk)
    entries = db.session.scalars(query.limit(PAGE + 1).offset((page - 1) * PAGE)).all()
    return render_template("audit.html", entries=entries[:PAGE], page=page, more=len(entries) > PAGE, case_pk=case_pk)
