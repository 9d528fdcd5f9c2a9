from django.contrib import admin

from werkbedrijf.access import policy
from werkbedrijf.access.admin import ScopedAdminMixin

from .models import (
    AgreementVersion,
    Budget,
    Catalogue,
    CatalogueService,
    DeviationAcceptance,
    LocalChoice,
    MunicipalAgreement,
)


def _municipal_scope(prefix=""):
    return staticmethod(lambda user, qs: policy.municipal_agreement_scope(user, qs, prefix))


@admin.register(AgreementVersion)
class AgreementVersionAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope = staticmethod(policy.agreement_scope)
    list_display = ["title", "period_start", "period_end", "status", "adopted_on"]


@admin.register(MunicipalAgreement)
class MunicipalAgreementAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope = _municipal_scope()
    list_display = ["agreement", "municipality", "signed_on"]
    list_filter = ["agreement", "municipality"]


@admin.register(LocalChoice)
class LocalChoiceAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope = _municipal_scope("municipal_agreement__")
    list_display = [
        "municipal_agreement",
        "year",
        "label",
        "quantity",
        "agreed_amount",
        "valid_from",
        "valid_until",
    ]
    list_filter = ["municipal_agreement__agreement", "year", "municipal_agreement__municipality"]
    list_select_related = [
        "municipal_agreement__agreement",
        "municipal_agreement__municipality",
        "service",
    ]


@admin.register(Budget)
class BudgetAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope = _municipal_scope("municipal_agreement__")
    list_display = ["municipal_agreement", "year", "amount", "legacy_obligations", "points"]


@admin.register(DeviationAcceptance)
class DeviationAcceptanceAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope = _municipal_scope("municipal_agreement__")
    list_display = ["municipal_agreement", "year", "finding_key", "accepted_by", "accepted_at"]


@admin.register(Catalogue)
class CatalogueAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope = staticmethod(policy.agreement_scope)


@admin.register(CatalogueService)
class CatalogueServiceAdmin(ScopedAdminMixin, admin.ModelAdmin):
    scope = staticmethod(policy.agreement_scope)
    list_display = ["catalogue", "number", "name", "unit_label", "price"]
    list_filter = ["catalogue"]
