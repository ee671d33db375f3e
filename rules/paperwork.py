"""Which documents a case needs, from what the decision found.

The route decides the shipping papers (a return that crosses a customs border is an export:
commercial invoice and packing list; inside a customs union such as the EU it is not), the
customs regimes available at either end add their own forms and evidence (their `documents`:
CBP 3311 or 7553, INF3, C&E1179, proof of export and of the original import), and the order
below is the order a seller prepares them in.
"""

from __future__ import annotations

from customs.hs import tariff_area
from rules.case import Case
from rules.decision import Decision
from rules.vocab import FAULT_REASONS, Document, Right

_ORDER = list(Document)


def crosses_border(case: Case) -> bool:
    shipment = case.customs.return_shipment if case.customs else None
    if shipment and shipment.from_country and shipment.to_country:
        return tariff_area(shipment.from_country) != tariff_area(shipment.to_country)
    goods_at = case.order.delivery_country or case.buyer.country
    return tariff_area(goods_at) != tariff_area(case.seller.country)


def paperwork_for(case: Case, decision: Decision) -> list[Document]:
    docs: set[Document] = set()
    returning = decision.recommendation.return_required
    reason = case.return_request.reason if case.return_request else None
    if returning and crosses_border(case):
        # a return across a border is an export: the carrier and both customs need these
        docs |= {Document.commercial_invoice, Document.packing_list}
    if returning and reason in FAULT_REASONS:
        docs.add(Document.reason_statement)
    for right in decision.legal.rights:
        if right.right == Right.withdrawal and right.eligible and "2011/83/EU" in right.citation:
            # the model withdrawal form of CRD Annex I(B) must reach the buyer
            docs.add(Document.eu_withdrawal_form)
    if decision.customs is not None:
        for regime in decision.customs.regimes:
            if regime.eligible:
                docs |= set(regime.documents)
    if case.dispute is not None:
        docs.add(Document.dispute_evidence_pack)
    return sorted(docs, key=_ORDER.index)
