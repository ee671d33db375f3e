"""Load rule files, resolve `extends`, check them, and keep the ones in force.

A file is read (rules.yamlsource), its shape checked (rules.schema), then every chain it takes
part in is merged and checked as a whole (facts named in conditions, periods, parameters,
counting rules). A file with any problem is refused with each problem's file, line and key,
and the version already in force stays in force.
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any, Generic, TypeVar

import pycountry
from pydantic import ValidationError

from rules import conditions
from rules.facts import FACTS, Fact, period_fact
from rules.periods import ANCHORS
from rules.schema import (
    PERIOD_UNITS,
    Citation,
    CountingRule,
    LengthFromCase,
    Outcome,
    Period,
    RuleFile,
    Value,
)
from rules.yamlsource import Located, Problem, RuleFileError, key_path, load_yaml
from rules.yamlsource import Path as KeyPath

T = TypeVar("T")

RULE_DIRS = ("jurisdictions", "disputes/platforms")
TESTS_SUFFIX = ".tests.yaml"


def project_root() -> Path:
    """The folder holding jurisdictions/ and disputes/ (the checkout, or site-packages)."""
    import jurisdictions

    return Path(jurisdictions.__file__).resolve().parent.parent


@dataclass(frozen=True)
class SourceFile:
    path: str  # relative to the project root, with forward slashes
    version: str  # the first 12 hex digits of the text's SHA-256
    located: Located
    spec: RuleFile

    @property
    def code(self) -> str:
        return self.spec.code

    @property
    def key(self) -> str:
        """'EU' for the main file, 'EU.customs' for a part."""
        return f"{self.spec.code}.{self.spec.part}" if self.spec.part else self.spec.code

    def line(self, *path: str | int) -> int | None:
        return self.located.line_of(tuple(path))

    def problem(self, path: KeyPath, message: str) -> Problem:
        return Problem(self.path, self.located.line_of(path), key_path(path), message)


def read_source(text: str, path: str) -> SourceFile:
    """Parse and shape-check one file; raise RuleFileError naming every problem."""
    located = load_yaml(text, path)
    if not isinstance(located.data, dict):
        raise RuleFileError([Problem(path, 1, "", "a rule file is a mapping of keys")])
    try:
        spec = RuleFile.model_validate(located.data)
    except ValidationError as error:
        problems = []
        for e in error.errors(include_url=False):
            loc = tuple(e["loc"])
            message = e["msg"].removeprefix("Value error, ")
            if e["type"] == "extra_forbidden":
                message = "unknown key"
            elif e["type"] == "missing":
                message = "required"
            elif e["type"].startswith("date") or e["type"] == "datetime_from_date_parsing":
                message = f"not a real date ({e.get('input')!r})"
            problems.append(Problem(path, located.line_of(loc), key_path(loc), message))
        raise RuleFileError(problems) from None
    stem = Path(path).name.removesuffix(".yaml")
    code, _, part = stem.partition(".")
    if spec.code != code:
        raise RuleFileError(
            [Problem(path, located.line_of(("code",)), "code", f"'{spec.code}' differs from the file name '{code}'")]
        )
    if (spec.part or "") != part:
        line = located.line_of(("part",)) or 1
        raise RuleFileError(
            [Problem(path, line, "part", f"a file named {stem}.yaml says part: {spec.part or '(none)'}")]
        )
    return SourceFile(path, hashlib.sha256(text.encode()).hexdigest()[:12], located, spec)


@dataclass(frozen=True)
class Sourced(Generic[T]):
    """A merged element and the file (and key path) that last defined it."""

    value: T
    file: SourceFile
    path: KeyPath


@dataclass
class PackParameter:
    name: str
    description: str
    unit: str
    currency: str | None
    keyed_by: str
    values: dict[date, Value]
    file: SourceFile
    path: KeyPath

    @cached_property
    def _starts(self) -> list[date]:
        return sorted(self.values)

    def at(self, day: date) -> Value | None:
        """The value in force on `day`: the latest that started on or before it, if not ended."""
        index = bisect_right(self._starts, day)
        if index == 0:
            return None
        chosen = self.values[self._starts[index - 1]]
        if chosen.until is not None and chosen.until <= day:
            return None
        return chosen


@dataclass
class PackRule:
    id: str  # qualified: <code of the file that last defined it>.<rule id>
    key: str  # the rule's id inside the files
    role: str
    right: str | None
    when: dict[str, Any]
    then: Outcome
    citation: Citation
    why: str
    file: SourceFile
    path: KeyPath
    per_item: bool = False
    regime: str | None = None
    unmet: str | None = None
    dispute: str | None = None  # platform files: the dispute kind the rule is about

    @cached_property
    def facts(self) -> list[str]:
        return list(dict.fromkeys(conditions.facts_used(self.when)))

    @cached_property
    def citation_text(self) -> str:
        return str(self.citation)

    @cached_property
    def params(self) -> list[str]:
        return [f[len("param_") :] for f in self.facts if f.startswith("param_")]


@dataclass
class Pack:
    """A jurisdiction or platform with everything it inherits, ready to compile."""

    code: str
    name: str
    kind: str
    chain: list[SourceFile]
    currency: str | None
    languages: list[str]
    holidays_country: str | None
    subdivision_holidays: bool
    otherwise: str
    counting: dict[str, Sourced[CountingRule]] = field(default_factory=dict)
    parameters: dict[str, PackParameter] = field(default_factory=dict)
    periods: dict[str, Sourced[Period]] = field(default_factory=dict)
    rules: list[PackRule] = field(default_factory=list)
    _periods_of: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @property
    def versions(self) -> dict[str, str]:
        return {f.path: f.version for f in self.chain}

    @cached_property
    def key(self) -> str:
        """Names the compiled ruleset: a new version of any file in the chain gets a new key."""
        digest = hashlib.sha256("|".join(f"{f.path}={f.version}" for f in self.chain).encode()).hexdigest()
        return f"{self.code}@{digest[:12]}"

    @property
    def facts(self) -> dict[str, Fact]:
        known = dict(FACTS)
        for name in self.periods:
            fact = period_fact(name)
            known[fact.name] = fact
        for name, parameter in self.parameters.items():
            if parameter.unit == "flag":  # a rule in force from a date: `param_<name>: true`
                known[f"param_{name}"] = Fact(f"param_{name}", "bool", parameter.description or name)
        return known

    def rules_of(self, part: str) -> list[PackRule]:
        """ "law": rules about rights and disputes; "regimes": customs regimes; "all"."""
        if part == "all":
            return self.rules
        return [r for r in self.rules if bool(getattr(r, "regime", None)) == (part == "regimes")]

    def periods_of(self, part: str) -> list[str]:
        """The periods the rules of a part read (as facts or as outcomes); their own
        dependencies are computed with them."""
        cached = self._periods_of.get(part)
        if cached is None:
            names: list[str] = []
            for rule in self.rules_of(part):
                names += [f[len("period_") :] for f in rule.facts if f.startswith("period_")]
                for field_name in rule.then.model_fields_set:
                    value = getattr(rule.then, field_name)
                    if isinstance(value, str) and value in self.periods:
                        names.append(value)
            cached = self._periods_of[part] = [n for n in dict.fromkeys(names) if n in self.periods]
        return cached

    @cached_property
    def condition_params(self) -> list[str]:
        """Parameters the conditions compare against: their values in force become facts."""
        return list(dict.fromkeys(p for rule in self.rules for p in rule.params))

    def holiday_place(self, case: Any) -> tuple[str | None, str | None]:
        """Whose public holidays count: the buyer's country (and state, where the law says)."""
        country = self.holidays_country or case.buyer.country
        subdivision = None
        if self.subdivision_holidays and case.buyer.subdivision and case.buyer.subdivision.startswith(country + "-"):
            subdivision = case.buyer.subdivision.split("-", 1)[1]
        return country, subdivision

    def kind_of(self, code: str) -> str:
        return self._kinds.get(code, "national")

    @cached_property
    def _kinds(self) -> dict[str, str]:
        return {f.code: f.spec.kind for f in self.chain if f.spec.kind}

    def national_code(self) -> str:
        """The first file in the chain that is a law of its own (DE for DE → EU)."""
        for f in reversed(self.chain):
            if f.spec.kind and f.spec.kind != "supranational":
                return f.code
        return self.code

    def jurisdiction_of(self, rule: PackRule) -> str:
        """A right found by an EU-wide rule belongs to the member state that applies it."""
        return self.national_code() if self.kind_of(rule.file.code) == "supranational" else rule.file.code

    def applicable_codes(self) -> list[str]:
        """US-CA → [US-CA, US]; DE → [DE]: the laws (not baselines) in the chain, nearest first."""
        return [f.code for f in reversed(self.chain) if f.spec.kind in ("national", "subnational")]


