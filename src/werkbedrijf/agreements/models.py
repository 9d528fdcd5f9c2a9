"""The service agreement (DVO): versions and their cycle, the keuzekaart, budgets and local choices."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from werkbedrijf.accounts.models import Role
from werkbedrijf.organisations.models import Organisation, Region

MONEY = dict(max_digits=14, decimal_places=2)


class AgreementStatus(models.TextChoices):
    """The stored steps of the cycle. In force, expired and tacitly extended follow from dates
    (see ``policies.effective_status``) and are never stored, so they cannot go stale."""

    DRAFT = "draft", _("Draft")
    OPINIONS_REQUESTED = "opinions_requested", _("Opinions requested")
    ADOPTED = "adopted", _("Adopted by the executive board")


class AgreementVersion(models.Model):
    """A regional DVO for a period, e.g. 'DVO 2024-2025'; one municipal agreement per municipality."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="agreements")
    title = models.CharField(_("title"), max_length=200, unique=True)
    citation_title = models.CharField(_("citation title"), max_length=300, blank=True)
    period_start = models.DateField(_("start date"))
    period_end = models.DateField(_("end date"))
    status = models.CharField(
        _("status"), max_length=30, choices=AgreementStatus.choices, default=AgreementStatus.DRAFT
    )
    opinion_deadline = models.DateField(_("deadline for opinions"), null=True, blank=True)
    adopted_on = models.DateField(_("adopted by the executive board on"), null=True, blank=True)
    renewal_deadline = models.DateField(
        _("successor agreed before"),
        null=True,
        blank=True,
        help_text=_(
            "Art. 16.1: without a successor by this date the agreement is extended tacitly."
        ),
    )
    budget_rule = models.CharField(
        _("budget rule"),
        max_length=300,
        blank=True,
        help_text=_("How the budget for local choices is set, e.g. '15% van het Werkbudget'."),
    )
    source = models.CharField(_("source document"), max_length=300, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("service agreement (DVO)")
        verbose_name_plural = _("service agreements (DVO)")
        ordering = ["-period_start"]
        constraints = [
            models.CheckConstraint(
                name="agreement_period_ordered", condition=Q(period_end__gt=F("period_start"))
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def years(self) -> list[int]:
        return list(range(self.period_start.year, self.period_end.year + 1))


class StatusChange(models.Model):
    """One step of the cycle, with who moved it, when and why."""

    agreement = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="status_changes"
    )
    from_status = models.CharField(max_length=30, choices=AgreementStatus.choices)
    to_status = models.CharField(max_length=30, choices=AgreementStatus.choices)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    reason = models.TextField(_("reason"), blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["changed_at", "id"]


class MunicipalAgreement(models.Model):
    """The DVO between one municipality and the MGR: its aim, choices, budget and signature."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(
        AgreementVersion, on_delete=models.CASCADE, related_name="municipal_agreements"
    )
    municipality = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="municipal_agreements"
    )
    article = models.CharField(_("article"), max_length=20, blank=True)
    aim = models.TextField(_("aim of the local service"), blank=True)
    signed_on = models.DateField(_("signed by the municipality on"), null=True, blank=True)
    signed_by = models.CharField(_("signed for the municipality by"), max_length=200, blank=True)
    signature_document = models.FileField(
        _("signed document"), upload_to="signatures/%Y/", blank=True
    )
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("municipal agreement")
        verbose_name_plural = _("municipal agreements")
        ordering = ["agreement", "municipality__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "municipality"], name="one_agreement_per_municipality"
            )
        ]

    def __str__(self):
        return f"{self.agreement} – {self.municipality}"


class OpinionKind(models.TextChoices):
    COLLEGE_OPINION = "college_opinion", _("Formal opinion of the college (zienswijze)")
    COUNCIL_WISHES = "council_wishes", _("Council wishes and objections")
    CLIENT_COUNCIL_ADVICE = "client_council_advice", _("Client council advice")


class Opinion(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipal_agreement = models.ForeignKey(
        MunicipalAgreement, on_delete=models.CASCADE, related_name="opinions"
    )
    kind = models.CharField(_("kind"), max_length=30, choices=OpinionKind.choices)
    text = models.TextField(_("text"))
    received_on = models.DateField(_("received on"), null=True, blank=True)
    document = models.FileField(_("document"), upload_to="opinions/%Y/", blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    # A council sends its wishes numbered; each is answered on its own.
    number = models.PositiveSmallIntegerField(_("number"), null=True, blank=True)
    answer = models.TextField(_("the college's answer"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    answer_reference = models.CharField(
        _("reference of the answer"), max_length=100, blank=True, help_text=_("e.g. E26.000183")
    )
    answer_document = models.FileField(_("answer document"), upload_to="answers/%Y/", blank=True)
    action_taken = models.TextField(_("what was done about it"), blank=True)

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["received_on", "number", "id"]
        constraints = [
            models.CheckConstraint(name="opinion_has_text", condition=~Q(text="")),
            models.CheckConstraint(
                name="answer_has_date",
                condition=Q(answer="") | Q(answered_on__isnull=False),
            ),
            models.UniqueConstraint(
                fields=["municipal_agreement", "kind", "number"], name="one_opinion_per_number"
            ),
        ]

    def __str__(self):
        label = OpinionKind(self.kind).label
        return f"{label} {self.number}" if self.number else str(label)


class PriceUnit(models.TextChoices):
    EURO = "eur", _("euro")
    POINTS = "points", _("points (pepers)")


class Catalogue(models.Model):
    """The keuzekaart of one DVO version: the priced menu of local services."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.OneToOneField(
        AgreementVersion, on_delete=models.CASCADE, related_name="catalogue"
    )
    price_unit = models.CharField(
        _("prices in"), max_length=10, choices=PriceUnit.choices, default=PriceUnit.EURO
    )
    max_services = models.PositiveSmallIntegerField(
        _("maximum number of services on the card"), null=True, blank=True
    )
    reduced_minimum_municipalities = models.ManyToManyField(
        Organisation,
        blank=True,
        related_name="+",
        verbose_name=_("municipalities that may buy below the minimum"),
    )
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        verbose_name = _("keuzekaart")
        verbose_name_plural = _("keuzekaarten")

    def __str__(self):
        return f"Keuzekaart {self.agreement}"


class PointClass(models.Model):
    """A class of points ('pepers') with its euro value, e.g. green for Nijmegen (≈ € 100.000)."""

    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="point_classes")
    code = models.SlugField(max_length=30)
    name = models.CharField(_("name"), max_length=100)
    euro_value = models.DecimalField(_("euro value of one point"), null=True, blank=True, **MONEY)
    approximate = models.BooleanField(_("value is approximate"), default=False)
    municipalities = models.ManyToManyField(Organisation, related_name="+", blank=True)

    class Meta:
        verbose_name = _("point class")
        verbose_name_plural = _("point classes")
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "code"], name="unique_point_class"),
            models.CheckConstraint(
                name="point_value_positive",
                condition=Q(euro_value__isnull=True) | Q(euro_value__gt=0),
            ),
        ]

    def __str__(self):
        return self.name


