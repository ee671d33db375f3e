"""One Assessor per process: the rule files are loaded and compiled once, on first use."""

from __future__ import annotations

import threading
from datetime import date
from typing import Any

from rules.case import Case
from rules.decision import Decision
from rules.pipeline import Assessor

_lock = threading.Lock()
_assessor: Assessor | None = None


def assessor() -> Assessor:
    global _assessor
    with _lock:
        if _assessor is None:
            _assessor = Assessor()
        return _assessor


def assess(case: Case) -> Decision:
    return assessor().assess(case)


def act_by(decision: Decision | dict[str, Any]) -> date | None:
    """The deadline to act: the recommendation's, or the platform's response deadline if earlier."""
    data = decision.model_dump(mode="json") if isinstance(decision, Decision) else decision
    days = [
        (data.get("recommendation") or {}).get("act_by"),
        (data.get("platform") or {}).get("seller_response_deadline"),
    ]
    found = [date.fromisoformat(d) for d in days if d]
    return min(found) if found else None
