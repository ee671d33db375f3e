"""The `bordercase` command line.

    bordercase assess CASE.json                 the Decision as JSON
    bordercase assess CASE.json --format text   a readable summary
    bordercase assess CASES.jsonl --out D.jsonl many cases, a progress bar on a terminal
    bordercase worker --broker URL              decide batches sent with assess --broker
    bordercase risk CASE.json                   a dispute's deadline, risk, signals and reply, for support
    bordercase check [FILES...]                 validate rule files
    bordercase test [PATHS...]                  run the tests beside the rule files
    bordercase rules list                       jurisdictions and their key figures
    bordercase hs search TEXT | hs show CODE    find or check an HS code
    bordercase documents CASE.json --out DIR    the return's documents as PDF and HTML
    bordercase schema case|decision             the JSON Schema of the contract
    bordercase bench                            throughput and memory figures

Exit codes: 0 fine, 1 a rule file or test failed, 2 bad input (a case that is not valid).
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import click

from rules.case import Case

EXIT_BAD_INPUT = 2


def _emit(text: str) -> None:
    click.echo(text)


def _problems(title: str, problems: list[str]) -> None:
    click.echo(title, err=True)
    for problem in problems:
        click.echo(f"  {problem}", err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="bordercase")
def main() -> None:
    """Bordercase: what the buyer's law, the platform and customs say about a return.

    Every decision line carries its citation; see `bordercase COMMAND --help`.
    """


# -- assess -------------------------------------------------------------------------------


def _read_texts(path: Path) -> Iterator[tuple[str, str]]:
    """(where, JSON text) for a .json file (one case) or a .jsonl file (one case a line)."""
    text = sys.stdin.read() if str(path) == "-" else path.read_text(encoding="utf-8")
    if path.suffix == ".jsonl":
        for n, line in enumerate(text.splitlines(), 1):
            if line.strip():
                yield f"{path}:{n}", line
    else:
        yield str(path), text


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["json", "text"]),
    default="json",
    show_default=True,
    help="json: the Decision exactly as the contract says; text: a summary for people.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write decisions to this file (JSON Lines) instead of standard output.",
)
@click.option("--trace/--no-trace", default=True, show_default=True, help="Include the trace of fired rules.")
@click.option("--jobs", type=int, default=0, help="Local processes for large batches (default: one per CPU).")
@click.option("--broker", envvar="BORDERCASE_BROKER_URL", help="Send the batch to Celery workers on this broker.")
def assess(files: tuple[Path, ...], fmt: str, out: Path | None, trace: bool, jobs: int, broker: str | None) -> None:
    """Assess one case (CASE.json) or many (CASES.jsonl) and print each Decision.

    A case that is not valid is refused with every bad field named, and the command exits 2;
    the valid cases in the same input are still decided, in input order.
    """
    from rules.batch import Options, decide_all

    texts = [entry for path in files for entry in _read_texts(path)]
    many = len(texts) > 1 or any(f.suffix == ".jsonl" for f in files)
    options: Options = (fmt, trace, not many)
    sink = out.open("w", encoding="utf-8") if out else None
    progress = _progress(len(texts)) if sink is not None and sys.stderr.isatty() else None
    refused = decided = 0
    try:
        for where, result in decide_all(texts, options, jobs or os.cpu_count() or 1, broker):
            if isinstance(result, list):
                refused += 1
                _problems(f"{where}: not a valid case", result)
            else:
                decided += 1
                if sink is not None:
                    sink.write(result + "\n")
                else:
                    _emit(result)
            if progress is not None:
                progress.advance()
    finally:
        if progress is not None:
            progress.close()
        if sink is not None:
            sink.close()
    if out:
        click.echo(
            f"{decided} decisions written to {out}" + (f"; {refused} cases refused" if refused else ""), err=True
        )
    if refused:
        sys.exit(EXIT_BAD_INPUT)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path, allow_dash=True))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text: a summary for support; json: the Decision's platform block.",
)
def risk(files: tuple[Path, ...], fmt: str) -> None:
    """Where each case's dispute stands, for support before answering the buyer: the window and
    the seller's deadline, the likely outcome, the risk with every signal, what to do, and the
    reply in the buyer's language. A case that is not valid is refused (exit 2)."""
    from rules.batch import parse
    from rules.dispute_report import risk_summary
    from rules.pipeline import Assessor

    assessor: Any = None
    refused = 0
    for where, text in (entry for path in files for entry in _read_texts(path)):
        case = parse(text)
        if not isinstance(case, Case):
            refused += 1
            _problems(f"{where}: not a valid case", case)
            continue
        assessor = assessor or Assessor()
        decision = assessor.assess(case)
        if fmt == "json":
            block = decision.platform
            _emit(block.model_dump_json(indent=2) if block is not None else "null")
        else:
            _emit(risk_summary(decision))
    if refused:
        sys.exit(EXIT_BAD_INPUT)


