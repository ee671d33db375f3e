"""Batches across machines: Celery workers on a Redis (or any Celery) broker.

    bordercase worker --broker redis://host:6379/0            # on each machine
    bordercase assess CASES.jsonl --out D.jsonl --broker redis://host:6379/0

A worker process loads the rule files once and decides chunks of cases with the same
function as a local batch (rules.batch.decide_chunk); results come back in input order.
The broker can also come from BORDERCASE_BROKER_URL.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

from celery import Celery, group

from rules.batch import Options, Result, decide_chunk

BROKER_ENV = "BORDERCASE_BROKER_URL"
TIMEOUT = 3600  # seconds to wait for one chunk

app = Celery("bordercase")
app.conf.update(
    broker_url=os.environ.get(BROKER_ENV),
    result_backend=os.environ.get(BROKER_ENV),
    task_serializer="json",
    result_serializer="json",
    accept_content=["json"],
    worker_prefetch_multiplier=1,  # a chunk is seconds of work: do not hoard them
    task_acks_late=True,  # a chunk whose worker dies is redone elsewhere
    result_expires=TIMEOUT,
    broker_connection_retry_on_startup=True,
)


@app.task(name="bordercase.decide_chunk")
def decide_remote(texts: list[list[str]], options: list[object]) -> list[Result]:
    fmt, trace, pretty = options
    return decide_chunk([(w, t) for w, t in texts], (str(fmt), bool(trace), bool(pretty)))


def use_broker(broker: str) -> Celery:
    app.conf.update(broker_url=broker, result_backend=broker)
    return app


def decide_on_workers(parts: list[list[tuple[str, str]]], options: Options, broker: str) -> Iterator[Result]:
    use_broker(broker)
    job = group(decide_remote.s([list(p) for p in part], list(options)) for part in parts).apply_async()
    try:
        for result in job.results:
            yield from result.get(timeout=TIMEOUT)
    finally:
        job.forget()


def run_worker(broker: str, concurrency: int) -> None:
    use_broker(broker)
    app.worker_main(["worker", "--loglevel=INFO", f"--concurrency={concurrency}", "--pool=prefork"])
