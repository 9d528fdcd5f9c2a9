"""The forms of the reporting screens: which figures to show, a new report, explanations, a norm."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .indicators import all_indicators
from .policies import ReportKind

REGION = "regio"
FIRST_YEAR = 2021


def years() -> list[int]:
    return list(range(timezone.localdate().year, FIRST_YEAR - 1, -1))


def scope_choices(municipalities, with_region: bool) -> list[tuple[str, str]]:
    choices = [(REGION, _("Region (all seven)"))] if with_region else []
    return choices + [(str(m.uuid), m.name) for m in municipalities]


class ScopeForm(forms.Form):
    municipality = forms.ChoiceField(label=_("Municipality"))
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, municipalities=(), with_region=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].choices = scope_choices(municipalities, with_region)
        self.fields["year"].choices = [(y, str(y)) for y in years()]


class YearForm(forms.Form):
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years()]


class NewReportForm(ScopeForm):
    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)

    field_order = ["kind", "municipality", "year"]


class ReportPeriodForm(YearForm):
    """Which reports to compare: the kind (interim or annual) and the year."""

    kind = forms.ChoiceField(label=_("Report"), choices=ReportKind.choices)

    field_order = ["kind", "year"]


class ExplanationForm(forms.Form):
    """One text per section (indicator) of the report."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for indicator in all_indicators():
            self.fields[indicator.code] = forms.CharField(
                label=indicator.name,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )


class NormForm(forms.Form):
    indicator = forms.ChoiceField(label=_("Indicator"))
    municipality = forms.ChoiceField(label=_("For"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    value = forms.DecimalField(label=_("Norm"), max_digits=14, decimal_places=2, localize=True)
    source = forms.CharField(label=_("Source (MGR budget)"), max_length=300, required=False)

    def __init__(self, *args, municipalities=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [(i.code, i.name) for i in all_indicators()]
        self.fields["municipality"].choices = scope_choices(municipalities, True)
        self.fields["year"].choices = [
            (y, str(y)) for y in range(timezone.localdate().year + 1, FIRST_YEAR - 1, -1)
        ]


class SrgMonthForm(forms.Form):
    """The report month (verslagmaand) of the CBS delivery file, as jjjj-mm."""

    month = forms.CharField(
        label=_("Report month"),
        help_text=_("As jjjj-mm, for example 2025-03. Only a month that has ended."),
        widget=forms.TextInput(attrs={"type": "month", "placeholder": "jjjj-mm"}),
    )

    def clean_month(self):
        from .srg import MONTH_FORMAT_MESSAGE, parse_month

        try:
            return parse_month(self.cleaned_data["month"])
        except ValueError as exc:
            raise forms.ValidationError(MONTH_FORMAT_MESSAGE, code="invalid") from exc
