"""The `bordercase` command: the engine's commands (rules.cli) and the web app's.

    bordercase serve [--host H] [--port P]      start the review app (migrates the database first)
    bordercase demo [--host H] [--port P]       demo cases and a demo login, then serve
    bordercase create-admin EMAIL               the first administrator (asks for a password)
    bordercase create-token EMAIL [--name N]    an API token for a user (printed once)
    bordercase db upgrade|downgrade             run the database migrations

The engine's commands live in rules.cli and know nothing of the web app (DESIGN.md: nothing
imports web); this module adds the web's commands to the same group.
"""

from __future__ import annotations

import secrets
import sys
from pathlib import Path

import click
from flask import Flask

from rules.cli import main

__all__ = ["main"]

DEFAULT_PORT = 5000


def _app() -> Flask:
    """The app with its database migrated to the latest schema."""
    from web import create_app
    from web.database import upgrade

    app = create_app()
    upgrade(app)
    return app


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int, help="Port to listen on.")
def serve(host: str, port: int) -> None:
    """Start the review web app (the database is migrated to the latest schema first)."""
    app = _app()
    click.echo(f"Bordercase is at http://{host}:{port}/  (database: {_where(app)})")
    app.run(host=host, port=port, threaded=True, use_reloader=False)


@main.command("create-admin")
@click.argument("email")
@click.password_option(help="The password (asked for when not given); at least 10 characters.")
def create_admin(email: str, password: str) -> None:
    """Create an administrator (the first user of a new installation)."""
    from web.blueprints.admin import create_user
    from web.extensions import db
    from web.models import Role
    from web.passwords import password_problem

    problem = password_problem(password)
    if problem:
        raise click.BadParameter(problem, param_hint="password")
    app = _app()
    with app.app_context():
        from sqlalchemy import select

        from web.models import User

        if db.session.scalars(select(User).where(User.email == email.lower())).first():
            click.echo(f"a user {email} exists already", err=True)
            sys.exit(1)
        create_user(email, password, Role.admin, name="Administrator")
        db.session.commit()
    click.echo(f"administrator {email} created")


@main.command("create-token")
@click.argument("email")
@click.option("--name", default="cli", show_default=True)
def create_token(email: str, name: str) -> None:
    """Make an API token for a user and print it (it is shown only this once)."""
    from sqlalchemy import select

    from web import tokens
    from web.extensions import db
    from web.models import User

    app = _app()
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == email.lower())).first()
        if user is None:
            click.echo(f"no user {email}", err=True)
            sys.exit(1)
        _record, token = tokens.issue(user, name)
        db.session.commit()
    click.echo(token)


@main.group()
def db() -> None:
    """The web app's database schema (Alembic migrations)."""


@db.command("upgrade")
def db_upgrade() -> None:
    """Bring the database to the latest schema."""
    app = _app()
    click.echo(f"database at the latest schema: {_where(app)}")


@db.command("downgrade")
@click.option("--to", "revision", default="base", show_default=True)
def db_downgrade(revision: str) -> None:
    """Undo migrations (to base: drop every table of the app)."""
    from web import create_app
    from web.database import downgrade

    app = create_app()
    downgrade(app, revision)
    click.echo(f"database downgraded to {revision}")


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=int)
@click.option(
    "--examples",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="A folder of *.case.json to load as demo cases (under new ids).",
)
@click.option("--no-serve", is_flag=True, help="Load the demo data and stop.")
def demo(host: str, port: int, examples: Path | None, no_serve: bool) -> None:
    """Demo users for every role, demo cases, then serve. Prints the address and the login."""
    from web.demo import load_demo

    app = _app()
    password = secrets.token_urlsafe(9)
    with app.app_context():
        logins, loaded = load_demo(password, examples)
    click.echo(f"demo data: {loaded} case(s) loaded (database: {_where(app)})")
    click.echo("")
    click.echo(f"  Bordercase is at  http://{host}:{port}/")
    click.echo(f"  sign in as        {logins[0]}")
    click.echo(f"  password          {password}")
    click.echo("  (also: " + ", ".join(logins[1:]) + " with the same password)")
    click.echo("")
    if not no_serve:
        app.run(host=host, port=port, threaded=True, use_reloader=False)


def _where(app: Flask) -> str:
    from sqlalchemy.engine import make_url

    return make_url(app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(hide_password=True)
