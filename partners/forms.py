from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from core.network import default_city, get_network
from core.uploads import clean_image
from partners.models import AgreementVersion, Contact, Declaration, Organisation
from partners.policies import check_exit_date, exit_date_bounds

DESCRIPTION_MAX_LENGTH = 5000
AGREEMENT_TEXT_MAX_LENGTH = 100_000


def _bound_length(field, limit):
    """A server-side length limit for a text field whose model field has none."""
    field.max_length = limit
    field.validators.append(MaxLengthValidator(limit))
    field.widget.attrs["maxlength"] = str(limit)


class OrganisationForm(forms.ModelForm):
    """The organisation's own data, for the application and the profile."""

    remove_logo = forms.BooleanField(label=_("Logo entfernen"), required=False)

    class Meta:
        model = Organisation
        fields = [
            "name",
            "legal_form",
            "district",
            "street",
            "postal_code",
            "city",
            "website",
            "email",
            "phone",
            "description",
            "fields",
            "logo",
        ]
        widgets = {
            "fields": forms.CheckboxSelectMultiple,
            "logo": forms.FileInput(attrs={"accept": "image/png,image/jpeg,image/webp"}),
        }
        help_texts = {
            "logo": _("PNG, JPEG oder WebP, höchstens 2 MB."),
            "description": _("Was macht Ihre Organisation? Erscheint im Partnerverzeichnis."),
        }

    def __init__(self, *args, applicant=None, **kwargs):
        # Who applies: an organisation that left may apply again under its name.
        self.applicant = applicant
        super().__init__(*args, **kwargs)
        if not (self.instance and self.instance.logo):
            del self.fields["remove_logo"]
        # The network's districts (its settings), not a list in code.
        self.fields["district"] = forms.ChoiceField(
            label=self.fields["district"].label,
            choices=[("", "---------"), *get_network().district_choices()],
        )
        _bound_length(self.fields["description"], DESCRIPTION_MAX_LENGTH)

    def clean_logo(self):
        logo = self.cleaned_data.get("logo")
        if logo and "logo" in self.files:
            return clean_image(logo)
        return logo

    def clean_name(self):
        return " ".join(self.cleaned_data["name"].split())

    def clean(self):
        cleaned = super().clean()
        name = cleaned.get("name")
        if name:
            duplicates = Organisation.objects.duplicates_of(
                name=name,
                website=cleaned.get("website", ""),
                exclude=self.instance,
                applicant=self.applicant,
            )
            if duplicates.exists():
                raise ValidationError(
                    _(
                        "Eine Organisation mit diesem Namen oder dieser Website ist bereits im "
                        "Netzwerk oder hat sich beworben. Bitte wenden Sie sich an die "
                        "Koordination, wenn Sie als Ansprechperson hinzukommen möchten."
                    ),
                    code="duplicate",
                )
        return cleaned

    def new_logo(self):
        """The re-encoded upload, if the user chose a new logo."""
        return self.cleaned_data.get("logo") if "logo" in self.files else None


class ApplicationForm(OrganisationForm):
    """The organisation's data plus the applicant's own name and function."""

    contact_name = forms.CharField(label=_("Ihr Vor- und Nachname"), max_length=200)
    contact_function = forms.CharField(label=_("Ihre Funktion in der Organisation"), max_length=100)
    recruited_by = forms.ModelChoiceField(
        label=_("Wer hat Sie auf das Netzwerk aufmerksam gemacht?"),
        queryset=Organisation.objects.active(),
        required=False,
        help_text=_("Optional: eine Partnerorganisation, die Sie geworben hat."),
    )


class DeclarationForm(forms.Form):
    """Signing the Erklärung zur Mitarbeit."""

    consent = forms.BooleanField(label="")
    full_name = forms.CharField(label=_("Vor- und Nachname"), max_length=200)
    function = forms.CharField(
        label=_("Funktion"),
        max_length=100,
        help_text=_("Ihre Funktion in der Organisation, z. B. Vorstand oder Geschäftsführung."),
    )
    place = forms.CharField(
        label=pgettext_lazy("place of signing", "Ort"), max_length=100, initial=default_city
    )

    def __init__(self, *args, organisation=None, agreement_version=None, **kwargs):
        self.organisation = organisation
        self.agreement_version = agreement_version
        super().__init__(*args, **kwargs)
        self.fields["consent"].label = _(
            "Wir erklären unsere Mitarbeit im %(network)s und erkennen die "
            "Kooperationsvereinbarung in der oben stehenden Fassung an."
        ) % {"network": get_network().brand_display}

    def clean(self):
        cleaned = super().clean()
        if (
            self.organisation is not None
            and self.agreement_version is not None
            and Declaration.objects.filter(
                organisation=self.organisation, agreement_version=self.agreement_version
            ).exists()
        ):
            raise ValidationError(
                _("Ihre Organisation hat diese Fassung bereits unterzeichnet."), code="signed"
            )
        return cleaned


class RejectForm(forms.Form):
    reason = forms.CharField(
        label=_("Grund der Ablehnung"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Die Organisation erhält diesen Text per E-Mail."),
    )


class AgreementVersionForm(forms.ModelForm):
    class Meta:
        model = AgreementVersion
        fields = ["title", "text", "valid_from"]
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "text": forms.Textarea(attrs={"rows": 20}),
        }
        help_texts = {
            "text": _(
                "Absätze durch eine Leerzeile trennen; nummerierte Absätze beginnen mit „1.)“."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _bound_length(self.fields["text"], AGREEMENT_TEXT_MAX_LENGTH)

    def clean_valid_from(self):
        valid_from = self.cleaned_data["valid_from"]
        latest = timezone.localdate().replace(month=12, day=31)
        latest = latest.replace(year=latest.year + 2)
        if valid_from > latest:
            raise ValidationError(
                _("Eine neue Fassung kann höchstens bis zum %(date)s im Voraus gelten.")
                % {"date": date_format(latest, "SHORT_DATE_FORMAT")},
                code="too_late",
            )
        current = AgreementVersion.objects.current()
        if current and valid_from < current.valid_from:
            raise ValidationError(
                _("Die neue Fassung kann nicht vor der geltenden Fassung beginnen."),
                code="too_early",
            )
        return valid_from


class ContactInviteForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "email", "function", "is_representative"]


class ExitForm(forms.Form):
    exit_on = forms.DateField(
        label=_("Austritt zum"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    reason = forms.CharField(
        label=_("Grund (freiwillig)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )
    confirm = forms.BooleanField(
        label=_("Wir erklären den Austritt unserer Organisation aus dem Netzwerk.")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        earliest, latest = exit_date_bounds()
        self.fields["exit_on"].widget.attrs.update(
            {"min": earliest.isoformat(), "max": latest.isoformat()}
        )

    def clean_exit_on(self):
        exit_on = self.cleaned_data["exit_on"]
        decision = check_exit_date(exit_on)
        if not decision:
            raise ValidationError(decision.reason, code="exit_on")
        return exit_on
