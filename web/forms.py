"""The web forms (Flask-WTF: every one carries its CSRF token)."""

from __future__ import annotations

from collections.abc import Iterable

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateField,
    DecimalField,
    EmailField,
    IntegerField,
    MultipleFileField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional, Regexp
from wtforms.widgets import CheckboxInput, ListWidget

from rules.vocab import Category, DisputeType, ItemCondition, Platform, Reason, Resolution
from web.models import Role

_ = _l

# an address with one @ and no spaces: whether it receives mail is not the app's to judge
EMAIL = Regexp(r"^[^@\s]+@[^@\s]+$", message=_l("Enter an email address."))


def pairs(items: Iterable[tuple[str, object]]) -> list[SelectChoice]:
    return [SelectChoice(value, str(text)) for value, text in items]


def _choices(values: object, blank: bool = True) -> list[SelectChoice]:
    from web.labels import label

    out = [("", "—")] if blank else []
    return pairs(out + [(str(v), label(v)) for v in values])  # type: ignore[attr-defined]


class LoginForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), EMAIL])
    password = PasswordField(_l("Password"), validators=[DataRequired()])
    remember = BooleanField(_l("Keep me signed in"))
    submit = SubmitField(_l("Sign in"))


class TokenForm(FlaskForm):
    name = StringField(_l("Token name"), validators=[DataRequired(), Length(max=100)])
    submit = SubmitField(_l("Create token"))


class EmptyForm(FlaskForm):
    """A form with nothing but its CSRF token (buttons that change state)."""

    submit = SubmitField()


class UserForm(FlaskForm):
    email = EmailField(_l("Email"), validators=[DataRequired(), EMAIL, Length(max=320)])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    role = SelectField(_l("Role"), choices=[])
    seller = StringField(_l("Seller account (for sellers)"), validators=[Optional(), Length(max=200)])
    password = PasswordField(_l("Password"), validators=[DataRequired(), Length(min=10)])
    submit = SubmitField(_l("Create user"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        from web.labels import label

        super().__init__(*args, **kwargs)
        self.role.choices = pairs((r.value, label(r.value)) for r in Role)


class UploadForm(FlaskForm):
    files = MultipleFileField(_l("Case files (.json, .jsonl, .csv)"))
    seller = SelectField(_l("Seller account"), choices=[], validate_choice=False)
    submit = SubmitField(_l("Upload and assess"))


class ReviewForm(FlaskForm):
    resolution = SelectField(_l("Resolution"), choices=[], validators=[Optional()])
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=4000)])
    approve = SubmitField(_l("Approve recommendation"))
    override = SubmitField(_l("Override"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.resolution.choices = _choices(Resolution)


class CaseForm(FlaskForm):
    """A short form for the common case: one order line, one return request."""

    case_id = StringField(_l("Case id"), validators=[DataRequired(), Length(max=64)])
    as_of = DateField(_l("Judged on"), validators=[Optional()])
    buyer_country = StringField(_l("Buyer country (ISO code)"), validators=[DataRequired(), Length(min=2, max=2)])
    buyer_subdivision = StringField(_l("Buyer state or province (e.g. US-CA)"), validators=[Optional()])
    buyer_language = StringField(_l("Buyer language (e.g. de, zh-Hans)"), validators=[Optional()])
    buyer_is_consumer = BooleanField(_l("The buyer is a consumer"), default=True)
    seller_country = StringField(_l("Seller country (ISO code)"), validators=[DataRequired(), Length(min=2, max=2)])
    seller_name = StringField(_l("Seller name"), validators=[Optional()])
    platform = SelectField(_l("Platform"), choices=[], validators=[Optional()])
    return_policy_posted = BooleanField(_l("A return policy was shown before the sale"), default=True)
    order_id = StringField(_l("Order id"), validators=[Optional()])
    ordered_at = DateField(_l("Ordered on"), validators=[Optional()])
    delivered_at = DateField(_l("Delivered on"), validators=[Optional()])
    currency = StringField(_l("Currency (ISO code)"), validators=[Optional(), Length(min=3, max=3)])
    sku = StringField(_l("SKU"), validators=[Optional()])
    description = StringField(_l("Description"), validators=[Optional()])
    category = SelectField(_l("Category"), choices=[], validators=[Optional()])
    quantity = IntegerField(_l("Quantity"), default=1, validators=[Optional(), NumberRange(min=1)])
    unit_price = DecimalField(_l("Unit price"), places=2, validators=[Optional(), NumberRange(min=0)])
    hs_code = StringField(_l("HS code"), validators=[Optional()])
    origin_country = StringField(_l("Origin country"), validators=[Optional()])
    condition = SelectField(_l("Condition"), choices=[], validators=[Optional()])
    requested_at = DateField(_l("Return requested on"), validators=[Optional()])
    reason = SelectField(_l("Reason"), choices=[], validators=[Optional()])
    seller = SelectField(_l("Seller account"), choices=[], validate_choice=False)
    submit = SubmitField(_l("Assess and store"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.platform.choices = _choices(Platform)
        self.category.choices = _choices(Category)
        self.condition.choices = _choices(ItemCondition)
        self.reason.choices = _choices(Reason)


EVIDENCE = [
    ("tracking_delivered", _l("Tracking shows delivered")),
    ("tracking_in_transit", _l("Tracking shows in transit")),
    ("signature", _l("Signed for on delivery")),
    ("photos", _l("Photos of the goods")),
    ("buyer_messages", _l("Messages with the buyer")),
    ("listing_screenshot", _l("Screenshot of the listing")),
]


class RiskForm(FlaskForm):
    """Dispute risk for support: the few facts a dispute turns on."""

    platform = SelectField(_l("Platform"), choices=[], validators=[InputRequired()])
    dispute_type = SelectField(_l("Dispute"), choices=[], validators=[InputRequired()])
    buyer_country = StringField(_l("Buyer country (ISO code)"), validators=[DataRequired(), Length(min=2, max=2)])
    buyer_language = StringField(_l("Buyer language"), validators=[Optional()])
    seller_country = StringField(_l("Seller country (ISO code)"), default="CN", validators=[DataRequired()])
    amount = DecimalField(_l("Order amount"), places=2, validators=[Optional(), NumberRange(min=0)])
    currency = StringField(_l("Currency"), default="USD", validators=[Optional(), Length(min=3, max=3)])
    ordered_at = DateField(_l("Ordered on"), validators=[DataRequired()])
    estimated_delivery_latest = DateField(_l("Latest promised delivery"), validators=[Optional()])
    delivered_at = DateField(_l("Delivered on"), validators=[Optional()])
    opened_at = DateField(_l("Dispute opened on"), validators=[Optional()])
    carrier = StringField(_l("Carrier"), validators=[Optional()])
    tracking_registered = BooleanField(_l("Tracked service"))
    last_event_at = DateField(_l("Last tracking event"), validators=[Optional()])
    delivered_confirmed = BooleanField(_l("Carrier confirms delivery"))
    evidence = SelectMultipleField(
        _l("Seller's evidence"),
        choices=[],
        option_widget=CheckboxInput(),
        widget=ListWidget(prefix_label=False),
        validators=[Optional()],
    )
    submit = SubmitField(_l("Check risk"))

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)
        self.platform.choices = _choices(Platform, blank=False)
        self.dispute_type.choices = _choices(DisputeType, blank=False)
        self.evidence.choices = pairs(EVIDENCE)  # built per request: the labels are translated
