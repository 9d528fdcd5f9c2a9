"""The matching screens, mounted at /kandidaten/vacatures/ (in the candidates' section)."""

from django.urls import path

from .views import certificates, overview, profiles, vacancies

app_name = "matching"
urlpatterns = [
    path("", vacancies.vacancies, name="vacancies"),
    path("<uuid:uuid>/", vacancies.vacancy, name="vacancy"),
    path("<uuid:uuid>/voorstellen/", vacancies.propose, name="propose"),
    path("<uuid:uuid>/status/", vacancies.change_status, name="vacancy_status"),
    path("voorstellen/<uuid:uuid>/", vacancies.decide, name="decide"),
    path("werkprofielen/", profiles.incomplete_profiles, name="incomplete_profiles"),
    path("werkprofielen/<uuid:uuid>/", profiles.work_profile, name="work_profile"),
    path("werkprofielen/<uuid:uuid>/profiel.pdf", overview.profile_pdf, name="profile_pdf"),
    path(
        "trajecten/<uuid:uuid>/certificaten/",
        certificates.record_certificate,
        name="record_certificate",
    ),
    path("shortlists/", overview.batch, name="batch"),
    path("biasmonitor/", overview.bias_monitor, name="bias"),
]