def _chain(code: str, files: dict[str, SourceFile]) -> list[SourceFile]:
    """The files of a pack, root first, each main file followed by its part files."""
    parts: dict[str, list[SourceFile]] = {}
    for source in files.values():
        if source.spec.part:
            parts.setdefault(source.code, []).append(source)
    out: list[SourceFile] = []
    for main in _mains(code, files):
        out.append(main)
        out += sorted(parts.get(main.code, []), key=lambda s: s.key)
    return out


def _mains(code: str, files: dict[str, SourceFile]) -> list[SourceFile]:
    chain: list[SourceFile] = []
    seen: set[str] = set()
    current: str | None = code
    while current is not None:
        if current in seen:
            raise RuleFileError([files[code].problem(("extends",), f"'extends' makes a cycle through {current}")])
        seen.add(current)
        source = files.get(current)
        if source is None:
            child = chain[-1]
            raise RuleFileError([child.problem(("extends",), f"extends '{current}', which has no rule file in force")])
        chain.append(source)
        current = source.spec.extends
    return list(reversed(chain))


def build_pack(code: str, files: dict[str, SourceFile]) -> Pack:
    """Merge a chain and check it; raise RuleFileError with every problem."""
    chain = _chain(code, files)
    leaf = files[code]
    problems: list[Problem] = []
    pack = Pack(
        code=code,
        name=_display_name(leaf, problems),
        kind=leaf.spec.kind or "national",
        chain=chain,
        currency=next((f.spec.currency for f in reversed(chain) if f.spec.currency), None),
        languages=next((f.spec.languages for f in reversed(chain) if f.spec.languages), []),
        holidays_country=leaf.spec.calendar.holidays
        or (code.split("-")[0] if leaf.spec.kind in ("national", "subnational") else None),
        subdivision_holidays=leaf.spec.calendar.subdivision_holidays,
        otherwise=next((f.spec.otherwise for f in reversed(chain) if "otherwise" in f.spec.model_fields_set), "none"),
    )
    problems += _check_metadata(leaf)
    raw_params: dict[str, dict[str, Any]] = {}
    raw_rules: dict[str, dict[str, Any]] = {}
    for source in chain:
        spec = source.spec
        for name, counting_rule in spec.counting.items():
            pack.counting[name] = Sourced(counting_rule, source, ("counting", name))
        for name, period in spec.periods.items():
            pack.periods[name] = Sourced(period, source, ("periods", name))
        for name, parameter in spec.parameters.items():
            merged = raw_params.setdefault(name, {})
            merged.update({k: v for k, v in parameter.model_dump(exclude_unset=True).items() if k != "values"})
            merged["values"] = parameter.values
            merged["_source"] = (source, ("parameters", name))
        for name, rule_spec in spec.rules.items():
            merged = raw_rules.setdefault(name, {})
            given = {k: getattr(rule_spec, k) for k in rule_spec.model_fields_set}
            merged.update(given)
            merged["_source"] = (source, ("rules", name))

    for name, merged in raw_params.items():
        source, path = merged["_source"]
        for required in ("description", "unit"):
            if not merged.get(required):
                problems.append(source.problem(path, f"'{required}' is required (none inherited)"))
        pack.parameters[name] = PackParameter(
            name=name,
            description=merged.get("description") or "",
            unit=merged.get("unit") or "days",
            currency=merged.get("currency"),
            keyed_by=merged.get("keyed_by") or "contract",
            values=merged["values"],
            file=source,
            path=path,
        )

    known = pack.facts
    for name, merged in raw_rules.items():
        source, path = merged["_source"]
        if merged.get("disabled"):
            continue
        role = merged.get("role") or "grant"
        for required in ("citation", "why"):
            if not merged.get(required):
                problems.append(source.problem(path, f"'{required}' is required (none inherited)"))
        if leaf.spec.kind == "platform":
            # a platform's rules are about its disputes, never about a consumer-law right
            if role == "scope" or merged.get("right") or merged.get("regime"):
                problems.append(source.problem(path, "a platform rule names the dispute it is about, not a right"))
            elif not merged.get("dispute"):
                problems.append(source.problem(path, f"a {role} rule names the dispute it is about"))
        elif merged.get("dispute"):
            problems.append(source.problem(path, "only a platform file's rules are about a dispute"))
        elif role != "scope" and not merged.get("right") and not merged.get("regime"):
            problems.append(source.problem(path, f"a {role} rule names the right (or regime) it is about"))
        if merged.get("regime") and role == "bar" and not merged.get("unmet"):
            problems.append(source.problem(path, "a bar on a regime names the condition that is unmet"))
        when = merged.get("when") or {}
        for where, message in conditions.check(when, known, frozenset(raw_params)):
            problems.append(source.problem((*path, "when", *where), message))
        then = merged.get("then") or Outcome()
        problems += _check_outcome(pack, then, source, (*path, "then"))
        pack_rule = PackRule(
            id=f"{source.code}.{name}",
            key=name,
            role=role,
            right=merged["right"].value if merged.get("right") else None,
            when=when,
            then=then,
            citation=merged.get("citation") or Citation(instrument="(missing)"),
            why=merged.get("why") or "",
            file=source,
            path=path,
            regime=merged["regime"].value if merged.get("regime") else None,
            unmet=merged.get("unmet"),
            dispute=merged.get("dispute"),
        )
        pack_rule.per_item = any(known[f].per_item for f in pack_rule.facts if f in known)
        if pack_rule.per_item and role != "bar":
            problems.append(source.problem((*path, "when"), "a condition on one line (item_*) can only bar"))
        pack.rules.append(pack_rule)

    problems += _check_periods(pack)
    if problems:
        raise RuleFileError(_dedupe(problems))
    return pack


