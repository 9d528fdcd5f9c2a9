"""Forms of the employer screens and of the placement form's employer picker. They parse what was
typed; services.register_employer checks the rules."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from .models import SectorGroup

# --- the employer picker -------------------------------------------------------------------------


class EmployerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return f"{obj.name} ({obj.kvk_number})"

    def to_python(self, value):
        try:
            return super().to_python(value)
        except ValidationError as exc:  # not a uuid at all: the same answer as an unknown one
            raise ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from exc


class EmployerSearchForm(forms.Form):
    """The placement form's employer picker: part of a name or the first digits of a KvK number.
    Sent by GET, to the search endpoint (htmx) or to the candidate's page (without JavaScript)."""

    q = forms.CharField(
        label=_("Search the employer"),
        required=False,
        max_length=100,
        help_text=_("At least 2 characters of the name, or the first digits of the KvK number."),
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "employer-search-%s")
        super().__init__(*args, **kwargs)
        # Not required (an empty search shows no matches, not an error), but not "optional" either.
        self.fields["q"].needed = True

    @property
    def query(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""


# --- the employers screen ------------------------------------------------------------------------


class EmployerFilterForm(forms.Form):
    name = forms.CharField(label=_("Name"), required=False, max_length=100)
    sector_group = forms.ChoiceField(label=_("Sector group"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector_group"].choices = [("", _("All sector groups"))] + list(
            SectorGroup.choices
        )


class EmployerForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kvk_number = forms.CharField(
        label=_("KvK number"),
        max_length=10,
        help_text=_("Eight digits."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )
    sector_group = forms.ChoiceField(label=_("Sector group"), choices=SectorGroup.choices)
    street = forms.CharField(label=_("Street"), required=False, max_length=200)
    house_number = forms.CharField(label=_("House number"), required=False, max_length=10)
    postcode = forms.CharField(label=_("Postcode"), required=False, max_length=7)
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    contact_name = forms.CharField(label=_("Contact person"), required=False, max_length=200)
    contact_phone = forms.CharField(label=_("Contact phone"), required=False, max_length=30)
    contact_email = forms.EmailField(label=_("Contact e-mail"), required=False)

    def clean_postcode(self):
        value = self.cleaned_data["postcode"].replace(" ", "").upper()
        if value and not RegexValidator(r"^[1-9][0-9]{3}[A-Z]{2}$").regex.match(value):
            raise ValidationError(_("Enter a Dutch postcode such as 6511 PP."), code="invalid")
        return value
