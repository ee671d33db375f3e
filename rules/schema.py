"""The schema of a rule file (jurisdictions/*.yaml, disputes/platforms/*.yaml).

A rule file is data a compliance officer reads beside the statute: metadata, parameters whose
values are keyed by the date they apply from (each with a citation, a confidence and the day
it was last checked), periods built from those parameters, and rules whose conditions over
derived facts give an outcome. This module checks the shape of one file; `rules.loader`
checks what needs the whole chain (a DE file extends EU) and the fact catalogue.
"""

from __future__ import annotations

from datetime import date
from itertools import pairwise
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from rules.vocab import Confidence, Document, LikelyOutcome, Party, ProofBurden, RefundUnit, Regime, Remedy, Right

Id = Annotated[str, Field(pattern=r"^[a-z][a-z0-9_.]*$")]
Code = Annotated[str, Field(pattern=r"^[A-Z]{2}(-[A-Z0-9]{1,3})?$|^[a-z][a-z0-9_]*$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Citation(Strict):
    """Where a value or rule comes from: the instrument, the article, and a link if any."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    instrument: str = Field(min_length=2)
    article: str | None = None
    url: str | None = Field(default=None, pattern=r"^https?://")
    quote: str | None = None

    def __str__(self) -> str:
        return f"{self.instrument} {self.article}" if self.article else self.instrument


class Value(Strict):
    """One dated value of a parameter."""

    value: Any
    until: date | None = None
    citation: Citation
    confidence: Confidence
    verified_on: date
    note: str | None = None


ParameterUnit = Literal[
    "days",
    "business_days",
    "weeks",
    "months",
    "years",
    "hours",
    "business_hours",
    "amount",
    "share",
    "count",
    "flag",
    "list",
    "text",
]
PERIOD_UNITS = ("days", "business_days", "weeks", "months", "years", "hours", "business_hours")

# Which of the case's dates chooses a parameter's value: law applies to contracts concluded
# from a date (contract), customs rules to the day of import or export, platform rules to the
# day a dispute is opened.
KeyedBy = Literal["contract", "delivery", "as_of", "import", "export", "return_export", "dispute"]


class Parameter(Strict):
    """A value the law fixes, with its history. In a child file, the keys given replace the
    parent's (values are replaced as a whole: a child states its own history)."""

    description: str | None = None
    unit: ParameterUnit | None = None
    currency: str | None = None
    keyed_by: KeyedBy | None = None
    values: dict[date, Value] = Field(min_length=1)

    @field_validator("values")
    @classmethod
    def _periods_do_not_overlap(cls, values: dict[date, Value]) -> dict[date, Value]:
        starts = sorted(values)
        for earlier, later in pairwise(starts):
            until = values[earlier].until
            if until is not None and until > later:
                raise ValueError(f"the value from {earlier} runs until {until}, past the next value's start {later}")
        for start, value in values.items():
            if value.until is not None and value.until <= start:
                raise ValueError(f"the value from {start} ends ({value.until}) before it starts")
        return values


Weekday = Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


class CountingRule(Strict):
    """How a period is counted: where day 1 falls, and what happens to a last day off work."""

    day_one: Literal["day_after_event", "event_day"] = "day_after_event"
    # next_working_day: a last day on a weekend day or public holiday moves forward
    # (EU Reg 1182/71 Art 3(4)); none: the last day stays where it falls.
    last_day_off_work: Literal["next_working_day", "stays"] = "stays"
    weekend: list[Weekday] = Field(default_factory=lambda: ["saturday", "sunday"])  # type: ignore[arg-type]
    public_holidays: bool = True
    # business_hours periods: how many hours one working day holds (Mercado Libre counts 08:00-21:00)
    hours_per_business_day: int = Field(default=8, ge=1, le=24)
    # the `holidays` package's categories that count as days off: "public" always; some laws
    # add more (Sweden: Midsummer Eve, Christmas Eve and New Year's Eve are "de_facto")
    holiday_categories: list[Literal["public", "de_facto", "bank", "government", "optional"]] = Field(
        default_factory=lambda: ["public"]  # type: ignore[arg-type]
    )
    citation: Citation


# Dates a period can start from (see rules.periods.ANCHORS) and acts that judge it.
Anchor = Annotated[str, Field(pattern=r"^([a-z_]+|end_of:[a-z][a-z0-9_]*)$")]


class LengthFromCase(Strict):
    fact: str
    unit: Literal["days", "business_days", "months", "years"]


class Period(Strict):
    description: str
    starts: Anchor | list[Anchor] | None = None  # a list: the first of these dates the case has
    length: str | LengthFromCase | None = None
    counting: str | None = None
    # a period whose last day is a date of the case itself (the processor's evidence due date,
    # the promised delivery date): the first of these dates the case has
    ends: Anchor | list[Anchor] | None = None
    judged_on: list[str] = Field(default_factory=lambda: ["as_of"])
    earliest_of: list[str] = Field(default_factory=list)
    latest_of: list[str] = Field(default_factory=list)

    @field_validator("judged_on", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value

    @model_validator(mode="after")
    def _shape(self) -> Period:
        combined = bool(self.earliest_of or self.latest_of)
        counted = bool(self.starts or self.length)
        if combined + counted + (self.ends is not None) > 1:
            raise ValueError("a period is one of starts+length+counting, ends, or earliest_of/latest_of")
        if not combined and self.ends is None and not (self.starts and self.length and self.counting):
            raise ValueError("a period needs starts, length and counting (or ends, or earliest_of/latest_of)")
        return self


class RefundDue(Strict):
    within: str  # a parameter in days or business days
    unit: RefundUnit | None = None  # defaults from the parameter's unit
    starts: str = "notice_received"
    # "within 14 days beginning with the day ..." (UK) counts that day as day 1
    day_one: Literal["day_after_event", "event_day"] = "day_after_event"


class Outcome(Strict):
    """What a rule says about a right. Only the fields given change the right."""

    eligible: bool | None = None
    deadline: str | None = None  # a period; "none" where the law sets no fixed period
    remedies: list[Remedy] | None = None
    return_shipping_paid_by: Party | None = None
    refund_due: RefundDue | None = None
    refund: Literal["items", "items_and_standard_delivery", "items_and_delivery", "none"] | None = None
    burden_of_proof_on: ProofBurden | None = None
    # A platform dispute (rules with `dispute:` in disputes/platforms/*.yaml): `deadline` is the
    # last day to open it; these periods give the other dates of its timetable.
    respond_by: str | None = None  # the seller's last day to answer
    escalate_by: str | None = None  # the last day to escalate, or the day the platform steps in
    refund_by: str | None = None  # the last day the refund is due
    return_by: str | None = None  # the last day the buyer ships an agreed return
    likely_outcome: LikelyOutcome | None = None
    refund_paid_by: Party | None = None  # who funds the refund (Etsy Purchase Protection: the platform)
    # customs regimes: the share of what was paid that comes back (a parameter in `share`
    # units; none for a relief, where nothing was paid), what it is a share of, the forms
    # the regime needs, and the condition named unmet when the deadline has passed
    share: str | None = None
    basis: Literal["duty", "duty_and_vat", "duty_taxes_and_fees", "vat"] | None = None
    documents: list[Document] | None = None
    late: Id | None = None


Role = Literal["scope", "grant", "amend", "bar"]


class Rule(Strict):
    """A condition over facts and what follows from it.

    grant: the right is considered, with this outcome; amend: changes fields of a granted
    right; bar: the right (or, for a rule about an item, that item) is excluded; scope: the
    file's consumer law governs the case. A rule may be about a customs `regime` instead of a
    right, with the same roles; its bars name the condition that is `unmet`. In a child file, a rule with a parent's id replaces
    the keys it gives (`when` and `then` as a whole) and `disabled: true` removes it.
    A platform file's rules are about a `dispute` (one of its dispute kinds) instead of a right.
    """

    role: Role | None = None
    right: Right | None = None
    dispute: Id | None = None  # a platform file's rule about one of its disputes instead of a right
    regime: Regime | None = None  # a rule about a customs regime instead of a right
    unmet: Id | None = None  # a bar on a regime names the condition the case fails
    when: dict[str, Any] | None = None
    then: Outcome | None = None
    citation: Citation | None = None
    why: str | None = Field(default=None, min_length=3)
    disabled: bool | None = None


class Calendar(Strict):
    """Whose public holidays count for periods in this jurisdiction."""

    holidays: str | None = None  # a country code for the `holidays` package; default: own code
    subdivision_holidays: bool = True


Kind = Literal["national", "subnational", "supranational", "platform"]


class RuleFile(Strict):
    """One file. `CODE.yaml` is a jurisdiction's main file; `CODE.<part>.yaml` (with `part:`)
    holds one topic of the same jurisdiction, such as its customs regimes, and is merged into
    it: the main file says what it extends, its kind and its calendar."""

    code: Code
    part: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")] | None = None
    name: str | None = None  # countries and subdivisions take pycountry's name
    kind: Kind | None = None
    extends: Code | None = None
    currency: str | None = None
    languages: list[str] = Field(default_factory=list)
    calendar: Calendar = Field(default_factory=Calendar)
    summary: str | None = None
    counting: dict[Id, CountingRule] = Field(default_factory=dict)
    parameters: dict[Id, Parameter] = Field(default_factory=dict)
    periods: dict[Id, Period] = Field(default_factory=dict)
    rules: dict[Id, Rule] = Field(default_factory=dict)
    otherwise: Literal["seller_law", "none"] = "none"
    notes: list[str] = Field(default_factory=list)

    @model_validator(mode="after")
    def _main_or_part(self) -> RuleFile:
        if self.part is None and self.kind is None:
            raise ValueError("a main rule file says its kind (national, subnational, supranational or platform)")
        if self.part is not None and (self.extends or self.kind):
            raise ValueError("a part file takes kind and extends from its main file; leave them out")
        return self