@main.command()
@click.option(
    "--broker", envvar="BORDERCASE_BROKER_URL", required=True, help="The Celery broker (e.g. redis://host:6379/0)."
)
@click.option("--concurrency", type=int, default=0, help="Worker processes (default: one per CPU).")
def worker(broker: str, concurrency: int) -> None:
    """Run a Celery worker that decides batches sent with `assess --broker`."""
    from rules.distributed import run_worker

    run_worker(broker, concurrency or os.cpu_count() or 1)


class _progress:
    """A rich progress bar on stderr, only when a person watches."""

    def __init__(self, total: int):
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        self._bar = Progress("assessing", BarColumn(), MofNCompleteColumn(), TimeRemainingColumn(), transient=True)
        self._bar.start()
        self._task = self._bar.add_task("assess", total=total)

    def advance(self) -> None:
        self._bar.advance(self._task)

    def close(self) -> None:
        self._bar.stop()


# -- rule files ---------------------------------------------------------------------------


@main.command()
@click.argument("files", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--stale-months", default=12, show_default=True, help="Warn about values verified longer ago than this.")
def check(files: tuple[Path, ...], stale_months: int) -> None:
    """Validate rule files (all of them by default).

    Every problem is named with its file, line and key. Warns about each value whose
    `verified_on` is older than --stale-months. Exits 1 if any file is refused.
    """
    from rules.loader import Library, stale_values

    library = Library()
    problems = library.load() if not files else []
    if files:
        library.load()
        problems = library.check([f for f in files if not f.name.endswith(".tests.yaml")])
    for problem in problems:
        click.echo(f"error: {problem}", err=True)
    checked = [
        library.files[c]
        for c in library.files
        if not files or any(library.relative(f) == library.files[c].path for f in files)
    ]
    warnings = stale_values(checked, date.today(), stale_months)
    for warning in warnings:
        click.echo(f"warning: {warning}", err=True)
    if problems:
        click.echo(f"{len(problems)} problem(s); the files already in force stay in force.", err=True)
        sys.exit(1)
    click.echo(f"ok: {len(checked)} rule file(s), {len(warnings)} stale value(s)")


@main.command("test")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("-v", "--verbose", is_flag=True, help="Name every test, not only failures.")
def test_command(paths: tuple[Path, ...], verbose: bool) -> None:
    """Run the YAML tests beside the rule files (NAME.tests.yaml), or those in PATHS."""
    from rules.testing import collect, run_all

    results = run_all(collect(list(paths)))
    failed = [r for r in results if not r.passed]
    for result in results:
        if verbose or not result.passed:
            mark = "ok  " if result.passed else "FAIL"
            click.echo(f"{mark} {result.where}: {result.name}")
            for problem in result.problems:
                click.echo(f"       {problem}")
    click.echo(f"{len(results) - len(failed)} passed, {len(failed)} failed")
    if failed or not results:
        sys.exit(1)


@main.group()
def rules() -> None:
    """Look at the rule files in force."""


@rules.command("list")
@click.argument("codes", nargs=-1)
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), help="In force on this day (default today).")
@click.option("--figures/--no-figures", default=True, show_default=True, help="Also list every figure.")
def rules_list(codes: tuple[str, ...], on: Any, figures: bool) -> None:
    """Jurisdictions (or only CODES) with each right, its period and refund time, then every
    figure in force with its confidence, last verification and citation."""
    from rules.report import rules_table

    rules_table(on.date() if on else date.today(), list(codes), figures)


