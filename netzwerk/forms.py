import re

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from core.models import NetworkSettings


class AccountDeleteForm(forms.Form):
    password = forms.CharField(
        label=_("Ihr Passwort zur Bestätigung"),
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("Das Passwort ist nicht richtig."), code="wrong_password")
        return password


DISTRICT_LINES_MAX = 100
DISTRICT_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class NetworkSettingsForm(forms.ModelForm):
    """The network's identity, its districts one per line and its coordinating organisations."""

    districts = forms.CharField(
        label=_("Stadtbezirke"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=10_000,
        help_text=_(
            "Ein Stadtbezirk je Zeile. Die Kennung entsteht aus dem Namen; eine eigene "
            "Kennung steht vor dem Namen, getrennt durch „|“ (z. B. „nord | Nord“). "
            "Organisationen speichern die Kennung: Ändern Sie bei einer Umbenennung nur den Namen."
        ),
    )
    coordinating = forms.ModelMultipleChoiceField(
        label=_("Koordinierende Organisationen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aktive Partner; die Kooperationsvereinbarung nennt höchstens zwei."),
    )

    class Meta:
        model = NetworkSettings
        fields = ["name", "short_name", "brand", "city", "contact_email", "contact_address"]
        widgets = {"contact_address": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        from partners.models import Organisation

        super().__init__(*args, **kwargs)
        self.fields["contact_address"].max_length = 500
        self.fields["contact_address"].validators.append(MaxLengthValidator(500))
        self.fields["coordinating"].queryset = Organisation.objects.active().order_by("name")
        self.initial.setdefault(
            "districts",
            "\n".join(f"{slug} | {name}" for slug, name in self.instance.districts),
        )
        self.initial.setdefault(
            "coordinating", list(Organisation.objects.coordinating().values_list("pk", flat=True))
        )

    def clean_districts(self):
        from core.search import german_slug

        lines = [line.strip() for line in self.cleaned_data["districts"].splitlines()]
        lines = [line for line in lines if line]
        if not lines:
            raise forms.ValidationError(
                _("Das Netzwerk braucht mindestens einen Stadtbezirk."), code="required"
            )
        if len(lines) > DISTRICT_LINES_MAX:
            raise forms.ValidationError(
                _("Höchstens %(max)d Stadtbezirke.") % {"max": DISTRICT_LINES_MAX}, code="too_many"
            )
        districts, slugs, names = [], set(), set()
        for line in lines:
            slug, bar, name = line.partition("|")
            slug, name = (slug.strip(), name.strip()) if bar else (german_slug(line), line)
            name = " ".join(name.split())
            if not name or len(name) > 100:
                raise forms.ValidationError(
                    _("„%(line)s“: Der Name fehlt oder ist länger als 100 Zeichen.")
                    % {"line": line[:120]},
                    code="invalid_name",
                )
            if not DISTRICT_SLUG.match(slug) or len(slug) > 40:
                raise forms.ValidationError(
                    _(
                        "„%(line)s“: Eine Kennung besteht aus Kleinbuchstaben, Ziffern und "
                        "Bindestrichen, höchstens 40 Zeichen."
                    )
                    % {"line": line[:120]},
                    code="invalid_slug",
                )
            if slug in slugs or name in names:
                raise forms.ValidationError(
                    _("„%(line)s“ steht doppelt in der Liste.") % {"line": line[:120]},
                    code="duplicate",
                )
            slugs.add(slug)
            names.add(name)
            districts.append((slug, name))
        return districts

    def data_fields(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}
