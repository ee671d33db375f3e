"""The database (SQLAlchemy 2, one engine per app, one session per app context), sign-in
(Flask-Login) and CSRF protection (Flask-WTF), bound to each app by `init_app`."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from flask import Flask, current_app, g
from flask_babel import lazy_gettext as _l
from flask_login import LoginManager
from flask_wtf import CSRFProtect
from sqlalchemy import DateTime, Engine, create_engine, event
from sqlalchemy.orm import DeclarativeBase, Session, scoped_session, sessionmaker

ENGINE = "bordercase.engine"
SESSIONS = "bordercase.sessions"


class Base(DeclarativeBase):
    # every moment is stored with its offset (UTC), on PostgreSQL as timestamptz
    type_annotation_map = {datetime: DateTime(timezone=True)}  # noqa: RUF012


class Database:
    """`db.session` is the current app context's session; `db.engine` the current app's engine."""

    Model = Base
    metadata = Base.metadata

    def __init__(self) -> None:
        self.session: scoped_session[Session] = scoped_session(
            lambda: current_app.extensions[SESSIONS](),  # type: ignore[arg-type]
            scopefunc=lambda: id(g._get_current_object()),  # one session per app context
        )

    @property
    def engine(self) -> Engine:
        return current_app.extensions[ENGINE]  # type: ignore[no-any-return]

    def init_app(self, app: Flask) -> None:
        url = app.config["SQLALCHEMY_DATABASE_URI"]
        engine = create_engine(url, **app.config.get("SQLALCHEMY_ENGINE_OPTIONS", {}))
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        app.extensions[ENGINE] = engine
        app.extensions[SESSIONS] = sessionmaker(bind=engine, expire_on_commit=False)
        app.teardown_appcontext(self._remove)

    def _remove(self, _error: BaseException | None) -> None:
        self.session.remove()


def _sqlite_pragmas(connection: Any, _record: Any) -> None:
    cursor = connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")  # SQLite leaves foreign keys unchecked otherwise
    cursor.execute("PRAGMA busy_timeout=5000")  # the browser tests' server thread shares the file
    cursor.close()


db = Database()
login_manager = LoginManager()
csrf = CSRFProtect()


def init_app(app: Flask) -> None:
    db.init_app(app)
    csrf.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("Sign in to see this page.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
