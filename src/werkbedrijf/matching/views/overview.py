"""The batch of congestion-aware shortlists, the bias monitor and the anonymised profile PDF."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from werkbedrijf.access import policy
from werkbedrijf.employers.models import SectorGroup
from werkbedrijf.processing_log.models import Action
from werkbedrijf.processing_log.services import EMPLOYER_SERVICES, log_processing
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.utils import exports as tables

from .. import bias, selectors
from ..models import WorkProfile
from ..pdf import anonymised_profile_pdf, reference
from . import exports
from .common import render_matching


class BatchForm(forms.Form):
    sector_group = forms.ChoiceField(
        label=_("Sector group"),
        required=False,
        choices=[("", _("The whole region"))] + list(SectorGroup.choices),
    )
    size = forms.IntegerField(
        label=_("Candidates per vacancy"), min_value=1, max_value=20, initial=5
    )
    per_candidate = forms.IntegerField(
        label=_("At most on this many shortlists per candidate"),
        min_value=1,
        max_value=10,
        initial=2,
    )


@staff_view(allowed=policy.can_match, cache=False)
def batch(request):
    form = BatchForm(request.GET or {"size": 5, "per_candidate": 2})
    rows = None
    if form.is_valid():
        rows = selectors.batch_shortlists(request.user, **form.cleaned_data)
        if fmt := exports.wanted(request):
            people = {c for r in rows for c, _s in [*r.chosen, *r.passed_over]}
            exports.log_export(request.user, list(people), "batch shortlists export")
            return tables.download([exports.batch_sheet(rows)], fmt, [gettext("shortlists")])
    return render_matching(request, "matching/batch.html", {"form": form, "rows": rows})


class QuarterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2020, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), choices=[(i, f"Q{i}") for i in range(1, 5)], coerce=int
    )


@staff_view(allowed=policy.can_view_bias_monitor)
def bias_monitor(request):
    year, quarter = bias.quarter_of(timezone.localdate())
    form = QuarterForm(request.GET or None, initial={"year": year, "quarter": quarter})
    if request.GET and form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
    rows = selectors.bias_monitor(request.user, year, quarter)
    if fmt := exports.wanted(request):
        return tables.download(
            [exports.bias_sheet(rows)], fmt, [gettext("bias monitor"), f"{year}-Q{quarter}"]
        )
    context = {"form": form, "rows": rows, "year": year, "quarter": quarter}
    return render_matching(request, "matching/bias.html", context)


@staff_view(cache=False)
def profile_pdf(request, uuid):
    user = request.user
    candidate = selectors.find_candidate(user, uuid)
    policy.require(policy.can_view_work_profile(user, candidate))
    profile = WorkProfile.objects.filter(candidate=candidate).first()
    if profile is None:
        raise Http404
    log_processing(
        actor=user,
        action=Action.EXPORT,
        record_type="matching.WorkProfile",
        records=[profile],
        purpose=EMPLOYER_SERVICES,
        detail="anonymised profile",
    )
    content = anonymised_profile_pdf(profile, selectors.catalogue_labels(), timezone.localdate())
    response = HttpResponse(content, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="profiel-{reference(profile)}.pdf"'
    return response
