"""The audit log: one line per thing a person did, written in the same transaction as the deed."""

from __future__ import annotations

from typing import Any

from web.extensions import db
from web.models import AuditEntry, CaseRecord, DecisionRecord, User


def record(
    action: str,
    user: User | None,
    case: CaseRecord | None = None,
    replaced: DecisionRecord | None = None,
    **details: Any,
) -> AuditEntry:
    entry = AuditEntry(
        action=action,
        user_id=user.id if user is not None else None,
        case=case,
        decision_id=replaced.id if replaced is not None else None,
        details=details,
    )
    db.session.add(entry)
    return entry
