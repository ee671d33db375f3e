"""Signing in and out, CSRF on forms, passwords hashed, sessions ended by a password change."""

from __future__ import annotations

from sqlalchemy import select

from tests.web.conftest import PASSWORD, Client
from web.extensions import db
from web.models import AuditEntry, User
from web.passwords import hash_password


def test_login_with_the_right_password_opens_the_queue(client: Client, people) -> None:
    response = client.login(people["reviewer"])
    assert response.status_code == 302
    assert response.headers["Location"] == "/queue"
    page = client.get("/queue")
    assert page.status_code == 200
    assert "reviewer@example.test" in page.get_data(as_text=True)


def test_a_wrong_password_is_refused_without_saying_which_part_was_wrong(client: Client, people) -> None:
    response = client.login(people["reviewer"], "not the password")
    assert response.status_code == 401
    assert "Wrong email or password." in response.get_data(as_text=True)
    unknown = client.login("nobody@example.test", "whatever12345")
    assert unknown.status_code == 401
    assert "Wrong email or password." in unknown.get_data(as_text=True)
    assert client.get("/queue").status_code == 302


def test_passwords_are_stored_as_argon2_hashes(app, people) -> None:
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == people["admin"])).one()
        assert user.password_hash.startswith("$argon2id$")
        assert PASSWORD not in user.password_hash


def test_the_login_form_needs_its_csrf_token(client: Client, people) -> None:
    response = client.post("/login", {"email": people["reviewer"], "password": PASSWORD}, csrf=False)
    assert response.status_code == 400
    assert client.get("/queue").status_code == 302


def test_every_state_changing_form_needs_a_csrf_token(as_role) -> None:
    c = as_role("admin")
    for path in ("/logout", "/language", "/cases/new", "/cases/upload", "/account", "/admin/users", "/risk"):
        response = c.post(path, {"language": "de"}, csrf=False)
        assert response.status_code == 400, path


def test_sign_out_ends_the_session(as_role) -> None:
    c = as_role("support")
    assert c.get("/queue").status_code == 200
    assert c.post("/logout").status_code == 302
    assert c.get("/queue").status_code == 302


def test_a_password_change_ends_other_sessions(app, as_role, people) -> None:
    c = as_role("reviewer")
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == people["reviewer"])).one()
        user.password_hash = hash_password("a brand new password")
        db.session.commit()
    assert c.get("/queue").status_code == 302


def test_a_deactivated_user_cannot_sign_in(app, client: Client, people) -> None:
    with app.app_context():
        user = db.session.scalars(select(User).where(User.email == people["support"])).one()
        user.active = False
        db.session.commit()
    assert client.login(people["support"]).status_code == 401


def test_after_sign_in_only_a_local_next_is_followed(client: Client, people) -> None:
    token = client.token()
    response = client.raw.post(
        "/login?next=https://evil.example/",
        data={"email": people["support"], "password": PASSWORD, "csrf_token": token},
    )
    assert response.headers["Location"] == "/queue"


def test_sign_in_is_audited(app, client: Client, people) -> None:
    client.login(people["compliance"])
    with app.app_context():
        actions = db.session.scalars(select(AuditEntry.action)).all()
    assert "user.signed_in" in actions


def test_admin_creates_a_user_who_can_then_sign_in(as_role, app) -> None:
    admin = as_role("admin")
    response = admin.post(
        "/admin/users",
        {"email": "New.Person@example.test", "name": "New", "role": "support", "password": "long enough pw"},
    )
    assert response.status_code == 302
    fresh = Client(app.test_client())
    assert fresh.login("new.person@example.test", "long enough pw").status_code == 302


def test_a_seller_user_needs_a_seller_account(as_role) -> None:
    admin = as_role("admin")
    response = admin.post("/admin/users", {"email": "s2@example.test", "role": "seller", "password": "long enough pw"})
    assert response.status_code == 200
    assert "A seller user needs a seller account." in response.get_data(as_text=True)


def test_the_secret_key_is_written_to_the_instance_folder_not_the_repository(tmp_path) -> None:
    from web import create_app

    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}, instance_path=str(tmp_path))
    key_file = tmp_path / "secret_key"
    assert key_file.read_text().strip() == app.config["SECRET_KEY"]
    assert oct(key_file.stat().st_mode & 0o777) == "0o600"
    again = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}, instance_path=str(tmp_path))
    assert again.config["SECRET_KEY"] == app.config["SECRET_KEY"]
