"""Forms of the DVO screens. They only carry what was entered; the services validate and decide."""

from django import forms
from django.conf import settings
from django.forms import formset_factory
from django.utils.translation import gettext_lazy as _

from werkbedrijf.agreements.models import OpinionKind, UnitKind, activity_kinds


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class DocumentField(forms.FileField):
    """An uploaded document (consent, opinion, signed agreement) of limited size."""

    def clean(self, data, initial=None):
        document = super().clean(data, initial)
        if document and document.size > settings.DOCUMENT_MAX_BYTES:
            raise forms.ValidationError(
                _("The document is larger than %(mb)s MB.")
                % {"mb": settings.DOCUMENT_MAX_BYTES // (1024 * 1024)},
                code="too_large",
            )
        return document


# --- composing local choices -------------------------------------------------------------------
# Numbers stay text here: the service parses them and explains what is wrong, so the screen, the
# API and the command line refuse the same input with the same words.


class CardRowForm(forms.Form):
    """A service from the keuzekaart: the quantity bought and the agreed amount."""

    service = forms.CharField(widget=forms.HiddenInput)
    quantity = forms.CharField(label=_("Quantity"), required=False, max_length=30)
    agreed_amount = forms.CharField(label=_("Agreed amount"), required=False, max_length=30)
    note = forms.CharField(required=False, widget=forms.HiddenInput)
    source_text = forms.CharField(required=False, widget=forms.HiddenInput)


class ExtraRowForm(forms.Form):
    """A service that is not on the keuzekaart, e.g. 'Kwartiermaker Economisch Collectief'."""

    custom_name = forms.CharField(label=_("Service"), required=False, max_length=300)
    custom_unit = forms.CharField(label=_("Unit"), required=False, max_length=100)
    activity_kind = forms.ChoiceField(
        label=_("Kind of service"),
        required=False,
        choices=lambda: [("", _("(none: nothing is charged to it)")), *activity_kinds()],
    )
    quantity = forms.CharField(label=_("Quantity"), required=False, max_length=30)
    agreed_amount = forms.CharField(label=_("Agreed amount"), required=False, max_length=30)
    note = forms.CharField(required=False, widget=forms.HiddenInput)
    source_text = forms.CharField(required=False, widget=forms.HiddenInput)


CardRowFormSet = formset_factory(CardRowForm, extra=0, max_num=200, absolute_max=200)
ExtraRowFormSet = formset_factory(ExtraRowForm, extra=0, max_num=100, absolute_max=100)


class MidtermChangeForm(forms.Form):
    """Art. 16.3: both written consents, each with its date and document. Nothing is required
    here: the service says what is missing, in the same words as the API."""

    effective_from = forms.DateField(label=_("Takes effect on"), required=False, widget=DateInput)
    reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    municipality_consent_on = forms.DateField(
        label=_("Municipality consented on"), required=False, widget=DateInput
    )
    municipality_consent_document = DocumentField(
        label=_("Municipality's written consent"), required=False
    )
    board_consent_on = forms.DateField(
        label=_("Executive board consented on"), required=False, widget=DateInput
    )
    board_consent_document = DocumentField(
        label=_("Executive board's written consent"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():  # needed all the same: say so, without "optional"
            field.needed = True
            field.widget.attrs["aria-required"] = "true"


# --- the cycle and acceptances -----------------------------------------------------------------


class TransitionForm(forms.Form):
    target = forms.CharField(widget=forms.HiddenInput)
    opinion_deadline = forms.DateField(
        label=_("Deadline for opinions"), required=False, widget=DateInput
    )
    decided_on = forms.DateField(
        label=_("Date of the board's decision"), required=False, widget=DateInput
    )
    reason = forms.CharField(
        label=_("Reason or note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AcceptDeviationForm(forms.Form):
    finding_key = forms.CharField(widget=forms.HiddenInput, max_length=200)
    reason = forms.CharField(
        label=_("Reason for accepting"), widget=forms.Textarea(attrs={"rows": 2})
    )


# --- the municipal agreement -------------------------------------------------------------------


class OpinionForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=OpinionKind.choices)
    text = forms.CharField(label=_("Text"), widget=forms.Textarea(attrs={"rows": 4}))
    received_on = forms.DateField(label=_("Received on"), required=False, widget=DateInput)
    document = DocumentField(label=_("Document"), required=False)


class SignatureForm(forms.Form):
    # The municipal agreement's lock_version as the form was loaded (no value: not checked).
    version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)
    signed_on = forms.DateField(label=_("Signed on"), widget=DateInput)
    signed_by = forms.CharField(label=_("Signed for the municipality by"), max_length=200)
    document = DocumentField(label=_("Signed document"), required=False)


# --- a new version, its keuzekaart and its budgets ---------------------------------------------
# As above, numbers stay text: the service parses them and says what is wrong.


class NewAgreementForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("e.g. 'DVO 2028-2029'."))
    citation_title = forms.CharField(label=_("Citation title"), max_length=300, required=False)
    period_start = forms.DateField(label=_("Start date"), widget=DateInput)
    period_end = forms.DateField(label=_("End date"), widget=DateInput)
    municipalities = forms.MultipleChoiceField(
        label=_("Parties: the municipalities"), widget=forms.CheckboxSelectMultiple
    )
    copy_from = forms.ChoiceField(
        label=_("Start the keuzekaart from"),
        required=False,
        help_text=_("A copy of that card: change its prices, units and availability afterwards."),
    )
    budget_rule = forms.CharField(
        label=_("Budget rule"),
        max_length=300,
        required=False,
        help_text=_("How the budget for local choices is set, e.g. '15% van het Werkbudget'."),
    )
    standard_steps = forms.BooleanField(
        label=_("Plan the standard steps of the cycle"),
        required=False,
        initial=True,
        help_text=_(
            "Draft sent, each college asks council and client council, opinions and local "
            "choices due, the board adopts, each municipality signs and, with a second year, the "
            "revision of its choices in the fourth quarter of the first year; with deadlines "
            "from the period, as in the 2026-2027 cycle. You can change each step afterwards."
        ),
    )

    def __init__(self, *args, municipalities=(), sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipalities"].choices = [(str(m.uuid), m.name) for m in municipalities]
        self.fields["copy_from"].choices = [
            *[(str(a.uuid), a.title) for a in sources],
            ("", _("(an empty card)")),
        ]


class CopyCardForm(forms.Form):
    copy_from = forms.ChoiceField(label=_("Copy the keuzekaart of"))

    def __init__(self, *args, sources=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["copy_from"].choices = [(str(a.uuid), a.title) for a in sources]


class CardServiceForm(forms.Form):
    """One service of the card: price, unit and the years it is offered."""

    service = forms.CharField(widget=forms.HiddenInput)
    price = forms.CharField(label=_("Price"), required=False, max_length=30)
    unit_kind = forms.ChoiceField(label=_("Kind of unit"), choices=UnitKind.choices)
    unit_label = forms.CharField(label=_("Unit as printed"), required=False, max_length=100)
    quantity_label = forms.CharField(
        label=_("What a quantity counts"), required=False, max_length=100
    )
    available_from_year = forms.CharField(label=_("Offered from"), required=False, max_length=4)
    available_until_year = forms.CharField(label=_("Offered until"), required=False, max_length=4)
    withdrawn = forms.BooleanField(label=_("Take off the card"), required=False)


class BudgetRowForm(forms.Form):
    """One municipality's budget for one year."""

    municipal_agreement = forms.CharField(widget=forms.HiddenInput)
    year = forms.IntegerField(widget=forms.HiddenInput)
    amount = forms.CharField(label=_("Budget for local choices"), required=False, max_length=30)
    share_percentage = forms.CharField(label=_("Share (%)"), required=False, max_length=10)
    base_name = forms.CharField(label=_("Base budget"), required=False, max_length=100)
    base_amount = forms.CharField(label=_("Base budget amount"), required=False, max_length=30)
    legacy_obligations = forms.CharField(
        label=_("Legacy obligations"), required=False, max_length=30
    )
    points = forms.CharField(label=_("Points (pepers)"), required=False, max_length=30)
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)


CardServiceFormSet = formset_factory(CardServiceForm, extra=0, max_num=200, absolute_max=200)
BudgetRowFormSet = formset_factory(BudgetRowForm, extra=0, max_num=200, absolute_max=200)
