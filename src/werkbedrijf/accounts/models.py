"""Staff accounts: each belongs to one organisation and holds one or more roles."""

import uuid

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from django_otp.models import Device

from werkbedrijf.organisations.models import Organisation, OrganisationKind, Team


class Role(models.TextChoices):
    CONSULTANT = "consultant", _("WerkBedrijf consultant")
    DVO_ADMIN = "dvo_admin", _("DVO administrator")
    INCOME_CASE_MANAGER = "income_case_manager", _("Municipal Inkomen case manager")
    POLICY_ADVISER = "policy_adviser", _("Municipal policy adviser")
    BOARD_MEMBER = "board_member", _("MGR board member")
    FUNCTIONAL_ADMIN = "functional_admin", _("Functional administrator")
    PRIVACY_OFFICER = "privacy_officer", _("Privacy officer (FG)")
    MANAGER = "manager", _("WerkBedrijf team manager")
    CHAIN_PARTNER = "chain_partner", _("Chain partner (Buurtteam, Zorg, Leerrecht)")


# Which kind of organisation may hold which role: a municipal role at WerkBedrijf makes no sense.
ROLE_ORGANISATION_KINDS = {
    Role.CONSULTANT: {OrganisationKind.WERKBEDRIJF},
    Role.DVO_ADMIN: {OrganisationKind.WERKBEDRIJF},
    Role.INCOME_CASE_MANAGER: {OrganisationKind.MUNICIPALITY},
    Role.POLICY_ADVISER: {OrganisationKind.MUNICIPALITY},
    Role.BOARD_MEMBER: {OrganisationKind.MGR},
    Role.FUNCTIONAL_ADMIN: {OrganisationKind.WERKBEDRIJF},
    # A municipality's privacy officer answers for its own residents (the municipality is the
    # controller, DVO art. 12.3); WerkBedrijf's answers for everybody WerkBedrijf processes.
    Role.PRIVACY_OFFICER: {OrganisationKind.MUNICIPALITY, OrganisationKind.WERKBEDRIJF},
    # A team manager leads a team at WerkBedrijf (User.team); a chain partner works in one of a
    # municipality's Buurtteams or its teams Zorg or Leerrecht.
    Role.MANAGER: {OrganisationKind.WERKBEDRIJF},
    Role.CHAIN_PARTNER: {OrganisationKind.MUNICIPALITY},
}


class User(AbstractUser):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="staff",
        null=True,
        blank=True,
        verbose_name=_("organisation"),
        help_text=_("Every staff account belongs to exactly one organisation."),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("team"),
    )

    class Meta:
        verbose_name = _("staff account")
        verbose_name_plural = _("staff accounts")
        constraints = [
            # Only a bootstrap superuser created from the command line may lack an organisation;
            # it cannot see any organisation's records (see access.policy).
            models.CheckConstraint(
                name="staff_has_organisation",
                condition=models.Q(organisation__isnull=False) | models.Q(is_superuser=True),
            ),
        ]

    _role_cache: frozenset[str] | None  # set by role_set, cleared by forget_roles
    # The persistent ids of the confirmed second factors, when read with the account
    # (accounts.selectors.signed_in_user).
    confirmed_devices: frozenset[str]

    @property
    def display_name(self) -> str:
        """How the product shows a person: their full name, their username when they have none
        (in a query: ``candidates.selectors.full_name``)."""
        return self.get_full_name() or self.username

    @property
    def role_set(self) -> frozenset[str]:
        cached = getattr(self, "_role_cache", None)
        if cached is None:
            cached = frozenset(self.role_assignments.values_list("role", flat=True))
            self._role_cache = cached
        return cached

    def forget_roles(self) -> None:
        """Read the roles again on the next ``role_set``: they were changed."""
        self._role_cache = None

    @property
    def role_labels(self) -> list[str]:
        """The names of the user's roles, for showing them (not for deciding: see access.policy)."""
        return [Role(role).label for role in sorted(self.role_set)]

    def has_role(self, role: str) -> bool:
        return role in self.role_set


class RoleAssignment(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="role_assignments")
    role = models.CharField(_("role"), max_length=30, choices=Role.choices)
    granted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(fields=["user", "role"], name="unique_role_per_user"),
            models.CheckConstraint(
                name="role_is_known", condition=models.Q(role__in=[r.value for r in Role])
            ),
        ]

    def __str__(self):
        return self.get_role_display()


class ApiToken(models.Model):
    """A personal API token. Only a SHA-256 hash is stored; the token is shown once."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=8, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    revoked = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"


class IdentityProviderDevice(Device):
    """The second factor checked by an organisation's identity provider (OIDC), not by us.

    A user who logs in by single sign-on counts as verified with two factors only when the
    provider asserts multi-factor authentication (``acr``/``amr``); the login then records this
    device in the session, as django-otp does for a TOTP device. It cannot verify a token, so it
    never lets anybody past the code step of the password login.
    """

    issuer = models.URLField(_("OIDC issuer"))
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("identity provider (single sign-on)")
        verbose_name_plural = _("identity providers (single sign-on)")
        constraints = [
            models.UniqueConstraint(fields=["user", "issuer"], name="unique_idp_device_per_user"),
        ]

    def verify_token(self, token):
        return False
