"""Deciding many cases: in this process, across local processes, or across machines (Celery).

Each unit of work is a chunk of (where, JSON text) pairs; the result is, per pair, the
Decision's text or the list of problems that refused the case. The same function runs in
every mode, so a batch decides identically wherever it runs. The engine is one per process
and serialised, so Bordercase scales with processes and machines, never threads.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from typing import Any

from rules.case import Case, CaseError, parse_case_json

Options = tuple[str, bool, bool]  # format ("json" or "text"), with trace, pretty-printed
Result = tuple[str, str | list[str]]  # (where, decision text | problems)

PARALLEL_FROM = 2000  # below this, starting processes costs more than it saves
CHUNK = 1000
_ASSESSOR: Any = None


def settle() -> None:
    """After the rule files are loaded, before a batch: move everything alive so far out of
    the garbage collector's reach. The rule packs, holidays and nomenclature live as long as
    the process, and a batch makes many short-lived objects: without this, every full
    collection walks the whole library again (measured: a quarter of a batch's time)."""
    gc.collect()
    gc.freeze()


def parse(text: str) -> Case | list[str]:
    try:
        return parse_case_json(text)
    except CaseError as error:
        return error.problems


def decide_chunk(texts: list[tuple[str, str]], options: Options) -> list[Result]:
    """Parse and decide a chunk of cases in this process (the rule files load once)."""
    from rules.pipeline import Assessor
    from rules.report import text_summary

    global _ASSESSOR
    if _ASSESSOR is None:
        _ASSESSOR = Assessor()
        settle()
    fmt, trace, pretty = options
    parsed = [(where, parse(text)) for where, text in texts]
    decisions = iter(_ASSESSOR.assess_many(c for _w, c in parsed if isinstance(c, Case)))
    out: list[Result] = []
    for where, case in parsed:
        if not isinstance(case, Case):
            out.append((where, case))
            continue
        decision = next(decisions)
        if fmt == "text":
            out.append((where, text_summary(decision)))
        else:
            out.append(
                (where, decision.model_dump_json(exclude=None if trace else {"trace"}, indent=2 if pretty else None))
            )
    return out


def _decide_packed(args: tuple[list[tuple[str, str]], Options]) -> list[Result]:
    return decide_chunk(*args)


def chunks(texts: list[tuple[str, str]], size: int = CHUNK) -> list[list[tuple[str, str]]]:
    return [texts[i : i + size] for i in range(0, len(texts), size)]


def decide_all(
    texts: list[tuple[str, str]], options: Options, jobs: int = 1, broker: str | None = None
) -> Iterator[Result]:
    """Results in input order: here, on `jobs` local processes, or on Celery workers."""
    parts = chunks(texts)
    if broker:
        from rules.distributed import decide_on_workers

        yield from decide_on_workers(parts, options, broker)
        return
    if jobs <= 1 or len(texts) < PARALLEL_FROM:
        for part in parts:
            yield from decide_chunk(part, options)
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(jobs) as pool:
        for results in pool.map(_decide_packed, [(part, options) for part in parts]):
            yield from results
