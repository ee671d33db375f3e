"""The paperwork a decision lists, and the files the app hands out for it.

The documents Bordercase generates (customs.documents: commercial invoice, packing list,
reason statement, relief forms, the EU withdrawal form) download as PDF or HTML, made from
the stored Case and the stored Decision, so a file always matches what was reviewed. The
others are records held by a carrier or an authority: each is listed with who holds it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pydantic import ValidationError

from customs.documents import GENERATED, RECORDS
from customs.documents import render as render_document
from rules.case import CaseError, parse_case
from rules.decision import Decision
from rules.documents import labels_for, papers_for
from web.assessing import assessor
from web.labels import label

FORMATS = ("pdf", "html")
MIMETYPES = {"pdf": "application/pdf", "html": "text/html; charset=utf-8"}


@dataclass(frozen=True)
class Download:
    content: bytes
    mimetype: str
    filename: str


@dataclass(frozen=True)
class PaperworkLine:
    document: str
    label: str
    formats: tuple[str, ...]  # the formats it downloads in; empty: a record someone else holds
    held_by: str | None = None


def paperwork(decision: dict[str, Any]) -> list[PaperworkLine]:
    lines = []
    for doc in decision.get("paperwork") or []:
        if doc in GENERATED:
            lines.append(PaperworkLine(doc, label(doc), FORMATS))
        else:
            lines.append(PaperworkLine(doc, label(doc), (), RECORDS.get(doc)))
    return lines


def decision_download(case_id: str, decision: dict[str, Any]) -> Download:
    text = json.dumps(decision, ensure_ascii=False, indent=2)
    return Download(text.encode(), "application/json", f"{case_id}.decision.json")


def render(document: str, fmt: str, case_json: str, decision: dict[str, Any]) -> Download | None:
    """A generated document, or None when it cannot be made here (not listed, not generated,
    an unknown format, or a stored case or decision this version can no longer read)."""
    if document not in (decision.get("paperwork") or []) or document not in GENERATED or fmt not in FORMATS:
        return None
    try:
        case = parse_case(json.loads(case_json))
        stored = Decision.model_validate(decision)
    except (CaseError, ValidationError, ValueError):
        return None
    engine = assessor()
    rendered = render_document(document, papers_for(case, stored, engine), labels_for(case, document, engine))
    content = rendered.pdf() if fmt == "pdf" else rendered.html.encode()
    return Download(content, MIMETYPES[fmt], f"{case.case_id}.{document}.{fmt}")
