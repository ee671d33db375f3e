"""Batches decide the same wherever they run: here, in local processes, on Celery workers."""

from __future__ import annotations

import json
import os
import socket
import uuid

import pytest
from click.testing import CliRunner

from rules.batch import decide_all
from rules.bench import generate
from rules.cli import main

REDIS = ("127.0.0.1", 6379)
BROKER = "redis://127.0.0.1:6379/15"


def _texts(n: int) -> list[tuple[str, str]]:
    return [(f"line {i}", json.dumps(case)) for i, case in enumerate(generate(n, seed=11))]


def _redis_up() -> bool:
    try:
        socket.create_connection(REDIS, timeout=1).close()
        return True
    except OSError:
        return False


def _essence(results):
    out = []
    for where, result in results:
        decision = json.loads(result)
        decision.pop("evaluated_at")
        out.append((where, decision))
    return out


def test_local_processes_decide_as_one_process_in_order():
    texts = _texts(2100)  # above the parallel threshold
    one = _essence(decide_all(texts, ("json", True, False), jobs=1))
    two = _essence(decide_all(texts, ("json", True, False), jobs=2))
    assert [w for w, _ in two] == [w for w, _ in texts]
    assert one == two


def test_a_bad_line_is_reported_and_the_others_decided(tmp_path):
    cases = tmp_path / "cases.jsonl"
    lines = [json.dumps(c) for c in generate(3)]
    lines.insert(1, '{"case_id": "x y"}')
    cases.write_text("\n".join(lines) + "\n")
    out = tmp_path / "decisions.jsonl"
    result = CliRunner().invoke(main, ["assess", str(cases), "--out", str(out)])
    assert result.exit_code == 2
    assert f"{cases}:2: not a valid case" in result.output
    assert "case_id:" in result.output and "buyer: required" in result.output
    assert [json.loads(line)["case_id"] for line in out.read_text().splitlines()] == ["BENCH-0", "BENCH-1", "BENCH-2"]


@pytest.mark.skipif(
    not _redis_up() and not os.environ.get("BORDERCASE_REQUIRE_SERVICES"), reason="no Redis on 127.0.0.1:6379"
)
def test_celery_workers_on_redis_decide_as_locally():
    from celery.contrib.testing.worker import start_worker

    from rules.distributed import app, use_broker

    use_broker(BROKER)
    # a queue of this run's own, so runs sharing the Redis server never take each other's work
    queue, before = f"bordercase-test-{uuid.uuid4().hex}", app.conf.task_default_queue
    app.conf.task_default_queue = queue
    try:
        texts = _texts(120)
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            remote = list(decide_all([*texts[:60], ("bad", "{}"), *texts[60:]], ("json", False, False), broker=BROKER))
    finally:
        app.conf.task_default_queue = before
    where, problems = remote.pop(60)
    assert where == "bad" and "case_id: required" in problems
    assert _essence(remote) == _essence(decide_all(texts, ("json", False, False)))