def _display_name(source: SourceFile, problems: list[Problem]) -> str:
    spec = source.spec
    if spec.kind == "national":
        country = pycountry.countries.get(alpha_2=spec.code)
        if country is None:
            problems.append(source.problem(("code",), f"'{spec.code}' is not an ISO 3166-1 country"))
            return spec.name or spec.code
        return spec.name or country.name
    if spec.kind == "subnational":
        subdivision = pycountry.subdivisions.get(code=spec.code)
        if subdivision is None:
            problems.append(source.problem(("code",), f"'{spec.code}' is not an ISO 3166-2 subdivision"))
            return spec.name or spec.code
        return spec.name or subdivision.name
    if not spec.name:
        problems.append(source.problem(("name",), "required for a file that is not a country or subdivision"))
    return spec.name or spec.code


def _check_metadata(source: SourceFile) -> list[Problem]:
    """Currency (ISO 4217) and languages (BCP 47 that Babel knows) of a main file."""
    from babel import Locale, UnknownLocaleError

    problems = []
    currency = source.spec.currency
    if currency and pycountry.currencies.get(alpha_3=currency) is None:
        problems.append(source.problem(("currency",), f"'{currency}' is not an ISO 4217 currency"))
    for i, tag in enumerate(source.spec.languages):
        try:
            Locale.parse(tag, sep="-")
        except (ValueError, UnknownLocaleError):
            problems.append(source.problem(("languages", i), f"'{tag}' is not a language Babel knows"))
    return problems