@main.group()
def hs() -> None:
    """HS codes: find a subheading from a description, or look a code up."""


@hs.command("search")
@click.argument("text", nargs=-1, required=True)
@click.option("--limit", default=8, show_default=True)
def hs_search(text: tuple[str, ...], limit: int) -> None:
    """Subheadings for what a seller calls the goods (English or Chinese), best first."""
    from customs.hs import dotted
    from customs.search import search

    hits = search(" ".join(text), limit)
    if not hits:
        click.echo("no HS 2022 entry matches; try another word for the goods", err=True)
        sys.exit(1)
    for hit in hits:
        click.echo(f"{dotted(hit.code):<10} {hit.description}")
        click.echo(f"{'':<10} matched: {', '.join(hit.matched)}" + (f"; note: {hit.note}" if hit.note else ""))


@hs.command("show")
@click.argument("code")
@click.option("--country", "countries", multiple=True, help="Judge the national extension for this country.")
@click.option("--on", "on", type=click.DateTime(formats=["%Y-%m-%d"]), help="The edition in force on this day.")
def hs_show(code: str, countries: tuple[str, ...], on: Any) -> None:
    """Check a code exactly as the contract says and show its chapter, heading and subheading."""
    from customs.hs import check_code, dotted, hs2022

    result = check_code(code, countries, on.date() if on else date.today())
    table = hs2022()
    for entry in table.path(result.digits) if result.valid else []:
        click.echo(f"{dotted(entry.code):<10} {entry.description}")
    click.echo(f"{code}: {'valid' if result.valid else 'not valid'} ({result.edition})")
    if result.problem:
        click.echo(f"  problem: {result.problem}")
    if result.note:
        click.echo(f"  note: {result.note}")
    if not result.valid:
        sys.exit(1)


@main.command()
@click.argument("case_file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), required=True, help="Folder for the files.")
def documents(case_file: Path, out: Path) -> None:
    """Write every document the case's paperwork lists, as PDF and HTML, into OUT.

    Documents that are records of a carrier or an authority (proof of export, the original
    import declaration, ...) cannot be generated: each is named with who holds it.
    """
    from rules.batch import parse
    from rules.documents import write_documents
    from rules.pipeline import Assessor

    result = parse(case_file.read_text(encoding="utf-8"))
    if not isinstance(result, Case):
        _problems(f"{case_file}: not a valid case", result)
        sys.exit(EXIT_BAD_INPUT)
    assessor = Assessor()
    decision = assessor.assess(result)
    written, not_generated = write_documents(result, decision, out, assessor)
    for doc in written:
        click.echo(f"wrote {doc.pdf} and {doc.html.name}")
    for doc_id, what in not_generated.items():
        click.echo(f"not generated: {doc_id}: {what}")
    if not decision.paperwork:
        click.echo("the decision lists no paperwork for this case")


@main.command()
@click.argument("which", type=click.Choice(["case", "decision"]))
def schema(which: str) -> None:
    """Print the JSON Schema of the Case or the Decision."""
    from rules.decision import Decision

    model = Case if which == "case" else Decision
    _emit(json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False))


@main.command()
@click.option("--cases", default=20000, show_default=True, help="Generated cases per measurement.")
@click.option("--memory-cases", default=200000, show_default=True, help="Assessments before memory is read.")
def bench(cases: int, memory_cases: int) -> None:
    """Measure cases/s (plain Python, raw durable_rules, zen-engine, assess) and memory."""
    from rules.bench import run

    run(cases, memory_cases)


if __name__ == "__main__":  # pragma: no cover
    main()
