from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from circulars.models import BODY_MAX_LENGTH, Circular, MailPreference
from core.network import get_network
from partners.models import FieldOfEngagement


def _attachments_field():
    from materials.models import Document

    return forms.ModelMultipleChoiceField(
        label=_("Anhänge"),
        required=False,
        queryset=Document.objects.filter(audience=Document.Audience.PUBLIC).order_by("title"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Öffentliche Dokumente aus den Materialien: die Mail enthält Links, unter denen "
            "jede Empfängerin und jeder Empfänger sie ohne Anmeldung herunterlädt."
        ),
    )


class AttachmentsMixin:
    """The documents to link; a draft's current ones are preselected."""

    def _init_attachments(self):
        self.fields["attachments"] = _attachments_field()
        if self.instance.pk:
            self.initial["attachments"] = list(
                self.instance.attachments.values_list("pk", flat=True)
            )

    def attachments(self):
        return self.cleaned_data.get("attachments")


class CircularForm(AttachmentsMixin, forms.ModelForm):
    """The message and its audience; the audience fields become `Circular.audience`."""

    AUDIENCE_FIELDS = [
        "representatives_only",
        "district",
        "field",
        "working_group",
        "speaker_group",
        "not_signed",
        "meeting_without_reply",
    ]

    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=Circular._meta.get_field("body").help_text,
    )
    representatives_only = forms.BooleanField(
        label=_("nur vertretungsberechtigte Personen"), required=False
    )
    district = forms.ChoiceField(
        label=_("Stadtbezirk"), required=False, choices=[("", _("alle Stadtbezirke"))]
    )
    field = forms.ModelChoiceField(
        label=_("Engagementfeld"),
        required=False,
        queryset=FieldOfEngagement.objects.all(),
        empty_label=_("alle Engagementfelder"),
    )
    working_group = forms.ModelChoiceField(
        label=_("Arbeitsgruppe"),
        required=False,
        queryset=None,
        empty_label=_("ohne Einschränkung"),
        help_text=_("Nur die aktiven Mitgliedsorganisationen dieser Arbeitsgruppe."),
    )
    speaker_group = forms.BooleanField(label=_("nur die Sprechergruppe"), required=False)
    not_signed = forms.BooleanField(
        label=_(
            "nur Organisationen, die die aktuelle Kooperationsvereinbarung noch nicht unterzeichnet haben"
        ),
        required=False,
    )
    meeting_without_reply = forms.ModelChoiceField(
        label=_("ohne Antwort auf die Einladung zu"),
        required=False,
        queryset=None,
        empty_label=_("ohne Einschränkung"),
        help_text=_("Nur eingeladene Organisationen, die noch nicht geantwortet haben."),
    )

    class Meta:
        model = Circular
        fields = ["subject", "subject_en", "body", "kind", "public"]
        widgets = {"kind": forms.RadioSelect}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from meetings.models import Meeting
        from workgroups.models import WorkingGroup

        self.fields["district"].choices = [
            ("", _("alle Stadtbezirke")),
            *get_network().district_choices(),
        ]
        self.fields["working_group"].queryset = WorkingGroup.objects.active().order_by("name")
        self.fields["meeting_without_reply"].queryset = Meeting.objects.upcoming()
        self._init_attachments()
        if self.instance.pk:
            audience = self.instance.audience or {}
            for name in self.AUDIENCE_FIELDS:
                if name in audience:
                    self.initial[name] = audience[name]

    def audience(self):
        data = {}
        for name in self.AUDIENCE_FIELDS:
            value = self.cleaned_data.get(name)
            if hasattr(value, "pk"):
                value = value.pk
            data[name] = value
        return data

    def content(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class GroupCircularForm(AttachmentsMixin, forms.ModelForm):
    """What a working group's lead writes: the text only; kind and audience are fixed."""

    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 12}),
        help_text=Circular._meta.get_field("body").help_text,
    )

    class Meta:
        model = Circular
        fields = ["subject", "subject_en", "body"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._init_attachments()

    def audience(self):
        return None

    def content(self):
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class PreferenceForm(forms.Form):
    newsletter = forms.BooleanField(
        label=_("Newsletter erhalten"),
        required=False,
        help_text=MailPreference._meta.get_field("newsletter").help_text,
    )
    language = forms.ChoiceField(
        label=_("Sprache der Rundschreiben"),
        choices=settings.LANGUAGES,
        widget=forms.RadioSelect,
        help_text=_(
            "Der Betreff kommt in dieser Sprache, wenn die Koordination ihn so angegeben hat."
        ),
    )
