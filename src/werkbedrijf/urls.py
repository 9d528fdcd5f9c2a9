from django.contrib import admin
from django.urls import include, path

from werkbedrijf.api.problems import api_not_found

urlpatterns = [
    path("accounts/", include("werkbedrijf.accounts.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("werkbedrijf.api.urls")),
    path("kandidaten/werkgevers/", include("werkbedrijf.employers.urls")),
    path("kandidaten/", include("werkbedrijf.candidates.urls")),
    path("privacy/", include("werkbedrijf.privacy.urls")),
    path("", include("werkbedrijf.start.urls")),
    path("", include("werkbedrijf.agreements.urls")),
]

handler404 = "werkbedrijf.urls.not_found"
handler500 = "werkbedrijf.urls.server_error"


def not_found(request, exception=None):
    if request.path.startswith("/api/"):
        return api_not_found(request, exception)
    from django.views.defaults import page_not_found

    return page_not_found(request, exception)


def server_error(request):
    if request.path.startswith("/api/"):
        from werkbedrijf.api.problems import api_server_error

        return api_server_error(request)
    from django.views.defaults import server_error as default

    return default(request)
