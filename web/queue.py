"""The review queue's filters and sort orders, as SQL over the cases table."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Select, case, func, select

from web.access import scope_cases
from web.extensions import db
from web.models import CaseRecord, User

SORTS = ("act_by", "risk", "newest", "case_id")
DUE = ("overdue", "soon", "later", "none")
PAGE = 50


@dataclass
class QueueFilter:
    status: str = ""
    jurisdiction: str = ""
    platform: str = ""
    risk: str = ""
    due: str = ""
    q: str = ""
    sort: str = "act_by"
    page: int = 1

    @classmethod
    def from_args(cls, args: Any) -> QueueFilter:
        sort = args.get("sort", "act_by")
        return cls(
            status=args.get("status", ""),
            jurisdiction=args.get("jurisdiction", ""),
            platform=args.get("platform", ""),
            risk=args.get("risk", ""),
            due=args.get("due", "") if args.get("due", "") in DUE else "",
            q=args.get("q", "").strip(),
            sort=sort if sort in SORTS else "act_by",
            page=max(args.get("page", 1, type=int) or 1, 1),
        )


def urgency(act_by: date | None, today: date, soon_days: int) -> str:
    """overdue | soon | later | none: how the queue marks a case."""
    if act_by is None:
        return "none"
    if act_by < today:
        return "overdue"
    if act_by <= today + timedelta(days=soon_days):
        return "soon"
    return "later"


def build(f: QueueFilter, user: User, today: date, soon_days: int) -> Select[Any]:
    query = scope_cases(select(CaseRecord), user)
    if f.status:
        query = query.where(CaseRecord.status == f.status)
    if f.jurisdiction:
        query = query.where(CaseRecord.jurisdiction == f.jurisdiction)
    if f.platform:
        query = query.where(CaseRecord.platform == (None if f.platform == "none" else f.platform))
    if f.risk:
        query = query.where(CaseRecord.risk_level == f.risk)
    if f.q:
        query = query.where(CaseRecord.case_id.ilike(f"%{f.q}%"))
    soon = today + timedelta(days=soon_days)
    if f.due == "overdue":
        query = query.where(CaseRecord.act_by < today)
    elif f.due == "soon":
        query = query.where(CaseRecord.act_by >= today, CaseRecord.act_by <= soon)
    elif f.due == "later":
        query = query.where(CaseRecord.act_by > soon)
    elif f.due == "none":
        query = query.where(CaseRecord.act_by.is_(None))
    no_deadline_last = case((CaseRecord.act_by.is_(None), 1), else_=0)
    if f.sort == "risk":
        no_risk_last = case((CaseRecord.risk_score.is_(None), 1), else_=0)
        query = query.order_by(no_risk_last, CaseRecord.risk_score.desc(), no_deadline_last, CaseRecord.act_by)
    elif f.sort == "newest":
        query = query.order_by(CaseRecord.id.desc())
    elif f.sort == "case_id":
        query = query.order_by(CaseRecord.case_id)
    else:
        query = query.order_by(no_deadline_last, CaseRecord.act_by, CaseRecord.id)
    return query


def page(query: Select[Any], number: int) -> tuple[list[CaseRecord], bool]:
    rows = db.session.scalars(query.limit(PAGE + 1).offset((number - 1) * PAGE)).all()
    return list(rows[:PAGE]), len(rows) > PAGE


def options(user: User, column: Any) -> list[str]:
    """The values a filter can take, among the cases this user sees."""
    query = scope_cases(select(column).distinct(), user).where(column.is_not(None)).order_by(column)
    return [v for v in db.session.scalars(query).all() if v]


def counts(user: User, today: date, soon_days: int) -> dict[str, int]:
    base = scope_cases(select(func.count(CaseRecord.id)), user).where(CaseRecord.status == "open")
    soon = today + timedelta(days=soon_days)
    return {
        "open": db.session.scalar(base) or 0,
        "overdue": db.session.scalar(base.where(CaseRecord.act_by < today)) or 0,
        "soon": db.session.scalar(base.where(CaseRecord.act_by >= today, CaseRecord.act_by <= soon)) or 0,
    }
