"""Forms of the cost screens. They parse what was typed; the services check the rules."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from werkbedrijf.organisations.models import Organisation, OrganisationKind

from .models import CostTask, StaffFunction


def _municipalities():
    return Organisation.objects.filter(kind=OrganisationKind.MUNICIPALITY).order_by("name")


class YearForm(forms.Form):
    jaar = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100, required=False)

    def year(self) -> int:
        if self.is_valid() and self.cleaned_data.get("jaar"):
            return self.cleaned_data["jaar"]
        return timezone.localdate().year


class HoursForm(forms.Form):
    person = forms.ModelChoiceField(label=_("Staff member"), queryset=None, required=True)
    week = forms.DateField(
        label=_("Week"),
        help_text=_("Any day of the week; the hours are booked on its Monday."),
        input_formats=["%d-%m-%Y", "%Y-%m-%d"],
        widget=forms.DateInput(attrs={"placeholder": "dd-mm-jjjj"}),
    )
    task = forms.ModelChoiceField(label=_("Task"), queryset=CostTask.objects.all())
    municipality = forms.ModelChoiceField(
        label=_("For municipality"),
        queryset=_municipalities(),
        required=False,
        help_text=_("Only for a keuzekaart item: the municipality that bought it."),
    )
    function = forms.ModelChoiceField(label=_("Function"), queryset=StaffFunction.objects.all())
    hours = forms.DecimalField(
        label=_("Hours"), max_digits=5, decimal_places=2, localize=True, min_value=0
    )

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = people
        self.fields["municipality"].queryset = _municipalities()


class DirectCostForm(forms.Form):
    task = forms.ModelChoiceField(label=_("Task"), queryset=CostTask.objects.all())
    municipality = forms.ModelChoiceField(
        label=_("For municipality"), queryset=_municipalities(), required=False
    )
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    description = forms.CharField(label=_("Description"), max_length=200)
    amount = forms.DecimalField(
        label=_("Amount (€)"), max_digits=12, decimal_places=2, localize=True
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = _municipalities()


class RateForm(forms.Form):
    function = forms.ModelChoiceField(label=_("Function"), queryset=StaffFunction.objects.all())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    rate = forms.DecimalField(
        label=_("Hourly cost rate (€)"), max_digits=12, decimal_places=2, localize=True
    )


class ScenarioForm(forms.Form):
    """Hours per task for a future year, priced at the average hourly cost of a base year."""

    base_year = forms.IntegerField(label=_("Rates of year"), min_value=2000, max_value=2100)
    index_percent = forms.DecimalField(
        label=_("Wage and price index (%)"), max_digits=5, decimal_places=2, localize=True
    )
    reference = forms.DecimalField(
        label=_("Budget to hold it against (€)"), max_digits=12, decimal_places=2, localize=True
    )
    margin = forms.DecimalField(
        label=_("Margin either way (%)"),
        max_digits=5,
        decimal_places=2,
        localize=True,
        min_value=0,
        max_value=50,
    )

    def __init__(self, *args, tasks, **kwargs):
        super().__init__(*args, **kwargs)
        self.task_fields = []
        for task in tasks:
            name = f"hours_{task.code}"
            self.fields[name] = forms.DecimalField(
                label=task.name,
                required=False,
                min_value=0,
                max_digits=9,
                decimal_places=1,
                localize=True,
            )
            self.task_fields.append((task, name))

    def hours(self) -> dict[str, object]:
        return {
            task.code: self.cleaned_data[name]
            for task, name in self.task_fields
            if self.cleaned_data.get(name)
        }


class TeamAllocationForm(forms.Form):
    """A team's fte in a year with its time split over tasks (up to ``SHARE_ROWS`` lines)."""

    SHARE_ROWS = 6

    team = forms.ModelChoiceField(label=_("Team"), queryset=None)
    function = forms.ModelChoiceField(label=_("Function"), queryset=StaffFunction.objects.all())
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    fte = forms.DecimalField(label=_("Fte"), max_digits=6, decimal_places=2, localize=True)
    hours_per_fte = forms.DecimalField(
        label=_("Productive hours per fte per year"),
        max_digits=6,
        decimal_places=1,
        localize=True,
        help_text=_(
            "Hours actually worked by one fte in a year, after leave, illness and training."
        ),
    )

    def __init__(self, *args, **kwargs):
        from werkbedrijf.organisations.models import Team, TeamKind

        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = Team.objects.filter(kind=TeamKind.WERKBEDRIJF)
        self.share_rows = []
        for index in range(self.SHARE_ROWS):
            names = (f"share_task_{index}", f"share_municipality_{index}", f"share_percent_{index}")
            self.fields[names[0]] = forms.ModelChoiceField(
                label=_("Task"), queryset=CostTask.objects.all(), required=False
            )
            self.fields[names[1]] = forms.ModelChoiceField(
                label=_("For municipality"), queryset=_municipalities(), required=False
            )
            self.fields[names[2]] = forms.DecimalField(
                label=_("Share (%)"),
                required=False,
                max_digits=5,
                decimal_places=2,
                localize=True,
            )
            self.share_rows.append([self[name] for name in names])

    def shares(self):
        from .services import ShareInput

        found = []
        for index in range(self.SHARE_ROWS):
            task = self.cleaned_data.get(f"share_task_{index}")
            percent = self.cleaned_data.get(f"share_percent_{index}")
            if task is None and percent is None:
                continue
            found.append(
                ShareInput(task, self.cleaned_data.get(f"share_municipality_{index}"), percent or 0)
            )
        return found

    def service_arguments(self) -> dict:
        data = {
            k: self.cleaned_data[k] for k in ("team", "function", "year", "fte", "hours_per_fte")
        }
        return data | {"shares": self.shares()}
