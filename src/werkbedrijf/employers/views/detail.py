"""One employer's page: its locations, account manager, contacts, events, wishes and placements;
and the forms that record a location, the profile, a contact moment or a wish."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from werkbedrijf.access import policy
from werkbedrijf.candidates import selectors as candidate_selectors
from werkbedrijf.candidates.views.common import render_section
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import save_form

from .. import selectors, services
from ..forms import ContactForm, LocationForm, ProfileForm, WishForm, WishStatusForm


@staff_view
@require_GET
def detail(request, uuid):
    user = request.user
    policy.require(policy.can_view_employers(user))
    employer = selectors.employer(user, uuid)
    services_visible = policy.can_view_employer_services(user)
    context = {
        "employer": employer,
        "locations": selectors.locations(user, employer),
        "services_visible": services_visible,
        "may_record": policy.can_record_employer_services(user),
        "contacts": selectors.contacts(user, employer),
        "events": selectors.employer_events(user, employer),
        "wishes": selectors.wishes(user, employer),
        "wish_status_form": WishStatusForm(),
        "placements": candidate_selectors.employer_placements(user, employer)
        if policy.can_view_candidates(user)
        else [],
        "may_see_placements": policy.can_view_candidates(user),
    }
    return render_section(request, "employers/employer.html", context)


def _record(request, uuid, *, title: str, form_class, save, done: str, form_kwargs=None):
    """A form page about one employer: GET shows it, POST saves it through ``save`` (a service
    call) and returns to the employer's page, or shows the form again with the messages (400)."""
    user = request.user
    policy.require(policy.can_record_employer_services(user))
    employer = selectors.employer(user, uuid, shown=False)
    kwargs = (form_kwargs or (lambda e: {}))(employer)
    form = form_class(request.POST or None, **kwargs) if request.method == "POST" else None
    if form is None:
        form = form_class(
            **kwargs, initial=getattr(form_class, "initial_for", lambda e: {})(employer)
        )
    status = 200
    if request.method == "POST":
        if save_form(form, lambda data: save(user, employer, data)):
            messages.success(request, done)
            return redirect("employers:detail", uuid=employer.uuid)
        status = 400
    context = {"employer": employer, "form": form, "title": title}
    return render_section(request, "employers/employer_form.html", context, status=status)


@staff_view
@require_http_methods(["GET", "POST"])
def edit_profile(request, uuid):
    def save(user, employer, data):
        services.update_employer_profile(
            actor=user,
            employer=employer,
            size_class=data["size_class"],
            account_manager=data["account_manager"],
        )

    def kwargs(employer):
        return {"consultants": selectors.account_manager_choices(request.user)}

    return _record(
        request,
        uuid,
        title=_("Size and account manager"),
        form_class=_ProfileForm,
        save=save,
        done=_("The employer's size and account manager are saved."),
        form_kwargs=kwargs,
    )


class _ProfileForm(ProfileForm):
    @staticmethod
    def initial_for(employer):
        return {"size_class": employer.size_class, "account_manager": employer.account_manager_id}


@staff_view
@require_http_methods(["GET", "POST"])
def add_location(request, uuid):
    def save(user, employer, data):
        services.add_location(actor=user, employer=employer, **data)

    return _record(
        request,
        uuid,
        title=_("Add a location"),
        form_class=LocationForm,
        save=save,
        done=_("The location is added."),
    )


@staff_view
@require_http_methods(["GET", "POST"])
def record_contact(request, uuid):
    def save(user, employer, data):
        services.record_contact(actor=user, employer=employer, **data)

    def kwargs(employer):
        return {"locations": employer.locations.select_related("municipality")}

    return _record(
        request,
        uuid,
        title=_("Record a contact moment"),
        form_class=ContactForm,
        save=save,
        done=_("The contact moment is recorded."),
        form_kwargs=kwargs,
    )


@staff_view
@require_http_methods(["GET", "POST"])
def record_wish(request, uuid):
    def save(user, employer, data):
        services.record_wish(actor=user, employer=employer, **data)

    return _record(
        request,
        uuid,
        title=_("Record a wish for werkbaar werk"),
        form_class=WishForm,
        save=save,
        done=_("The wish is recorded."),
    )


@staff_view
@require_POST
def wish_status(request, uuid):
    user = request.user
    policy.require(policy.can_record_employer_services(user))
    wish = selectors.wish(user, uuid)
    form = WishStatusForm(request.POST)
    if save_form(
        form, lambda data: services.change_wish_status(actor=user, wish=wish, status=data["status"])
    ):
        messages.success(request, _("The status of the wish is saved."))
    else:
        messages.error(request, _("Choose a status from the list."))
    return redirect("employers:detail", uuid=wish.employer.uuid)
