"""Demo data: one user per role (a fresh password each run) and demo cases made from the
example cases under new ids, dates as they are (so uploading the examples themselves still
works, and each demo case decides as its example does)."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select

from rules.case import CaseError
from web.blueprints.admin import create_user, seller_named
from web.extensions import db
from web.intake import existing, store_case
from web.models import Role, User
from web.passwords import hash_password

DEMO_USERS = [
    ("reviewer@demo.bordercase.test", Role.reviewer, None),
    ("admin@demo.bordercase.test", Role.admin, None),
    ("compliance@demo.bordercase.test", Role.compliance, None),
    ("support@demo.bordercase.test", Role.support, None),
    ("seller@demo.bordercase.test", Role.seller, "Shenzhen Demo Trading"),
]


def load_demo(password: str, examples: Path | None) -> tuple[list[str], int]:
    for email, role, seller in DEMO_USERS:
        user = db.session.scalars(select(User).where(User.email == email)).first()
        if user is None:
            create_user(email, password, role, name=email.split("@")[0].title(), seller=seller)
        else:
            user.password_hash = hash_password(password)
    db.session.commit()
    reviewer = db.session.scalars(select(User).where(User.email == DEMO_USERS[0][0])).one()
    demo_seller = seller_named(DEMO_USERS[-1][2] or "")
    loaded = 0
    for path in sorted(examples.glob("*.case.json")) if examples else []:
        if path.name.startswith("invalid"):
            continue
        data = json.loads(path.read_text(encoding="utf-8"))
        data["case_id"] = "DEMO-" + str(data["case_id"]).removeprefix("EX-")
        # the AliExpress and JP demo cases belong to the demo seller; the rest to no account
        owner = demo_seller if data["case_id"].startswith(("DEMO-AE", "DEMO-JP")) else None
        if existing(data["case_id"], owner) is not None:
            continue
        try:
            store_case(data, None, "demo", reviewer, owner)
            loaded += 1
        except CaseError:
            db.session.rollback()
    return [email for email, _role, _seller in DEMO_USERS], loaded
