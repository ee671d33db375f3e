"""Read an uploaded file into rows of case data: JSON (one case or a list), JSONL, CSV.

A row that cannot be read becomes a `CaseError` in its place, so the report names it and the
other rows still go in. CSV headers are field paths (`buyer.country`, `items[0].sku`); a cell
holding JSON (`[...]`, `{...}`) is read as JSON, and an empty cell is left out.
"""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Any

from rules.case import CaseError

Row = tuple[str, Any, str | None]  # where, data (or the CaseError that refused it), raw text

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def read_upload(filename: str, content: bytes) -> list[Row]:
    name = filename or "upload"
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return [(name, CaseError(["(file): not UTF-8 text"]), None)]
    lower = name.lower()
    if lower.endswith(".jsonl") or lower.endswith(".ndjson"):
        return _jsonl(name, text)
    if lower.endswith(".csv"):
        return _csv(name, text)
    if lower.endswith(".json"):
        return _json(name, text)
    return [(name, CaseError(["(file): upload a .json, .jsonl or .csv file"]), None)]


def _json(name: str, text: str) -> list[Row]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return [(name, CaseError([f"(case): not valid JSON: {error.msg} at line {error.lineno}"]), None)]
    if isinstance(data, list):
        return [(f"{name} [{i}]", item, json.dumps(item, ensure_ascii=False, indent=2)) for i, item in enumerate(data)]
    return [(name, data, text)]


def _jsonl(name: str, text: str) -> list[Row]:
    rows: list[Row] = []
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            rows.append((f"{name}:{n}", json.loads(line), line))
        except json.JSONDecodeError as error:
            rows.append((f"{name}:{n}", CaseError([f"(case): not valid JSON: {error.msg}"]), line))
    return rows


def _csv(name: str, text: str) -> list[Row]:
    reader = csv.DictReader(io.StringIO(text))
    rows: list[Row] = []
    for row in reader:
        where = f"{name}:{reader.line_num}"
        try:
            data = unflatten(row)
        except ValueError as error:
            rows.append((where, CaseError([str(error)]), None))
            continue
        rows.append((where, data, json.dumps(data, ensure_ascii=False, indent=2)))
    return rows


def _cell(value: str) -> Any:
    stripped = value.strip()
    if stripped[:1] in "[{":
        try:
            return json.loads(stripped)
        except json.JSONDecodeError:
            return stripped
    return stripped


def unflatten(row: dict[str | None, Any]) -> dict[str, Any]:
    """{'buyer.country': 'DE', 'items[0].sku': 'A'} -> {'buyer': {'country': 'DE'}, 'items': [{'sku': 'A'}]}."""
    out: dict[str, Any] = {}
    for header, value in row.items():
        if header is None:
            raise ValueError(f"(row): more cells than columns ({value!r})")
        if value is None or not str(value).strip():
            continue
        parts: list[str | int] = [key if key else int(index) for key, index in _PART.findall(header.strip())]
        if not parts or not isinstance(parts[0], str):
            raise ValueError(f"{header}: not a field path")
        node: Any = out
        for part, following in zip(parts, [*parts[1:], None], strict=True):
            last = following is None
            empty: Any = [] if isinstance(following, int) else {}
            if isinstance(part, int):
                if not isinstance(node, list):
                    raise ValueError(f"{header}: not a list")
                while len(node) <= part:
                    node.append({} if not last else None)
                if last:
                    node[part] = _cell(value)
                elif not isinstance(node[part], (dict, list)):
                    node[part] = empty
                node = node[part]
            else:
                if not isinstance(node, dict):
                    raise ValueError(f"{header}: not an object")
                if last:
                    node[part] = _cell(value)
                else:
                    node = node.setdefault(part, empty)
    return out
