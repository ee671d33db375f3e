"""Fixtures for the web app: one database for the run (a SQLite file, or a schema of its own
on the PostgreSQL that DATABASE_URL names, dropped at the end), emptied after every test;
users of every role; a test client that sends CSRF tokens as a browser does."""

from __future__ import annotations

import os
import re
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text, update

from web import create_app
from web.blueprints.admin import create_user
from web.database import upgrade
from web.extensions import Base, db
from web.models import CaseRecord, Role

EXAMPLES = Path(__file__).parent.parent / "examples"
PASSWORD = "correct horse battery"
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')


def _postgres_schema(url: str) -> tuple[str, str]:
    """A fresh schema on the server; the URL puts it first on the search path."""
    schema = f"bc_test_{secrets.token_hex(4)}"
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine.dispose()
    joiner = "&" if "?" in url else "?"
    return schema, f"{url}{joiner}options=-csearch_path%3D{schema}"


def _drop_schema(url: str, schema: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    server = os.environ.get("DATABASE_URL", "")
    if server.startswith("postgres"):
        if server.startswith("postgresql://"):
            server = "postgresql+psycopg://" + server.removeprefix("postgresql://")
        schema, url = _postgres_schema(server)
        try:
            yield url
        finally:
            _drop_schema(server, schema)
    else:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'bordercase.db'}"


@pytest.fixture(scope="session")
def app(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    application = create_app(
        {"TESTING": True, "DATABASE_URL": database_url, "SECRET_KEY": secrets.token_hex(16)},
        instance_path=str(tmp_path_factory.mktemp("instance")),
    )
    upgrade(application)
    yield application
    with application.app_context():
        db.engine.dispose()


def empty_tables(app: Flask) -> None:
    with app.app_context():
        db.session.remove()
        with db.engine.begin() as connection:
            connection.execute(update(CaseRecord).values(current_decision_id=None))
            for table in reversed(Base.metadata.sorted_tables):
                connection.execute(table.delete())


@pytest.fixture(autouse=True)
def _clean(app: Flask) -> Iterator[None]:
    app.config["TODAY"] = None
    yield
    empty_tables(app)


@dataclass
class People:
    """One user per role, and a second seller to prove sellers cannot see each other."""

    emails: dict[str, str]

    def __getitem__(self, role: str) -> str:
        return self.emails[role]


@pytest.fixture
def people(app: Flask) -> People:
    emails = {}
    with app.app_context():
        for role in Role:
            email = f"{role.value}@example.test"
            create_user(email, PASSWORD, role, seller="Acme Shenzhen" if role == Role.seller else None)
            emails[role.value] = email
        create_user("other-seller@example.test", PASSWORD, Role.seller, seller="Other Trading")
        emails["other_seller"] = "other-seller@example.test"
        db.session.commit()
    return People(emails)


class Client:
    """The Flask test client, posting forms with the CSRF token a page would carry."""

    def __init__(self, flask_client: FlaskClient):
        self.raw = flask_client

    def token(self) -> str:
        page = self.raw.get("/account")
        if page.status_code != 200:
            page = self.raw.get("/login")
        found = CSRF.search(page.get_data(as_text=True))
        assert found, "no CSRF token on the page"
        return found.group(1)

    def get(self, path: str, **kwargs: Any) -> Any:
        return self.raw.get(path, **kwargs)

    def post(self, path: str, data: dict[str, Any] | None = None, csrf: bool = True, **kwargs: Any) -> Any:
        data = dict(data or {})
        if csrf:
            data["csrf_token"] = self.token()
        return self.raw.post(path, data=data, **kwargs)

    def login(self, email: str, password: str = PASSWORD) -> Any:
        response = self.post("/login", {"email": email, "password": password})
        return response


@pytest.fixture
def client(app: Flask) -> Client:
    return Client(app.test_client())


@pytest.fixture
def as_role(app: Flask, people: People):  # type: ignore[no-untyped-def]
    """as_role('reviewer') -> a client signed in with that role."""

    def sign_in(role: str) -> Client:
        c = Client(app.test_client())
        response = c.login(people[role])
        assert response.status_code == 302, response.get_data(as_text=True)
        return c

    return sign_in


def example_bytes(name: str) -> bytes:
    return (EXAMPLES / f"{name}.case.json").read_bytes()


def upload(c: Client, files: list[tuple[bytes, str]], **extra: Any) -> Any:
    import io

    data: dict[str, Any] = {"files": [(io.BytesIO(content), name) for content, name in files], **extra}
    return c.post("/cases/upload", data, content_type="multipart/form-data")


def upload_examples(c: Client) -> Any:
    files = [(p.read_bytes(), p.name) for p in sorted(EXAMPLES.glob("*.case.json"))]
    return upload(c, files)
