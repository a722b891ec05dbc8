"""Organizations (tenants), their domains, users and memberships. All live in the public schema."""

from __future__ import annotations

import zoneinfo

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django_tenants.models import DomainMixin, TenantMixin

from batchtrack.billing_state import BillingState
from tenants.roles import Role

TIME_ZONE_CHOICES = [(name, name) for name in sorted(zoneinfo.available_timezones())]


class Organization(BillingState, TenantMixin):
    """A workspace. Its billing columns come from batchtrack.billing_state (written only by billing)."""

    class Status(models.TextChoices):
        ACTIVE = "active", "Active"
        SUSPENDED = "suspended", "Suspended"

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=40, unique=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.ACTIVE)
    suspended_reason = models.CharField(max_length=255, blank=True)
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, default="UTC")
    # ISO 4217 code of the money on every page (batchtrack/money.py); set at sign-up from the browser.
    currency = models.CharField(max_length=3, default="USD")
    # dj-stripe's subscriber model needs an email: the billing contact.
    email = models.EmailField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    auto_create_schema = True
    auto_drop_schema = False

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_suspended(self) -> bool:
        return self.status == self.Status.SUSPENDED


class Domain(DomainMixin):
    def __str__(self) -> str:
        return self.domain


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create(self, email: str, password: str | None, **extra):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra):
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        return self._create(email, password, **extra)


class User(AbstractUser):
    """A person; email is the login. Platform staff have is_staff and use the admin on the public host."""

    username = None
    email = models.EmailField("email address", unique=True)
    # Blank means "use the organization's time zone".
    time_zone = models.CharField(max_length=64, choices=TIME_ZONE_CHOICES, blank=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []
    objects = UserManager()

    def __str__(self) -> str:
        return self.email


class Membership(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="memberships")
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(max_length=20, choices=Role.choices)
    created_at = models.DateTimeField(default=timezone.now)
    # When the member last entered the workspace (the one-time handoff): the switcher lists the most
    # recent first. None: never since this was recorded.
    last_opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"], name="membership_unique_user_org"
            ),
        ]
        ordering = ["organization__name", "user__email"]

    def __str__(self) -> str:
        return f"{self.user} in {self.organization} ({self.role})"


class Invitation(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField()
    role = models.CharField(max_length=20, choices=Role.choices)
    # Only a hash of the emailed token is stored.
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Invitation for {self.email} to {self.organization}"

    @property
    def is_pending(self) -> bool:
        return (
            self.accepted_at is None
            and self.revoked_at is None
            and self.expires_at > timezone.now()
        )


class LoginHandoff(models.Model):
    """A one-time, short-lived ticket that signs a user in on a workspace host.

    Browsers refuse a cookie shared across `*.localhost`, so moving from the public host to a workspace
    host cannot rely on one; the same mechanism works unchanged on a real domain.
    """

    token_hash = models.CharField(max_length=64, unique=True)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.CASCADE, related_name="+")
    next_path = models.CharField(max_length=500, default="/")
    created_at = models.DateTimeField(default=timezone.now)
    used_at = models.DateTimeField(null=True, blank=True)


class AuditEvent(models.Model):
    """One sensitive action in an organization: membership, invitation, workspace status, billing.

    Written only by `tenants.audit.record_audit`, inside the transaction of the change it records, so a
    change that fails leaves no row. Append-only: the database refuses UPDATE and DELETE (migration
    0003). The actor is kept by id without a database constraint, plus their email at the time, so the
    record outlives the user; an empty `actor_email` means the system (a webhook, a task).
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="audit_events"
    )
    actor = models.ForeignKey(
        User,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_email = models.EmailField(blank=True)
    action = models.CharField(max_length=64)
    target = models.CharField(max_length=255, blank=True)
    details = models.JSONField(default=dict, blank=True, encoder=DjangoJSONEncoder)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["organization", "-created_at"], name="audit_org_recent"),
        ]

    def __str__(self) -> str:
        return f"{self.action} in {self.organization_id} by {self.actor_email or 'system'}"


class SignInAttempt(models.Model):
    """One sign-in attempt counted against allauth's `login_failed` limits while the cache (where
    allauth counts them) is unavailable. Written only by tenants.services.sign_in_limits.

    `counter` is a hash of allauth's own counter name for one rate (per IP or per address), so the
    table holds neither addresses nor IPs; rows older than the longest window are removed as new
    attempts come in.
    """

    counter = models.CharField(max_length=64)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["counter", "at"], name="signin_attempt_counter")]


class SpareSchema(models.Model):
    """A workspace schema built ahead of time, so signing up renames it into place instead of
    running every migration while the new user waits (tenants/services/spare_schemas.py).

    `migration_state` fingerprints the migrations the schema was built with: a spare built before a
    deploy that added migrations is never handed out; the next refill drops it.
    """

    schema_name = models.CharField(max_length=63, unique=True)
    migration_state = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return self.schema_name
