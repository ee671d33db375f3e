"""Who may see and do what. A seller sees only its own cases: another's is a 404, not a 403,
so a seller cannot even learn that a case id exists."""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeVar, cast

from flask import abort
from flask_login import current_user, login_required
from sqlalchemy import Select

from web.extensions import db, login_manager
from web.models import CaseRecord, Role, User

F = TypeVar("F", bound=Callable[..., Any])


@login_manager.user_loader
def load_user(session_id: str) -> User | None:
    user_id, _, fingerprint = session_id.partition(":")
    if not user_id.isdigit():
        return None
    user = db.session.get(User, int(user_id))
    if user is None or user.password_hash[-16:] != fingerprint:
        return None
    return user


def roles_required(*roles: Role) -> Callable[[F], F]:
    allowed = frozenset(roles)

    def decorate(view: F) -> F:
        @wraps(view)
        @login_required
        def wrapped(*args: Any, **kwargs: Any) -> Any:
            if not current_user.has(allowed):
                abort(403)
            return view(*args, **kwargs)

        return cast(F, wrapped)

    return decorate


def scope_cases(query: Select[Any], user: User) -> Select[Any]:
    if user.is_seller:
        return query.where(CaseRecord.seller_id == user.seller_id)
    return query


def visible_case(case_pk: int, user: User) -> CaseRecord:
    record = db.session.get(CaseRecord, case_pk)
    if record is None or (user.is_seller and record.seller_id != user.seller_id):
        abort(404)
    return record
