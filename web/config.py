"""Configuration from the environment; the secret key from the environment or `instance/`.

`BORDERCASE_*` variables become settings (`BORDERCASE_SESSION_COOKIE_SECURE=true`), and
`DATABASE_URL` chooses the database: a SQLite file in `instance/` unless it says otherwise
(`postgresql+psycopg://postgres@127.0.0.1:5432/test`). The secret key is never in the
repository: `BORDERCASE_SECRET_KEY`, else a random key written once to `instance/secret_key`.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

from flask import Flask

SECRET_FILE = "secret_key"


def database_url(app: Flask) -> str:
    url = app.config.get("DATABASE_URL") or os.environ.get("DATABASE_URL")
    if not url:
        return f"sqlite:///{Path(app.instance_path) / 'bordercase.db'}"
    if url.startswith("postgres://"):  # the old scheme some hosts still hand out
        url = "postgresql://" + url.removeprefix("postgres://")
    if url.startswith("postgresql://"):  # psycopg 3 is the driver we install
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    return url


def secret_key(app: Flask) -> str:
    path = Path(app.instance_path) / SECRET_FILE
    if path.exists():
        return path.read_text().strip()
    key = secrets.token_hex(32)
    path.write_text(key)
    path.chmod(0o600)
    return key


def configure(app: Flask, overrides: dict[str, Any]) -> None:
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    app.config.update(
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
        MAX_CONTENT_LENGTH=20 * 1024 * 1024,  # an upload of many thousand cases still fits
        WTF_CSRF_TIME_LIMIT=None,  # the token lives as long as the session
        DUE_SOON_DAYS=3,
        SQLALCHEMY_ENGINE_OPTIONS={"pool_pre_ping": True},
    )
    app.config.from_prefixed_env("BORDERCASE")
    app.config.update(overrides)
    app.config["SQLALCHEMY_DATABASE_URI"] = database_url(app)
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = secret_key(app)