def _check_outcome(pack: Pack, then: Outcome, source: SourceFile, path: KeyPath) -> list[Problem]:
    problems = []
    for key in ("deadline", "respond_by", "escalate_by", "refund_by", "return_by"):
        name = getattr(then, key)
        if name not in (None, "none") and name not in pack.periods:
            problems.append(source.problem((*path, key), f"unknown period '{name}'"))
    if then.share is not None:
        share = pack.parameters.get(then.share)
        if share is None or share.unit != "share":
            problems.append(source.problem((*path, "share"), f"'{then.share}' is not a parameter in share units"))
    if then.refund_due is not None:
        parameter = pack.parameters.get(then.refund_due.within)
        if parameter is None:
            problems.append(
                source.problem((*path, "refund_due", "within"), f"unknown parameter '{then.refund_due.within}'")
            )
        elif parameter.unit not in ("days", "business_days", "hours"):
            problems.append(
                source.problem((*path, "refund_due", "within"), f"'{parameter.name}' is in {parameter.unit}, not days")
            )
        if then.refund_due.starts not in ANCHORS:
            problems.append(
                source.problem((*path, "refund_due", "starts"), f"unknown start '{then.refund_due.starts}'")
            )
    return problems


def _check_periods(pack: Pack) -> list[Problem]:
    problems = []
    for name, sourced in pack.periods.items():
        period, source, path = sourced.value, sourced.file, sourced.path
        for part in period.earliest_of + period.latest_of:
            if part not in pack.periods:
                problems.append(source.problem(path, f"unknown period '{part}'"))
        for act in period.judged_on:
            if act not in ANCHORS:
                problems.append(
                    source.problem((*path, "judged_on"), f"unknown act '{act}' (one of {', '.join(ANCHORS)})")
                )
        ends = [] if period.ends is None else period.ends if isinstance(period.ends, list) else [period.ends]
        for end in ends:
            if end not in ANCHORS:
                problems.append(source.problem((*path, "ends"), f"unknown date '{end}' (one of {', '.join(ANCHORS)})"))
        for start in _starts(period):
            if start.startswith("end_of:"):
                if start[7:] not in pack.periods:
                    problems.append(source.problem((*path, "starts"), f"unknown period '{start[7:]}'"))
            elif start not in ANCHORS:
                problems.append(
                    source.problem((*path, "starts"), f"unknown start '{start}' (one of {', '.join(ANCHORS)})")
                )
        if isinstance(period.length, str):
            parameter = pack.parameters.get(period.length)
            if parameter is None:
                problems.append(source.problem((*path, "length"), f"unknown parameter '{period.length}'"))
            elif parameter.unit not in PERIOD_UNITS:
                problems.append(
                    source.problem((*path, "length"), f"'{period.length}' is in {parameter.unit}, not a period unit")
                )
        elif isinstance(period.length, LengthFromCase) and period.length.fact not in FACTS:
            problems.append(source.problem((*path, "length", "fact"), f"unknown fact '{period.length.fact}'"))
        if period.counting and period.counting not in pack.counting:
            problems.append(source.problem((*path, "counting"), f"unknown counting rule '{period.counting}'"))
        if _cycle(pack, name, set()):
            problems.append(source.problem(path, "the period depends on itself"))
    return problems


