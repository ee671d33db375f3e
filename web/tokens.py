"""API tokens: random, shown once, kept only as their SHA-256."""

from __future__ import annotations

import hashlib
import secrets

from sqlalchemy import select

from web.extensions import db
from web.models import ApiToken, User, utcnow

PREFIX = "bc_"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue(user: User, name: str) -> tuple[ApiToken, str]:
    token = PREFIX + secrets.token_urlsafe(32)
    record = ApiToken(user=user, name=name, token_hash=digest(token), prefix=token[:10])
    db.session.add(record)
    return record, token


def user_for(token: str) -> User | None:
    record = db.session.scalars(select(ApiToken).where(ApiToken.token_hash == digest(token))).first()
    if record is None or record.revoked_at is not None or not record.user.active:
        return None
    record.last_used_at = utcnow()
    return record.user
