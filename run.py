#!/usr/bin/env python3
"""Set Bordercase up in .venv from nothing, then run it or its tests.

    python3 run.py          the main job: the review web app with demo data, on SQLite
    python3 run.py test     the whole test suite (ruff, mypy, pytest)

Only the standard library is used here, so this works on a machine with nothing but Python
and git. It picks a Python 3.11 or 3.12 (durable-rules does not import on 3.13), creates
.venv, installs the project with its development extras, and reinstalls only when
pyproject.toml changes.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / ".bordercase-installed"
SUPPORTED = ((3, 11), (3, 12))


def say(message: str) -> None:
    print(f"[run.py] {message}", flush=True)


def suitable_python() -> str:
    if sys.version_info[:2] in SUPPORTED:
        return sys.executable
    for name in ("python3.12", "python3.11"):
        found = shutil.which(name)
        if found:
            return found
    sys.exit(f"Bordercase needs Python 3.11 or 3.12 (found {sys.version.split()[0]}); install one and retry.")


def venv_version() -> tuple[int, int] | None:
    python = BIN / "python"
    if not python.exists():
        return None
    out = subprocess.run(
        [str(python), "-c", "import sys; print(*sys.version_info[:2])"], capture_output=True, text=True
    )
    if out.returncode != 0:
        return None
    major, minor = out.stdout.split()
    return int(major), int(minor)


def ensure_venv() -> None:
    if venv_version() not in SUPPORTED:
        if VENV.exists():
            shutil.rmtree(VENV)
        say("creating .venv")
        subprocess.run([suitable_python(), "-m", "venv", str(VENV)], check=True)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted and (BIN / "bordercase").exists():
        return
    say("installing Bordercase and its dependencies into .venv (first run takes a few minutes)")
    pip = [str(BIN / "python"), "-m", "pip", "--disable-pip-version-check"]
    subprocess.run([*pip, "install", "--quiet", "--upgrade", "pip"], check=True)
    subprocess.run([*pip, "install", "--quiet", "-e", f"{ROOT}[dev,bench]"], check=True)
    STAMP.write_text(wanted)


def run(*command: str, env: dict[str, str] | None = None) -> int:
    say(" ".join(command))
    return subprocess.run([str(BIN / command[0]), *command[1:]], cwd=ROOT, env=env).returncode


def test(extra: list[str]) -> int:
    checks = [
        ("ruff", "check", "."),
        ("ruff", "format", "--check", "."),
        ("mypy",),
        ("bordercase", "check"),
        ("bordercase", "test"),
        ("pytest", *extra),
    ]
    failed = [" ".join(c) for c in checks if run(*c) != 0]
    if failed:
        say("FAILED: " + "; ".join(failed))
        return 1
    say("all checks passed")
    return 0


def main_job(extra: list[str]) -> int:
    """The review web app on a SQLite file in instance/, with demo cases and a demo login
    (printed with the address); the example cases are left for you to upload."""
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    return run("bordercase", "demo", "--examples", str(ROOT / "tests" / "examples"), *extra, env=env)


def main() -> int:
    args = sys.argv[1:]
    ensure_venv()
    if args[:1] == ["test"]:
        return test(args[1:])
    return main_job(args)


if __name__ == "__main__":
    sys.exit(main())
