"""The Decision: what Bordercase says about a case, each line with its citation.

Field names follow shared/contract/README.md; they are a public interface.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field

from rules.types import Amount, Currency
from rules.vocab import (
    Document,
    LikelyOutcome,
    Party,
    ProofBurden,
    RefundUnit,
    Remedy,
    Resolution,
    Right,
    RiskLevel,
)


class Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class RightOutcome(Out):
    right: Right
    jurisdiction: str
    eligible: bool
    deadline: date | None = None
    remedies: list[Remedy] = Field(default_factory=list)
    return_shipping_paid_by: Party | None = None
    refund_due_within_days: int | None = None
    refund_due_unit: RefundUnit | None = None
    refund_amount: Amount | None = None
    currency: Currency | None = None
    burden_of_proof_on: ProofBurden | None = None
    citation: str
    why: str
    rule: str = Field(description="id of the rule that granted the right")


class Legal(Out):
    applicable_law: list[str] = Field(default_factory=list)
    rights: list[RightOutcome] = Field(default_factory=list)


class Risk(Out):
    level: RiskLevel
    score: Annotated[float, Field(ge=0, le=1)]
    signals: list[str] = Field(default_factory=list)
    details: dict[str, str] = Field(default_factory=dict, description="signal id -> why")


class Reply(Out):
    language: str
    subject: str
    body: str


class PlatformBlock(Out):
    platform: str
    channel: str | None = None
    dispute_type: str | None = None  # the dispute's type, else what the return's reason would make it
    dispute_kind: str | None = Field(
        default=None, description="the platform file's dispute that decided (vcr_13_1 ...)"
    )
    dispute_window_open: bool | None = None
    dispute_deadline: date | None = None
    seller_response_deadline: date | None = None
    seller_response_deadline_at: datetime | None = None
    escalation_deadline: date | None = None  # the last day to escalate, or the day the platform steps in
    refund_deadline: date | None = None
    return_deadline: date | None = None  # the last day the buyer ships an agreed return
    refund_paid_by: Party | None = None  # who funds the refund (Etsy Purchase Protection: the platform)
    likely_outcome: LikelyOutcome | None = None
    return_shipping_paid_by: Party | None = None
    risk: Risk | None = None
    recommended_action: str | None = None
    reply: Reply | None = None
    citation: str | None = None
    why: list[str] = Field(default_factory=list)


class HSCodeCheck(Out):
    code: str
    valid: bool
    description: str | None = None
    problem: str | None = None
    edition: str | None = None
    sku: str | None = None
    note: str | None = None


class RegimeOutcome(Out):
    regime: str
    jurisdiction: str
    end: str | None = Field(default=None, description="leaving or entering: the end of the route it is judged at")
    kind: str | None = Field(default=None, description="refund (of what was paid) or relief (nothing is charged)")
    eligible: bool
    deadline: date | None = None
    refundable_share: float | None = None
    refundable_amount: Amount | None = None
    currency: Currency | None = None
    basis: str | None = Field(default=None, description="what the share is of: duty, duty_and_vat, ...")
    unmet: list[str] = Field(default_factory=list)
    citation: str
    documents: list[Document] = Field(default_factory=list)
    why: str | None = None


class DeMinimis(Out):
    jurisdiction: str
    end: str | None = None
    applies: bool | None = Field(description="null when the value and the threshold cannot be compared")
    threshold: Amount | None = None
    currency: Currency | None = None
    basis: str | None = None
    citation: str | None = None
    why: str | None = None


class CustomsBlock(Out):
    hs_codes: list[HSCodeCheck] = Field(default_factory=list)
    regimes: list[RegimeOutcome] = Field(default_factory=list)
    de_minimis: list[DeMinimis] = Field(default_factory=list)
    flags: list[str] = Field(default_factory=list)


class Recommendation(Out):
    resolution: Resolution
    return_required: bool
    return_shipping_paid_by: Party | None = None
    refund_amount: Amount | None = None
    currency: Currency | None = None
    act_by: date | None = None
    reasons: list[str] = Field(default_factory=list)


class TraceLine(Out):
    rule: str
    file: str
    version: str
    citation: str
    outcome: str
    facts: dict[str, Any] = Field(default_factory=dict)


class Decision(Out):
    case_id: str
    as_of: date
    evaluated_at: datetime
    rule_versions: dict[str, str] = Field(default_factory=dict)
    legal: Legal = Field(default_factory=Legal)
    platform: PlatformBlock | None = None
    customs: CustomsBlock | None = None
    recommendation: Recommendation
    paperwork: list[Document] = Field(default_factory=list)
    trace: list[TraceLine] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
