"""The documents a Decision's paperwork lists, filled from the Case and the Decision.

`customs.documents` holds the templates and renders them; this module only gathers the data
(who ships to whom, the references of the original sale, export and import, the lines and the
regimes found) and chooses the language: Chinese sellers (seller in CN, or a Chinese-speaking
case) get bilingual English/Chinese papers; the EU withdrawal form speaks the buyer's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from customs.documents import GENERATED, RECORDS, render
from customs.documents.i18n import Labels
from customs.documents.model import Line, Party, Regime, ReturnPapers
from customs.flags import Goods, flags_for
from rules.case import Buyer, Case, Seller
from rules.customs import customs_pack, notice_of_intent_day
from rules.decision import Decision
from rules.facts import item_reason, main_reason
from rules.vocab import FAULT_REASONS, ItemCondition

if TYPE_CHECKING:
    from rules.pipeline import Assessor


def _party(who: Buyer | Seller) -> Party:
    tax_ids = dict(getattr(who, "tax_ids", {}) or {})
    return Party(
        name=who.name,
        address=who.address,
        country=who.country,
        tax_ids=tax_ids,
        email=getattr(who, "email", None),
        phone=getattr(who, "phone", None),
    )


def papers_for(case: Case, decision: Decision, assessor: Assessor | None = None) -> ReturnPapers:
    customs = case.customs
    imp = customs.original_import if customs else None
    exp = customs.original_export if customs else None
    ship = customs.return_shipment if customs else None
    reason = main_reason(case)
    checks = {c.sku: c for c in decision.customs.hs_codes} if decision.customs else {}
    lines = []
    for i, item in enumerate(case.items):
        check = checks.get(item.sku)
        why = item_reason(item, reason)
        defective = item.condition == ItemCondition.defective or why in FAULT_REASONS
        valid = bool(check.valid) if check else False
        digits = "".join(ch for ch in (item.hs_code or "") if ch.isdigit())
        category = item.category.value if item.category else None
        lines.append(
            Line(
                sku=item.sku,
                description=item.description or item.sku or f"line {i + 1}",
                hs_code=item.hs_code,
                hs_valid=valid,
                origin=item.origin_country,
                quantity=item.quantity,
                unit_value=item.unit_price,
                currency=case.order.currency,
                net_kg=round(item.weight_kg * item.quantity, 3) if item.weight_kg is not None else None,
                reason=why.value if why else None,
                condition=item.condition.value if item.condition else None,
                serial_number=item.serial_number,
                dangerous_goods=tuple(
                    f for f in flags_for(Goods(digits if valid else None, category, defective)) if f.startswith("un")
                ),
            )
        )
    regimes = [
        Regime(
            regime=r.regime,
            jurisdiction=r.jurisdiction,
            eligible=r.eligible,
            deadline=r.deadline,
            amount=r.refundable_amount,
            currency=r.currency,
            basis=r.basis,
            citation=r.citation,
            unmet=tuple(r.unmet),
        )
        for r in (decision.customs.regimes if decision.customs else [])
    ]
    notice = None
    if assessor is not None and decision.customs is not None:
        pack = customs_pack(assessor, (ship.from_country if ship else None) or case.buyer.country)
        notice = notice_of_intent_day(pack, case) if pack is not None else None
    return ReturnPapers(
        case_id=case.case_id,
        number=f"RET-{case.case_id}",
        issued_on=case.as_of,
        exporter=_party(case.buyer),
        consignee=_party(case.seller),
        from_country=(ship.from_country if ship else None) or case.order.delivery_country or case.buyer.country,
        to_country=(ship.to_country if ship else None) or case.seller.country,
        currency=case.order.currency,
        incoterm=ship.incoterm if ship else None,  # the return's own term; never guessed
        lines=lines,
        original_invoice=case.order.order_id,
        original_order_date=case.order.ordered_at,
        original_delivery_date=case.order.delivered_at,
        original_tracking=case.tracking.number if case.tracking else None,
        original_export_ref=exp.declaration_number if exp else None,
        original_export_date=exp.date if exp else None,
        original_entry=imp.entry_number if imp else None,
        original_import_date=imp.date if imp else None,
        import_currency=(imp.currency if imp else None) or case.order.currency,
        duty_paid=imp.duty_paid if imp else None,
        vat_paid=imp.vat_paid if imp else None,
        reason=reason.value if reason else None,
        requested_at=case.return_request.requested_at if case.return_request else None,
        defect_discovered_at=case.return_request.defect_discovered_at if case.return_request else None,
        export_date=ship.export_date if ship else None,
        regimes=regimes,
        flags=list(decision.customs.flags) if decision.customs else [],
        notice_of_intent_by=notice,
        importer=_importer(case),
    )


def _importer(case: Case) -> Party | None:
    imp = case.customs.original_import if case.customs else None
    who = imp.importer_of_record.value if imp and imp.importer_of_record else None
    return _party(case.buyer) if who == "buyer" else _party(case.seller) if who == "seller" else None


def labels_for(case: Case, doc_id: str, assessor: Assessor | None = None) -> Labels:
    if doc_id == "eu_withdrawal_form":  # the buyer's form, in the buyer's language
        return Labels(case.buyer.language or _country_language(case.buyer.country, assessor))
    chinese = case.seller.country == "CN" or (case.buyer.language or "").lower().startswith("zh")
    return Labels("zh", bilingual_zh=True) if chinese else Labels("en")


def _country_language(country: str, assessor: Assessor | None) -> str:
    """The first language the buyer's rule file names (DE.yaml: de), else English."""
    pack = assessor.library.pack(country) if assessor and country in assessor.library.files else None
    return pack.languages[0] if pack and pack.languages else "en"


@dataclass
class Written:
    doc_id: str
    pdf: Path
    html: Path


def write_documents(
    case: Case, decision: Decision, out: Path, assessor: Assessor | None = None
) -> tuple[list[Written], dict[str, str]]:
    """Write a PDF and an HTML file for every listed document Bordercase generates; say what
    each other listed document is and who holds it."""
    out.mkdir(parents=True, exist_ok=True)
    papers = papers_for(case, decision, assessor)
    written: list[Written] = []
    not_generated: dict[str, str] = {}
    for doc in decision.paperwork:
        doc_id = doc.value
        if doc_id not in GENERATED:
            not_generated[doc_id] = RECORDS.get(doc_id, "not a document Bordercase generates")
            continue
        rendered = render(doc_id, papers, labels_for(case, doc_id, assessor))
        html, pdf = out / f"{doc_id}.html", out / f"{doc_id}.pdf"
        html.write_text(rendered.html, encoding="utf-8")
        pdf.write_bytes(rendered.pdf())
        written.append(Written(doc_id, pdf, html))
    return written, not_generated
