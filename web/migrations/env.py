"""Alembic's entry point: run migrations on the connection `web.database` hands over."""

from __future__ import annotations

from alembic import context

from web import models
from web.extensions import Base

target_metadata = Base.metadata
assert models  # the tables are defined by importing the models

connection = context.config.attributes.get("connection")
if connection is None:
    raise SystemExit("run migrations through `bordercase db upgrade` (web.database.upgrade)")

context.configure(
    connection=connection,
    target_metadata=target_metadata,
    render_as_batch=True,  # SQLite alters tables by copying them
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
