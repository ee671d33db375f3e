"""The return's documents: HTML from Jinja2 templates, PDF from the same HTML with WeasyPrint.

    papers = ReturnPapers(...)                      # see customs.documents.model
    doc = render("commercial_invoice", papers, Labels("zh", bilingual_zh=True))
    doc.html, doc.pdf()

`GENERATED` lists the document ids (the contract's vocabulary) Bordercase writes; `RECORDS`
says, for the other ids a Decision may list, what they are and who holds them.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from customs.documents.i18n import Labels
from customs.documents.model import ReturnPapers

GENERATED = (
    "commercial_invoice",
    "packing_list",
    "reason_statement",
    "cbp_3311",
    "cbp_7553",
    "inf3",
    "ce1179",
    "eu_withdrawal_form",
)
RECORDS = {
    "proof_of_export": "a carrier or customs record (export declaration, exit confirmation, carrier's proof of delivery abroad)",
    "proof_of_original_import": "the import declaration or the carrier's duty and tax receipt from the original import",
    "customs_declaration": "lodged by the declarant in the customs system (e.g. ATLAS, CDS, ACE)",
    "c285": "claimed online in HMRC's CDS service (overpayments, 3 years)",
    "return_label_request": "requested from the carrier",
    "dispute_evidence_pack": "assembled by the disputes module",
}

# The contract's ids for reasons, conditions and flags, in words (translated in the catalogs).
REASONS = {
    "defective": "Defective",
    "damaged": "Damaged",
    "not_as_described": "Not as described (non-conformity)",
    "wrong_item": "Wrong item delivered",
    "counterfeit": "Counterfeit",
    "change_of_mind": "Change of mind",
    "size_issue": "Size does not fit",
    "not_received": "Not received",
    "late_delivery": "Late delivery",
}
CONDITIONS = {
    "unused_with_tags": "Unused, with tags",
    "opened": "Opened",
    "used": "Used",
    "damaged_in_transit": "Damaged in transit",
    "defective": "Defective",
    "repaired": "Repaired",
}
FLAGS = {
    "un3480": "UN3480 lithium ion batteries: not on passenger aircraft, state of charge at most 30 %",
    "un3481": "UN3481 lithium ion batteries contained in or packed with equipment",
    "un3090": "UN3090 lithium metal batteries: cargo aircraft only",
    "un3091": "UN3091 lithium metal batteries contained in or packed with equipment",
    "defective_battery_no_air": "Defective lithium battery: forbidden by air (IATA/ICAO SP A154); send by road or sea",
    "cosmetics": "Cosmetics: check the carrier's dangerous-goods limits",
    "flammable_un1266": "Perfume UN1266 flammable liquid",
    "check_aerosol_un1950": "Aerosols UN1950",
    "food": "Food: sanitary and phytosanitary controls on re-entry",
    "perishable": "Perishable goods",
}


@dataclass(frozen=True)
class Rendered:
    doc_id: str
    html: str

    def pdf(self) -> bytes:
        from weasyprint import HTML  # imported late: it loads Pango, which takes a moment

        return bytes(HTML(string=self.html).write_pdf())


@cache
def _environment() -> Environment:
    env = Environment(
        loader=PackageLoader("customs.documents", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        reason_text=lambda r: REASONS.get(r, r or "—") if r else "—",
        condition_text=lambda c: CONDITIONS.get(c, c) if c else "—",
        flag_text=lambda f: FLAGS.get(f, f),
    )
    return env


def render(doc_id: str, papers: ReturnPapers, labels: Labels | None = None) -> Rendered:
    if doc_id not in GENERATED:
        raise KeyError(f"Bordercase does not generate {doc_id!r}: {RECORDS.get(doc_id, 'not a known document')}")
    template = _environment().get_template(f"{doc_id}.html")
    return Rendered(doc_id, template.render(p=papers, t=labels or Labels()))
