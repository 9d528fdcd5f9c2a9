"""The college's answer to a council wish or client-council advice, and what was done about it."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from werkbedrijf.access import policy
from werkbedrijf.agreements import services
from werkbedrijf.agreements.cycle_forms import AnswerForm
from werkbedrijf.agreements.models import Opinion
from werkbedrijf.ui.decorators import staff_view
from werkbedrijf.ui.errors import save_form


def _opinion(user, uuid) -> Opinion:
    scoped = policy.municipal_agreement_scope(
        user,
        Opinion.objects.select_related(
            "municipal_agreement__agreement", "municipal_agreement__municipality"
        ),
        prefix="municipal_agreement__",
    )
    try:
        return scoped.get(uuid=uuid)
    except Opinion.DoesNotExist:
        raise Http404 from None


@staff_view
def answer_opinion(request, uuid):
    opinion = _opinion(request.user, uuid)
    policy.require(policy.can_answer_opinion(request.user, opinion))
    ma = opinion.municipal_agreement
    if request.method == "POST":
        form = AnswerForm(request.POST, request.FILES)

        def save(data):
            services.answer_opinion(
                actor=request.user,
                opinion=opinion,
                answer=data["answer"],
                answered_on=data["answered_on"],
                answer_reference=data["answer_reference"],
                action_taken=data["action_taken"],
                document=data["document"],
            )

        if save_form(form, save):
            messages.success(request, _("The answer is recorded."))
            return redirect(
                reverse("agreements:municipal_agreement", kwargs={"uuid": ma.uuid}) + "#opinions"
            )
        status = 400
    else:
        form = AnswerForm(
            initial={
                "answer": opinion.answer,
                "answered_on": opinion.answered_on,
                "answer_reference": opinion.answer_reference,
                "action_taken": opinion.action_taken,
            }
        )
        status = 200
    context = {"opinion": opinion, "ma": ma, "form": form}
    return render(request, "agreements/answer_opinion.html", context, status=status)
