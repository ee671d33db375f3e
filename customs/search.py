"""Find HS subheadings from what a seller types ("lithium battery", "蓝牙耳机", "phone case").

The nomenclature's own wording ("Electric accumulators; lithium-ion") is not what sellers
write, so two indexes are combined:
- the seller phrases of `data/hs_synonyms.yaml` (English and Chinese), which point straight
  at a subheading or heading and weigh most;
- the HS descriptions themselves, word by word, rarer words weighing more (a subheading's
  own words count fully, its heading's words half).
Chinese has no spaces between words, so Chinese phrases are matched as substrings.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from customs.hs import Nomenclature, digits_of, hs2022

_STOP = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "of",
        "the",
        "for",
        "with",
        "without",
        "whether",
        "not",
        "other",
        "than",
        "in",
        "on",
        "to",
        "by",
        "as",
        "its",
        "their",
        "such",
        "n",
        "e",
        "c",
        "nec",
        "including",
        "excluding",
        "kind",
        "used",
        "heading",
        "no",
        "item",
        "chapter",
        "thereof",
        "parts",
    ]
)
_WORD = re.compile(r"[a-z0-9]+")
_CJK = re.compile(r"[\u3400-\u9fff]")


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us")):
        return word[:-1]
    return word


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).lower().replace("-", " ")


def words(text: str) -> list[str]:
    return [_singular(w) for w in _WORD.findall(normalise(text)) if w not in _STOP and len(w) > 1]


@dataclass(frozen=True)
class Synonym:
    phrase: str
    code: str
    note: str | None
    chinese: bool


@dataclass(frozen=True)
class Hit:
    code: str
    description: str
    score: float
    matched: tuple[str, ...]  # the seller phrases or description words that matched
    note: str | None = None


@cache
def synonyms() -> tuple[Synonym, ...]:
    text = resources.files("customs").joinpath("data/hs_synonyms.yaml").read_text(encoding="utf-8")
    out = []
    for entry in yaml.safe_load(text):
        for phrase in entry.get("en") or []:
            out.append(Synonym(" ".join(words(phrase)), entry["code"], entry.get("note"), False))
        for phrase in entry.get("zh") or []:
            out.append(Synonym(normalise(phrase), entry["code"], entry.get("note"), True))
    return tuple(out)


@dataclass(frozen=True)
class _Index:
    postings: dict[str, dict[str, float]]  # word -> code -> weight
    idf: dict[str, float]


@cache
def _index() -> _Index:
    table = hs2022()
    postings: dict[str, dict[str, float]] = defaultdict(dict)
    subheadings = table.subheadings()
    for entry in subheadings:
        heading = table.get(entry.code[:4])
        for w in set(words(entry.description)):
            postings[w][entry.code] = 1.0
        for w in set(words(heading.description if heading else "")):
            postings[w].setdefault(entry.code, 0.5)
    n = len(subheadings)
    idf = {w: math.log(1 + n / len(codes)) for w, codes in postings.items()}
    return _Index(dict(postings), idf)


def _phrase_in(phrase: str, query_words: list[str]) -> bool:
    parts = phrase.split()
    span = len(parts)
    return any(query_words[i : i + span] == parts for i in range(len(query_words) - span + 1))


def search(text: str, limit: int = 10, table: Nomenclature | None = None) -> list[Hit]:
    """The best subheadings (or headings) for a seller's description, best first."""
    table = table or hs2022()
    query = normalise(text).strip()
    if not query:
        return []
    scores: dict[str, float] = defaultdict(float)
    matched: dict[str, list[str]] = defaultdict(list)
    notes: dict[str, str] = {}

    digits = digits_of(query)
    if digits.isdigit():  # a code: the entry itself and what lies under it
        under = [e for e in table.entries.values() if e.code.startswith(digits[:6]) and len(digits) >= 2]
        under.sort(key=lambda e: (e.code != digits[:6], e.code))
        return [Hit(e.code, e.description, 100.0, (digits,)) for e in under[:limit]]

    query_words = words(query)
    present = set(query_words)
    hits: list[Synonym] = []
    loose: set[Synonym] = set()  # every word present, not side by side ("iphone 15 silicone case")
    for syn in synonyms():
        if not syn.phrase:
            continue
        if syn.chinese:
            if syn.phrase in query:
                hits.append(syn)
        elif _phrase_in(syn.phrase, query_words):
            hits.append(syn)
        elif len(syn.phrase.split()) > 1 and set(syn.phrase.split()) <= present:
            hits.append(syn)
            loose.add(syn)
    for synonym in hits:
        # a phrase inside a longer matched phrase of another code says less: in "手机壳" (phone
        # case) the "手机" (phone) is not what is being sold
        if any(o.code != synonym.code and synonym.phrase in o.phrase and o.phrase != synonym.phrase for o in hits):
            continue
        # a longer phrase says more: "bluetooth headphone" beats "headphone"
        size = len(synonym.phrase) / 2 if synonym.chinese else len(synonym.phrase.split())
        scores[synonym.code] += (20 + 5 * size) * (0.8 if synonym in loose else 1.0)
        matched[synonym.code].append(synonym.phrase)
        if synonym.note:
            notes[synonym.code] = synonym.note

    index = _index()
    for w in set(query_words):
        for code, weight in index.postings.get(w, {}).items():
            scores[code] += weight * index.idf[w]
            matched[code].append(w)

    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    found: list[Hit] = []
    for code, score in ranked[:limit]:
        entry = table.get(code)
        if entry is not None:
            found.append(
                Hit(code, entry.description, round(score, 2), tuple(dict.fromkeys(matched[code])), notes.get(code))
            )
    return found


def has_chinese(text: str) -> bool:
    return bool(_CJK.search(text))
