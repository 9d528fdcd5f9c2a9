from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("accounts/", include("werkbedrijf.accounts.urls")),
    path("beheer/", admin.site.urls),
    path("api/v1/", include("werkbedrijf.api.urls")),
    path("kandidaten/werkgevers/", include("werkbedrijf.employers.urls")),
    path("kandidaten/", include("werkbedrijf.candidates.urls")),
    path("privacy/", include("werkbedrijf.privacy.urls")),
    path("taken/", include("werkbedrijf.jobs.urls")),
    path("", include("werkbedrijf.start.urls")),
    path("", include("werkbedrijf.agreements.urls")),
]

handler403 = "werkbedrijf.ui.error_pages.permission_denied"
handler404 = "werkbedrijf.ui.error_pages.not_found"
handler500 = "werkbedrijf.ui.error_pages.server_error"
