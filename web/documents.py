"""The paperwork a decision lists, and the files the app can hand out for it.

The customs work adds a document generator (commercial invoice, packing list, relief forms);
until it is in this checkout, each document is listed by name and the case offers its
Decision JSON, which carries everything a document is made from.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from web.labels import label


@dataclass(frozen=True)
class Download:
    content: bytes
    mimetype: str
    filename: str


@dataclass(frozen=True)
class PaperworkLine:
    document: str
    label: str
    formats: tuple[str, ...]  # the formats a download exists in; empty: listed only


def generator_formats() -> tuple[str, ...]:
    """Formats the document generator can write; none until the generator is installed."""
    return ()


def paperwork(decision: dict[str, Any]) -> list[PaperworkLine]:
    formats = generator_formats()
    return [PaperworkLine(doc, label(doc), formats) for doc in decision.get("paperwork") or []]


def decision_download(case_id: str, decision: dict[str, Any]) -> Download:
    text = json.dumps(decision, ensure_ascii=False, indent=2)
    return Download(text.encode(), "application/json", f"{case_id}.decision.json")


def render(document: str, fmt: str, case: dict[str, Any], decision: dict[str, Any], locale: str) -> Download | None:
    """A generated document, or None when it cannot be made (unknown id, format, no generator)."""
    if document not in (decision.get("paperwork") or []) or fmt not in generator_formats():
        return None
    return None
