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


# --- employer services ---------------------------------------------------------------------------


def _municipalities():
    from werkbedrijf.organisations.models import Organisation, OrganisationKind

    return Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name")


class DateInput(forms.DateInput):
    input_type = "date"


class ProfileForm(forms.Form):
    size_class = forms.ChoiceField(label=_("Size"), required=False)
    account_manager = forms.ModelChoiceField(
        label=_("Account manager"),
        queryset=None,
        required=False,
        help_text=_("The consultant bedrijfsdienstverlening who is the employer's contact."),
    )

    def __init__(self, *args, consultants=None, **kwargs):
        from .models import SizeClass

        super().__init__(*args, **kwargs)
        self.fields["size_class"].choices = [("", _("Unknown"))] + list(SizeClass.choices)
        self.fields["account_manager"].queryset = consultants
        self.fields["account_manager"].label_from_instance = lambda u: u.display_name


class LocationForm(forms.Form):
    name = forms.CharField(label=_("Name of the location"), required=False, max_length=200)
    street = forms.CharField(label=_("Street"), max_length=200)
    house_number = forms.CharField(label=_("House number"), max_length=10)
    postcode = forms.CharField(label=_("Postcode"), max_length=7)
    city = forms.CharField(label=_("City"), max_length=100)
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = _municipalities()


class ContactForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of contact"))
    contact_on = forms.DateField(label=_("Date"), widget=DateInput)
    location = forms.ModelChoiceField(label=_("Location"), queryset=None, required=False)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        required=False,
        help_text=_("Where the contact counts; when empty, the location's municipality."),
    )
    contact_person = forms.CharField(label=_("With whom"), required=False, max_length=200)
    subject = forms.CharField(label=_("About what"), widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_on = forms.DateField(label=_("Follow-up date"), required=False, widget=DateInput)

    def __init__(self, *args, locations=None, **kwargs):
        from .models import ContactKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = ContactKind.choices
        self.fields["location"].queryset = locations
        self.fields["municipality"].queryset = _municipalities()


class WishForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"))
    description = forms.CharField(label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}))
    places = forms.IntegerField(label=_("Number of places"), min_value=1, max_value=999, initial=1)

    def __init__(self, *args, **kwargs):
        from .models import WishKind

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = WishKind.choices


class WishStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"))

    def __init__(self, *args, **kwargs):
        from .models import WishStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = WishStatus.choices


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind of event"))
    title = forms.CharField(label=_("Title"), max_length=200)
    held_on = forms.DateField(label=_("Date"), widget=DateInput)
    place = forms.CharField(label=_("Place"), max_length=200)
    municipality = forms.ModelChoiceField(label=_("Municipality"), queryset=None, required=False)
    status = forms.ChoiceField(label=_("Status"))

    def __init__(self, *args, **kwargs):
        from .models import EventKind, EventStatus

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = EventKind.choices
        self.fields["status"].choices = EventStatus.choices
        self.fields["municipality"].queryset = _municipalities()


class EventUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"))
    kvk_number = forms.CharField(
        label=_("Add an employer taking part"),
        required=False,
        max_length=10,
        help_text=_("The KvK number of the employer (eight digits)."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    candidates = forms.MultipleChoiceField(
        label=_("Add candidates taking part"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Candidates of your caseload with an active trajectory."),
    )

    def __init__(self, *args, candidates=(), **kwargs):
        from .models import EventStatus

        super().__init__(*args, **kwargs)
        self.fields["status"].choices = EventStatus.choices
        self.fields["candidates"].choices = [(str(c.uuid), c.full_name) for c in candidates]
        if not candidates:
            del self.fields["candidates"]

    def clean_kvk_number(self):
        return self.cleaned_data["kvk_number"].replace(" ", "")


class ReachForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    municipality = forms.ModelChoiceField(
        label=_("Municipality"),
        queryset=None,
        required=False,
        to_field_name="uuid",
        empty_label=_("The whole region"),
    )

    def __init__(self, *args, years=(), municipalities=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]
        self.fields["municipality"].queryset = municipalities
