"""The schema is the migrations': they build exactly the models' tables, and undo cleanly."""

from __future__ import annotations

import secrets

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from web import create_app
from web.database import downgrade, upgrade
from web.extensions import Base, db


def test_the_migrations_match_the_models(app) -> None:
    with app.app_context(), db.engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"compare_type": True})
        assert compare_metadata(context, Base.metadata) == []


def test_downgrade_to_base_removes_every_table_and_upgrade_restores_them(database_url, tmp_path) -> None:
    # on PostgreSQL, the run's own schema: it is rebuilt before the next test uses it
    url = f"sqlite:///{tmp_path / 'fresh.db'}" if database_url.startswith("sqlite") else database_url
    other = create_app({"DATABASE_URL": url, "SECRET_KEY": secrets.token_hex(8)}, instance_path=str(tmp_path))
    upgrade(other)
    with other.app_context():
        tables = set(inspect(db.engine).get_table_names())
        assert {"users", "cases", "decisions", "reviews", "audit_log", "api_tokens", "sellers"} <= tables
    downgrade(other)
    with other.app_context():
        assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade(other)
    with other.app_context():
        assert "cases" in inspect(db.engine).get_table_names()
        db.engine.dispose()
