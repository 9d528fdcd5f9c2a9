"""Server-rendered screens. Views stay thin: selectors read, services change, policy decides."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from werkbedrijf.agreements import selectors


@login_required
def home(request):
    agreements = selectors.agreements_for(request.user)
    return render(request, "ui/home.html", {"agreements": agreements})


@login_required
def agreements(request):
    return render(
        request, "ui/agreements.html", {"agreements": selectors.agreements_for(request.user)}
    )