class UnitKind(models.TextChoices):
    HALF_DAY_PER_WEEK = "half_day_per_week", _("half-day per week")
    LOCATION = "location", _("location")
    CANDIDATES = "candidates", _("candidates")
    CONTACTS_OR_EVENT = "contacts_or_event", _("20 contacts or 1 event")
    EVENT = "event", _("event")
    CONTACTS = "contacts", _("contacts")
    FTE = "fte", _("fte")
    TRAJECTORIES = "trajectories", _("trajectories")


class CatalogueService(models.Model):
    """A service on the keuzekaart. Its price is quoted per bundle (e.g. € 30.000 per 10
    candidates); a municipality buys any whole number of units at that rate unless the unit
    allows fractions (fte)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    catalogue = models.ForeignKey(Catalogue, on_delete=models.CASCADE, related_name="services")
    number = models.PositiveSmallIntegerField(_("number"))
    code = models.SlugField(_("code"), max_length=60)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit_kind = models.CharField(_("unit"), max_length=30, choices=UnitKind.choices)
    unit_label = models.CharField(
        _("unit as printed"), max_length=100, help_text=_("e.g. '10 kandidaten', '1 fte'.")
    )
    quantity_label = models.CharField(
        _("what a quantity counts"), max_length=100, help_text=_("e.g. 'kandidaten', 'fte'.")
    )
    bundle_size = models.DecimalField(
        _("units per quoted price"),
        max_digits=8,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
    )
    price = models.DecimalField(
        _("price per bundle"),
        null=True,
        blank=True,
        **MONEY,
        help_text=_("In the card's price unit. Empty when the source document gives no price."),
    )
    allows_fractions = models.BooleanField(_("parts of a unit allowed"), default=False)
    minimum_quantity = models.DecimalField(
        _("minimum purchase"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    maximum_quantity = models.DecimalField(
        _("maximum purchase"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    maximum_price = models.DecimalField(
        _("maximum purchase in price units"), null=True, blank=True, **MONEY
    )
    available_from_year = models.PositiveSmallIntegerField(null=True, blank=True)
    available_until_year = models.PositiveSmallIntegerField(null=True, blank=True)
    printed_options = models.JSONField(
        _("purchase options as printed"),
        default=list,
        blank=True,
        help_text=_("The option lines exactly as the source card prints them."),
    )

    class Meta:
        verbose_name = _("keuzekaart service")
        verbose_name_plural = _("keuzekaart services")
        ordering = ["catalogue", "number"]
        constraints = [
            models.UniqueConstraint(fields=["catalogue", "number"], name="unique_service_number"),
            models.UniqueConstraint(fields=["catalogue", "code"], name="unique_service_code"),
            models.CheckConstraint(name="bundle_size_positive", condition=Q(bundle_size__gt=0)),
            models.CheckConstraint(
                name="price_not_negative", condition=Q(price__isnull=True) | Q(price__gte=0)
            ),
            models.CheckConstraint(name="service_unit_named", condition=~Q(unit_label="")),
            models.CheckConstraint(
                name="min_not_above_max",
                condition=Q(minimum_quantity__isnull=True)
                | Q(maximum_quantity__isnull=True)
                | Q(minimum_quantity__lte=F("maximum_quantity")),
            ),
            models.CheckConstraint(
                name="availability_years_ordered",
                condition=Q(available_from_year__isnull=True)
                | Q(available_until_year__isnull=True)
                | Q(available_from_year__lte=F("available_until_year")),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.name}"

    def is_available_in(self, year: int) -> bool:
        if self.available_from_year and year < self.available_from_year:
            return False
        return not (self.available_until_year and year > self.available_until_year)


class Budget(models.Model):
    """What one municipality may spend on local choices in one year.

    Either a given amount, or a share of a base budget minus legacy obligations (oude
    verplichtingen); for a card in points also the number of points. Unknown stays empty.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipal_agreement = models.ForeignKey(
        MunicipalAgreement, on_delete=models.CASCADE, related_name="budgets"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    amount = models.DecimalField(
        _("budget for local choices"),
        null=True,
        blank=True,
        **MONEY,
        help_text=_("After legacy obligations are deducted. Empty when derived or unknown."),
    )
    share_percentage = models.DecimalField(
        _("share of the base budget (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    base_name = models.CharField(_("base budget"), max_length=100, blank=True)
    base_amount = models.DecimalField(_("base budget amount"), null=True, blank=True, **MONEY)
    legacy_obligations = models.DecimalField(
        _("legacy obligations (oude verplichtingen)"), null=True, blank=True, **MONEY
    )
    points = models.DecimalField(
        _("points (pepers)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    point_class = models.ForeignKey(
        PointClass, on_delete=models.PROTECT, null=True, blank=True, related_name="budgets"
    )
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["municipal_agreement", "year"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipal_agreement", "year"], name="one_budget_per_year"
            ),
            models.CheckConstraint(
                name="budget_amounts_not_negative",
                condition=(Q(amount__isnull=True) | Q(amount__gte=0))
                & (Q(base_amount__isnull=True) | Q(base_amount__gte=0))
                & (Q(legacy_obligations__isnull=True) | Q(legacy_obligations__gte=0))
                & (Q(points__isnull=True) | Q(points__gte=0)),
            ),
            models.CheckConstraint(
                name="share_is_percentage",
                condition=Q(share_percentage__isnull=True)
                | (Q(share_percentage__gt=0) & Q(share_percentage__lte=100)),
            ),
        ]


class ChoiceChange(models.Model):
    """A mid-term change of one municipality's choices for a year (art. 16.3): only with the
    written consent of the municipality and of the executive board, each with a date and document."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipal_agreement = models.ForeignKey(
        MunicipalAgreement, on_delete=models.CASCADE, related_name="changes"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    effective_from = models.DateField(_("takes effect on"))
    reason = models.TextField(_("reason"))
    municipality_consent_on = models.DateField(_("municipality consented on"))
    municipality_consent_document = models.FileField(
        _("municipality's written consent"), upload_to="consents/%Y/"
    )
    board_consent_on = models.DateField(_("executive board consented on"))
    board_consent_document = models.FileField(
        _("executive board's written consent"), upload_to="consents/%Y/"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("mid-term change of local choices")
        verbose_name_plural = _("mid-term changes of local choices")
        ordering = ["effective_from", "id"]
        constraints = [
            models.CheckConstraint(
                name="change_has_both_consent_documents",
                condition=~Q(municipality_consent_document="") & ~Q(board_consent_document=""),
            ),
            models.CheckConstraint(name="change_has_reason", condition=~Q(reason="")),
        ]


def activity_kinds():
    """The kinds of activity (candidates.models.ActivityKind), read when the form or the check
    needs them: the candidates app builds on this one, so it cannot be imported at load time."""
    from werkbedrijf.candidates.models import ActivityKind

    return ActivityKind.choices


class LocalChoice(models.Model):
    """One line of a municipality's local choices for a year: a service from the card with a
    quantity and the agreed amount, or a service that is not on the card."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipal_agreement = models.ForeignKey(
        MunicipalAgreement, on_delete=models.CASCADE, related_name="choices"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    service = models.ForeignKey(
        CatalogueService, on_delete=models.PROTECT, null=True, blank=True, related_name="choices"
    )
    custom_name = models.CharField(_("service not on the card"), max_length=300, blank=True)
    custom_unit = models.CharField(_("unit"), max_length=100, blank=True)
    activity_kind = models.CharField(
        _("kind of service"),
        max_length=30,
        blank=True,
        choices=activity_kinds,
        help_text=_(
            "For a service not on the card: the kind of activity that may be charged to it."
        ),
    )
    quantity = models.DecimalField(
        _("quantity"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    agreed_amount = models.DecimalField(
        _("agreed amount"),
        null=True,
        blank=True,
        **MONEY,
        help_text=_("The amount in the agreement; empty when the document names none."),
    )
    source_text = models.CharField(_("as written in the agreement"), max_length=300, blank=True)
    note = models.TextField(_("note"), blank=True)
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    introduced_by = models.ForeignKey(
        ChoiceChange, on_delete=models.PROTECT, null=True, blank=True, related_name="introduced"
    )
    ended_by = models.ForeignKey(
        ChoiceChange, on_delete=models.PROTECT, null=True, blank=True, related_name="ended"
    )
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("local choice")
        verbose_name_plural = _("local choices")
        ordering = ["municipal_agreement", "year", "position", "id"]
        indexes = [models.Index(fields=["municipal_agreement", "year"])]
        constraints = [
            models.CheckConstraint(
                name="choice_is_card_service_or_named",
                condition=(Q(service__isnull=False) & Q(custom_name=""))
                | (Q(service__isnull=True) & ~Q(custom_name="")),
            ),
            models.CheckConstraint(
                name="choice_kind_only_off_card",
                condition=Q(activity_kind="") | Q(service__isnull=True),
            ),
            models.CheckConstraint(
                name="choice_quantity_positive",
                condition=Q(quantity__isnull=True) | Q(quantity__gt=0),
            ),
            models.CheckConstraint(
                name="choice_amount_not_negative",
                condition=Q(agreed_amount__isnull=True) | Q(agreed_amount__gte=0),
            ),
            models.CheckConstraint(
                name="choice_validity_ordered",
                condition=Q(valid_from__isnull=True)
                | Q(valid_until__isnull=True)
                | Q(valid_until__gte=F("valid_from")),
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def label(self) -> str:
        return self.service.name if self.service_id else self.custom_name


class ExtraWork(models.Model):
    """Meerwerk: extra local service paid from the municipality's own funds, outside the budget."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipal_agreement = models.ForeignKey(
        MunicipalAgreement, on_delete=models.CASCADE, related_name="extra_work"
    )
    description = models.TextField(_("description"))
    fte = models.DecimalField(_("fte"), max_digits=6, decimal_places=2, null=True, blank=True)
    amount = models.DecimalField(_("amount"), null=True, blank=True, **MONEY)
    period_start = models.DateField(_("from"), null=True, blank=True)
    period_end = models.DateField(_("until"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("extra work (meerwerk)")
        verbose_name_plural = _("extra work (meerwerk)")
        constraints = [
            models.CheckConstraint(
                name="extra_work_amount_not_negative",
                condition=Q(amount__isnull=True) | Q(amount__gte=0),
            )
        ]


class DeviationAcceptance(models.Model):
    """A DVO administrator's explicit acceptance, with a reason, of one finding of the budget check.

    The key encodes the finding and its figures, so a changed choice needs a fresh acceptance."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    municipal_agreement = models.ForeignKey(
        MunicipalAgreement, on_delete=models.CASCADE, related_name="acceptances"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    finding_key = models.CharField(_("finding"), max_length=200)
    reason = models.TextField(_("reason"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    accepted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("accepted deviation")
        verbose_name_plural = _("accepted deviations")
        constraints = [
            models.UniqueConstraint(
                fields=["municipal_agreement", "year", "finding_key"], name="accept_finding_once"
            ),
            models.CheckConstraint(name="acceptance_has_reason", condition=~Q(reason="")),
        ]


class StepKind(models.TextChoices):
    """The steps of a DVO's cycle, from draft to the revision of the second year."""

    DRAFT_SENT = "draft_sent", _("Draft sent to the colleges")
    COUNCILS_ASKED = "councils_asked", _("College asks council and client council")
    COUNCIL_WISHES = "council_wishes", _("Council's wishes and objections")
    OPINIONS_DUE = "opinions_due", _("Opinion and local choices to the board")
    BOARD_ADOPTS = "board_adopts", _("Executive board adopts the agreement")
    MUNICIPALITY_SIGNS = "municipality_signs", _("Municipality signs")
    COUNCIL_INFORMED = "council_informed", _("College informs the council")
    REVISION = "revision", _("Revision of the second year's choices")
    REVIEW = "review", _("Review promised to the council")
    OTHER = "other", _("Other step")


class CycleStep(models.Model):
    """One step of a DVO version's cycle with its deadline and who must act: a role at an
    organisation (the policy adviser of Nijmegen, the DVO administrator of WerkBedrijf)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("kind"), max_length=30, choices=StepKind.choices)
    title = models.CharField(_("title"), max_length=300)
    description = models.TextField(
        _("description"), blank=True, help_text=_("What was promised or asked, as written.")
    )
    due_on = models.DateField(_("due on"))
    depends_on = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="dependents",
        verbose_name=_("follows step"),
    )
    actor_role = models.CharField(
        _("role that must act"),
        max_length=30,
        choices=Role.choices,  # not an access rule
    )
    actor_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("organisation that must act"),
    )
    municipal_agreement = models.ForeignKey(
        MunicipalAgreement,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("municipal agreement"),
    )
    opinion = models.ForeignKey(
        Opinion,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steps",
        verbose_name=_("in answer to"),
    )
    remind_days_before = models.PositiveSmallIntegerField(
        _("reminder days before the deadline"),
        null=True,
        blank=True,
        help_text=_("Empty: the default of the installation (DVO_REMINDER_DAYS)."),
    )
    source = models.CharField(_("source document"), max_length=300, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_note = models.TextField(_("how it was done"), blank=True)

    class Meta:
        verbose_name = _("step of the cycle")
        verbose_name_plural = _("steps of the cycle")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["actor_organisation", "actor_role", "due_on"])]
        constraints = [
            models.CheckConstraint(name="step_has_title", condition=~Q(title="")),
            models.CheckConstraint(
                name="step_role_is_known",
                condition=Q(actor_role__in=[r.value for r in Role]),  # not an access rule
            ),
            models.CheckConstraint(
                name="step_does_not_follow_itself",
                condition=Q(depends_on__isnull=True) | ~Q(depends_on=F("pk")),
            ),
        ]

    def __str__(self):
        return f"{self.agreement}: {self.title}"


class StepReminder(models.Model):
    """An e-mail reminder sent about a step: at most one per step and recipient."""

    step = models.ForeignKey(CycleStep, on_delete=models.CASCADE, related_name="reminders")
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    email = models.EmailField(_("sent to"))
    due_on = models.DateField(_("deadline at the time"))
    sent_on = models.DateField(_("sent on"))
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(fields=["step", "recipient"], name="remind_once_per_recipient")
        ]


class AgreementEventKind(models.TextChoices):
    AMENDMENT = "amendment", _("Change of the whole agreement (art. 16.2)")
    WITHDRAWAL = "withdrawal", _("A municipality leaves (art. 16.4)")


class AgreementEvent(models.Model):
    """A change of the whole agreement with the written consent of all parties (art. 16.2), or a
    municipality leaving the module WerkBedrijf (art. 16.4), with its documents."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    agreement = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("kind"), max_length=20, choices=AgreementEventKind.choices)
    municipality = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("municipality that leaves"),
    )
    effective_on = models.DateField(_("takes effect on"))
    description = models.TextField(_("what changes"))
    decided_on = models.DateField(_("decided on"))
    decision_document = models.FileField(
        _("decision of the board"), upload_to="agreement-events/%Y/"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("change or withdrawal")
        verbose_name_plural = _("changes and withdrawals")
        ordering = ["effective_on", "id"]
        constraints = [
            models.CheckConstraint(name="event_has_description", condition=~Q(description="")),
            models.CheckConstraint(
                name="event_has_decision_document", condition=~Q(decision_document="")
            ),
            models.CheckConstraint(
                name="withdrawal_names_municipality",
                condition=(Q(kind="withdrawal") & Q(municipality__isnull=False))
                | (Q(kind="amendment") & Q(municipality__isnull=True)),
            ),
            models.UniqueConstraint(
                fields=["agreement", "municipality"],
                condition=Q(kind="withdrawal"),
                name="leave_once",
            ),
        ]


class PartyConsent(models.Model):
    """One party's written consent to a change of the whole agreement (art. 16.2)."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.ForeignKey(AgreementEvent, on_delete=models.CASCADE, related_name="consents")
    party = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    consented_on = models.DateField(_("consented on"))
    document = models.FileField(_("written consent"), upload_to="agreement-events/%Y/")

    class Meta:
        verbose_name = _("written consent")
        verbose_name_plural = _("written consents")
        ordering = ["party__name"]
        constraints = [
            models.UniqueConstraint(fields=["event", "party"], name="one_consent_per_party"),
            models.CheckConstraint(name="consent_has_document", condition=~Q(document="")),
        ]


class DocumentTemplate(models.Model):
    """The general articles of one DVO version, maintained by the DVO administrator, with
    placeholders such as {{ titel }} that the document generator fills from the data."""

    agreement = models.OneToOneField(
        AgreementVersion, on_delete=models.CASCADE, related_name="document_template"
    )
    text = models.TextField(_("text with placeholders"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)
    lock_version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        constraints = [models.CheckConstraint(name="template_has_text", condition=~Q(text=""))]


# The delivery of local choices lives in its own module; imported here so Django registers it.
from .delivery.models import (  # noqa: E402, F401
    CoachingAssignment,
    DeliveryNote,
    HalfDaySession,
    TeamPresence,
)
