"""The web's commands on the `bordercase` command line."""

from __future__ import annotations

import os

from click.testing import CliRunner
from sqlalchemy import select

from tests.web.conftest import EXAMPLES
from web.cli import main


def _env(database_url: str, tmp_path) -> dict[str, str]:  # type: ignore[no-untyped-def]
    return {"DATABASE_URL": database_url, "BORDERCASE_SECRET_KEY": "cli-test-key"}


def test_the_engine_commands_are_still_there() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert result.exit_code == 0
    for command in ("assess", "check", "serve", "create-admin", "create-token", "demo", "db"):
        assert command in result.output


def test_serve_takes_host_and_port() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0 and "--host" in result.output and "--port" in result.output


def test_create_admin_then_a_token(app, database_url, tmp_path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    env = _env(database_url, tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["create-admin", "root@example.test", "--password", "a long password"], env=env)
    assert result.exit_code == 0, result.output
    again = runner.invoke(main, ["create-admin", "root@example.test", "--password", "a long password"], env=env)
    assert again.exit_code == 1
    short = runner.invoke(main, ["create-admin", "x@example.test", "--password", "short"], env=env)
    assert short.exit_code == 2
    token = runner.invoke(main, ["create-token", "root@example.test"], env=env)
    assert token.exit_code == 0 and token.output.strip().startswith("bc_")
    api = app.test_client()
    response = api.get("/api/v1/cases", headers={"Authorization": f"Bearer {token.output.strip()}"})
    assert response.status_code == 200
    from web.extensions import db
    from web.models import User

    with app.app_context():
        admin = db.session.scalars(select(User).where(User.email == "root@example.test")).one()
        assert admin.role == "admin"


def test_demo_loads_users_and_cases_and_prints_the_login(app, database_url, tmp_path) -> None:
    env = _env(database_url, tmp_path)
    result = CliRunner().invoke(main, ["demo", "--examples", str(EXAMPLES), "--no-serve", "--port", "5055"], env=env)
    assert result.exit_code == 0, result.output
    assert "http://127.0.0.1:5055/" in result.output and "reviewer@demo.bordercase.test" in result.output
    password = next(line.split()[-1] for line in result.output.splitlines() if line.strip().startswith("password"))
    from tests.web.conftest import Client

    c = Client(app.test_client())
    assert c.login("reviewer@demo.bordercase.test", password).status_code == 302
    html = c.get("/queue").get_data(as_text=True)
    assert "DEMO-DE-1" in html and "DEMO-AE-1" in html
    # the example cases themselves can still be uploaded (demo ids differ)
    assert "EX-DE-1" not in html
    assert os.environ.get("DATABASE_URL", "") == os.environ.get("DATABASE_URL", "")