def _cycle(pack: Pack, name: str, seen: set[str]) -> bool:
    if name in seen:
        return True
    period = pack.periods.get(name)
    if period is None:
        return False
    deps = list(period.value.earliest_of) + list(period.value.latest_of)
    deps += [s[7:] for s in _starts(period.value) if s.startswith("end_of:")]
    return any(_cycle(pack, d, seen | {name}) for d in deps)


def _starts(period: Period) -> list[str]:
    if period.starts is None:
        return []
    return period.starts if isinstance(period.starts, list) else [period.starts]


def _dedupe(problems: list[Problem]) -> list[Problem]:
    return list(dict.fromkeys(problems))


def stale_values(pack_files: list[SourceFile], today: date, months: int = 12) -> list[Problem]:
    """Warnings: every value whose `verified_on` is more than `months` months old."""
    limit = today - timedelta(days=round(months * 30.44))
    warnings = []
    for source in pack_files:
        for name, parameter in source.spec.parameters.items():
            for start, value in parameter.values.items():
                if value.verified_on < limit:
                    warnings.append(
                        source.problem(
                            ("parameters", name, "values", str(start), "verified_on"),
                            f"last verified {value.verified_on}, more than {months} months ago",
                        )
                    )
    return warnings


class Library:
    """The rule files in force, and the packs built from them.

    `load` reads every file again; a file that fails is refused and its previous version (if
    any) stays in force, as do all other files.
    """

    def __init__(self, root: Path | None = None):
        self.root = root or project_root()
        self.files: dict[str, SourceFile] = {}  # code -> file in force
        self._packs: dict[str, Pack] = {}

    def paths(self) -> list[Path]:
        found = []
        for folder in RULE_DIRS:
            directory = self.root / folder
            if directory.is_dir():
                found += sorted(p for p in directory.glob("*.yaml") if not p.name.endswith(TESTS_SUFFIX))
        return found

    def relative(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return path.as_posix()

    def load(self, paths: list[Path] | None = None) -> list[Problem]:
        """Read files (all by default) and put each valid one in force. Returns the problems."""
        problems: list[Problem] = []
        candidates: list[SourceFile] = []
        for path in paths or self.paths():
            rel = self.relative(path)
            try:
                candidates.append(read_source(path.read_text(encoding="utf-8"), rel))
            except RuleFileError as error:
                problems += error.problems
            except OSError as error:
                problems.append(Problem(rel, None, "", f"cannot read: {error.strerror}"))
        problems += self._admit(candidates)
        return problems

    def _admit(self, candidates: list[SourceFile]) -> list[Problem]:
        """Put candidates in force one by one, parents first; refuse any that breaks a pack."""
        problems: list[Problem] = []
        pending = {c.key: c for c in candidates}
        for c in candidates:
            if sum(1 for d in candidates if d.key == c.key) > 1:
                problems.append(c.problem(("code",), f"another file is also '{c.key}'"))
                pending.pop(c.key, None)

        def depth(source: SourceFile) -> float:
            main = pending.get(source.code) or self.files.get(source.code) or source
            n, parent = 0, main.spec.extends
            while parent and n < 20:
                n += 1
                above = pending.get(parent) or self.files.get(parent)
                parent = above.spec.extends if above else None
            return n + (0.5 if source.spec.part else 0)

        for source in sorted(pending.values(), key=depth):
            trial = dict(self.files)
            trial[source.key] = source
            if source.spec.part and source.code not in trial:
                problems.append(
                    source.problem(("code",), f"a part of '{source.code}', which has no main file in force")
                )
                continue
            mains = [key for key, f in trial.items() if not f.spec.part]
            affected = [code for code in mains if source.key in (f.key for f in self._safe_chain(code, trial))]
            trial_problems: list[Problem] = []
            for code in affected:
                try:
                    build_pack(code, trial)
                except RuleFileError as error:
                    trial_problems += error.problems
            if trial_problems:
                problems += trial_problems
                continue
            self.files = trial
            for code in affected:
                self._packs.pop(code, None)
        return _dedupe(problems)

    @staticmethod
    def _safe_chain(code: str, files: dict[str, SourceFile]) -> list[SourceFile]:
        try:
            return _chain(code, files)
        except RuleFileError:
            return [f for f in files.values() if f.code == code]

    def check(self, paths: list[Path]) -> list[Problem]:
        """Problems the given files would have, judged beside the files in force; changes nothing."""
        trial = Library(self.root)
        trial.files = dict(self.files)
        return trial.load(paths)

    def pack(self, code: str) -> Pack | None:
        if code not in self.files or self.files[code].spec.part:
            return None
        if code not in self._packs:
            self._packs[code] = build_pack(code, self.files)
        return self._packs[code]

    def codes(self, kind: str | None = None) -> list[str]:
        return sorted(c for c, f in self.files.items() if not f.spec.part and (kind is None or f.spec.kind == kind))
