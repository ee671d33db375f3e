"""What the app keeps: users and their tokens, sellers, cases (the raw JSON as it came),
every decision made on them (with the rule-file versions it used), reviews and the audit log.

The queue's columns (deadline to act, risk, jurisdiction, platform) are copied from the
latest decision onto the case when it is stored, so the queue filters and sorts in SQL.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

from flask_login import UserMixin
from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.extensions import Base

# JSONB on PostgreSQL (indexable, compact), JSON text elsewhere
Json = JSON().with_variant(JSONB(), "postgresql")


def utcnow() -> datetime:
    return datetime.now(UTC)


class Role(StrEnum):
    admin = "admin"
    compliance = "compliance"
    reviewer = "reviewer"
    support = "support"
    seller = "seller"


# who may do what; a seller additionally sees only its own cases
STAFF = frozenset({Role.admin, Role.compliance, Role.reviewer, Role.support})
REVIEWERS = frozenset({Role.admin, Role.reviewer})
AUDITORS = frozenset({Role.admin, Role.compliance})


class CaseStatus(StrEnum):
    open = "open"  # waiting for a reviewer
    approved = "approved"  # the recommendation stands
    overridden = "overridden"  # a reviewer chose another resolution


class Seller(Base):
    __tablename__ = "sellers"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class User(UserMixin, Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    password_hash: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id"))
    language: Mapped[str | None] = mapped_column(String(20))
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    seller: Mapped[Seller | None] = relationship()

    @property
    def is_active(self) -> bool:  # Flask-Login refuses a deactivated user
        return self.active

    def get_id(self) -> str:
        # the hash is part of the session id: a password change ends every other session
        return f"{self.id}:{self.password_hash[-16:]}"

    def has(self, roles: frozenset[Role]) -> bool:
        return Role(self.role) in roles

    @property
    def is_seller(self) -> bool:
        return self.role == Role.seller


class ApiToken(Base):
    """A bearer token for the API; only its SHA-256 is kept, the token is shown once."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    name: Mapped[str] = mapped_column(String(100))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(12))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_used_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]

    user: Mapped[User] = relationship()


class CaseRecord(Base):
    __tablename__ = "cases"
    __table_args__ = (
        UniqueConstraint("seller_id", "case_id", name="uq_cases_seller_case_id"),
        Index("ix_cases_act_by", "act_by"),
        Index("ix_cases_status", "status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[str] = mapped_column(String(64), index=True)
    seller_id: Mapped[int | None] = mapped_column(ForeignKey("sellers.id"), index=True)
    raw_json: Mapped[str] = mapped_column(Text)  # exactly as received
    source: Mapped[str] = mapped_column(String(20))  # form, upload, api, demo
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    status: Mapped[str] = mapped_column(String(20), default=CaseStatus.open)
    # copied from the latest decision (and the review) for the queue
    buyer_country: Mapped[str] = mapped_column(String(2))
    jurisdiction: Mapped[str | None] = mapped_column(String(10), index=True)
    platform: Mapped[str | None] = mapped_column(String(30), index=True)
    resolution: Mapped[str] = mapped_column(String(30))
    act_by: Mapped[date | None]
    risk_level: Mapped[str | None] = mapped_column(String(10))
    risk_score: Mapped[float | None]
    refund_amount: Mapped[str | None] = mapped_column(String(40))  # a decimal kept exact as text
    currency: Mapped[str | None] = mapped_column(String(3))
    current_decision_id: Mapped[int | None] = mapped_column(
        ForeignKey("decisions.id", use_alter=True, name="fk_cases_current_decision")
    )

    seller: Mapped[Seller | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    decisions: Mapped[list[DecisionRecord]] = relationship(
        back_populates="case", foreign_keys="DecisionRecord.case_pk", order_by="DecisionRecord.id"
    )
    current_decision: Mapped[DecisionRecord | None] = relationship(foreign_keys=[current_decision_id], post_update=True)
    reviews: Mapped[list[Review]] = relationship(back_populates="case", order_by="Review.id")

    @property
    def latest_review(self) -> Review | None:
        return self.reviews[-1] if self.reviews else None


class DecisionRecord(Base):
    """One Decision on a case. None is ever changed or deleted: re-assessing adds one."""

    __tablename__ = "decisions"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    decision: Mapped[dict[str, Any]] = mapped_column(Json)  # the contract's JSON
    rule_versions: Mapped[dict[str, str]] = mapped_column(Json)
    resolution: Mapped[str] = mapped_column(String(30))
    evaluated_at: Mapped[datetime]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[CaseRecord] = relationship(back_populates="decisions", foreign_keys=[case_pk])


class Review(Base):
    __tablename__ = "reviews"

    id: Mapped[int] = mapped_column(primary_key=True)
    case_pk: Mapped[int] = mapped_column(ForeignKey("cases.id"), index=True)
    decision_id: Mapped[int] = mapped_column(ForeignKey("decisions.id"))  # the decision reviewed
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(20))  # approved | overridden
    resolution: Mapped[str] = mapped_column(String(30))  # what now stands
    recommended: Mapped[str] = mapped_column(String(30))  # what the decision said
    reason: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    case: Mapped[CaseRecord] = relationship(back_populates="reviews")
    reviewer: Mapped[User] = relationship()
    decision: Mapped[DecisionRecord] = relationship()


class AuditEntry(Base):
    """Who did what, when, to which case, and which decision it replaced. Append-only."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    action: Mapped[str] = mapped_column(String(40))
    case_pk: Mapped[int | None] = mapped_column(ForeignKey("cases.id"), index=True)
    decision_id: Mapped[int | None] = mapped_column(ForeignKey("decisions.id"))  # the decision replaced
    details: Mapped[dict[str, Any]] = mapped_column(Json, default=dict)

    user: Mapped[User | None] = relationship()
    case: Mapped[CaseRecord | None] = relationship()
