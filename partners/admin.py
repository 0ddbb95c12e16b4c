from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from core.admin import HistoryAdmin, PolicyAdminMixin, ReadOnlyAdminMixin
from core.network import get_network
from core.uploads import clean_image
from partners import policies, services
from partners.models import (
    AgreementVersion,
    Contact,
    Declaration,
    FieldOfEngagement,
    Organisation,
    OrganisationSlugAlias,
    SealCheck,
    Sponsor,
)


class LogoForm(forms.ModelForm):
    """Logos go through the same checks as everywhere: re-encoded PNG/JPEG/WebP."""

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and "logo" in self.files:
            return clean_image(logo)
        return logo


class OrganisationAdminForm(LogoForm):
    """A new name must not be another organisation's (as on the profile form)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "district" in self.fields:
            # The network's districts (its settings); a stored one no longer listed stays.
            choices = get_network().district_choices()
            current = self.instance.district if self.instance.pk else ""
            if current and current not in dict(choices):
                choices.append((current, current))
            self.fields["district"] = forms.ChoiceField(
                label=self.fields["district"].label, choices=[("", "---------"), *choices]
            )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if (
            self.instance.pk
            and name != self.instance.name
            and Organisation.objects.duplicates_of(name=name, exclude=self.instance).exists()
        ):
            raise forms.ValidationError(
                _(
                    "Eine Organisation mit diesem Namen oder dieser Website ist bereits im "
                    "Netzwerk oder hat sich beworben. Bitte wenden Sie sich an die "
                    "Koordination, wenn Sie als Ansprechperson hinzukommen möchten."
                ),
                code="duplicate",
            )
        return name


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    fields = ["name", "email", "function", "is_representative", "public_consent_at", "user"]
    raw_id_fields = ["user"]


class DeclarationInline(admin.TabularInline):
    model = Declaration
    extra = 0
    fields = ["agreement_version", "signer_name", "signer_function", "place", "signed_at", "sha256"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class SlugAliasInline(admin.TabularInline):
    """Earlier addresses of the organisation; each redirects permanently to the current one."""

    model = OrganisationSlugAlias
    fields = ["slug", "created_at"]
    readonly_fields = ["created_at"]
    extra = 0


class DistrictFilter(admin.SimpleListFilter):
    """The network's districts by name (the column stores their identifiers)."""

    title = _("Stadtbezirk")
    parameter_name = "district"

    def lookups(self, request, model_admin):
        return get_network().district_choices()

    def queryset(self, request, queryset):
        if self.value():
            return queryset.filter(district=self.value())
        return queryset


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    form = OrganisationAdminForm
    list_display = ["name", "get_district_display", "status", "joined_on", "is_coordinating"]
    list_filter = ["status", DistrictFilter, "is_coordinating", "fields"]
    search_fields = ["name", "description"]
    raw_id_fields = ["recruited_by"]
    inlines = [ContactInline, DeclarationInline, SlugAliasInline]
    list_select_related = ["recruited_by"]
    # Joining, rejection and leaving go through the coordination pages, whose
    # services check the declaration and the allowed transitions; the admin shows them.
    # Coordinating organisations are named by the actions below (partners.policies:
    # at most two), never by ticking a box.
    readonly_fields = [
        "slug",
        "status",
        "is_coordinating",
        "applied_at",
        "joined_on",
        "decided_at",
        "decided_by",
        "rejection_reason",
        "exit_declared_at",
        "exit_on",
        "exit_reason",
        "left_on",
    ]

    actions = ["make_coordinating", "unmake_coordinating"]

    # The address follows the name (partners.services.follow_new_name), on adding and
    # renaming alike: a renamed organisation's old address stays as an alias that
    # redirects, as after renaming on its profile page.
    def save_model(self, request, obj, form, change):
        if not change or "name" in form.changed_data:
            try:
                services.follow_new_name(organisation=obj, by=request.user)
            except (ValidationError, PermissionDenied) as error:
                # The form checked the name already; refuse with the service's reason.
                raise PermissionDenied(
                    " ".join(getattr(error, "messages", [str(error)]))
                ) from error
        super().save_model(request, obj, form, change)

    def has_delete_permission(self, request, obj=None):
        # An organisation's declarations and history stay; it leaves instead.
        return False

    def _set_coordinating(self, request, queryset, value):
        for organisation in queryset:
            try:
                services.set_coordinating(organisation=organisation, by=request.user, value=value)
            except (ValidationError, PermissionDenied) as error:
                reason = " ".join(getattr(error, "messages", [str(error)]))
                self.message_user(request, f"{organisation}: {reason}", messages.ERROR)
            else:
                self.message_user(request, str(organisation), messages.SUCCESS)

    @admin.action(description=_("als koordinierende Organisation benennen (höchstens zwei)"))
    def make_coordinating(self, request, queryset):
        self._set_coordinating(request, queryset, True)

    @admin.action(description=_("nicht mehr koordinierende Organisation"))
    def unmake_coordinating(self, request, queryset):
        self._set_coordinating(request, queryset, False)


@admin.register(Contact)
class ContactAdmin(HistoryAdmin):
    list_display = ["name", "email", "organisation", "function", "is_representative"]
    list_filter = ["is_representative"]
    search_fields = ["name", "email", "organisation__name"]
    raw_id_fields = ["organisation", "user"]
    list_select_related = ["organisation"]


@admin.register(FieldOfEngagement)
class FieldOfEngagementAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(AgreementVersion)
class AgreementVersionAdmin(PolicyAdminMixin, admin.ModelAdmin):
    change_policy = policies.can_change_agreement_version

    list_display = ["number", "title", "valid_from", "sha256"]
    readonly_fields = ["sha256", "seal_key_id", "seal", "created_at"]

    def has_delete_permission(self, request, obj=None):
        # A draft (not in force, unsigned) may go; a published version never.
        return (
            obj is not None
            and not obj.is_published()
            and super().has_delete_permission(request, obj)
        )

    def get_readonly_fields(self, request, obj=None):
        # A published version (in force or signed) is what partners sign: it never
        # changes. A draft stays editable until its valid_from comes.
        if obj is not None and obj.is_published():
            return ["number", "title", "text", "valid_from", *self.readonly_fields]
        return self.readonly_fields


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyAdminMixin, PolicyAdminMixin, admin.ModelAdmin):
    """Read-only: a declaration is final, the admin included (corrections only)."""

    change_policy = policies.can_change_declaration

    list_display = ["organisation", "agreement_version", "signer_name", "signed_at"]
    list_select_related = ["organisation", "agreement_version"]
    search_fields = ["organisation__name", "signer_name"]
    readonly_fields = [
        "organisation",
        "agreement_version",
        "signer",
        "signer_email",
        "signer_name",
        "signer_function",
        "place",
        "signed_at",
        "organisation_data",
        "agreement_sha256",
        "sha256",
        "seal_key_id",
        "seal",
    ]


@admin.register(Sponsor)
class SponsorAdmin(HistoryAdmin):
    form = LogoForm
    list_display = ["name", "since", "shown"]
    list_filter = ["shown"]
    search_fields = ["name"]


@admin.register(SealCheck)
class SealCheckAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The results of `manage.py verify_declarations` and the nightly task (read-only)."""

    list_display = ["checked_at", "declarations", "versions", "ok"]
    readonly_fields = ["checked_at", "declarations", "versions", "failures"]

    @admin.display(boolean=True, description=_("alle Siegel stimmen"))
    def ok(self, obj):
        return obj.ok
