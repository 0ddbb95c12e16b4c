from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.uploads import clean_document
from meetings.models import Meeting, Resolution
from partners.models import Contact, Organisation
from workgroups.bounds import (
    DESCRIPTION_MAX_LENGTH,
    MESSAGE_MAX_LENGTH,
    REASON_MAX_LENGTH,
    BoundedDateField,
    BoundedDateTimeField,
)
from workgroups.models import GroupDocument, WorkingGroup
from workgroups.policies import NO_RESOLUTION


def _resolution_label(resolution):
    # Resolutions often share a wording ("Wir gründen eine AG"); meeting and day tell them apart.
    meeting = resolution.agenda_item.meeting
    return gettext("%(text)s – %(meeting)s, %(date)s") % {
        "text": Truncator(" ".join(resolution.text.split())).chars(60),
        "meeting": meeting.title,
        "date": date_format(timezone.localtime(meeting.start), "DATE_FORMAT"),
    }


def _limit_description(form):
    field = form.fields["description"]
    field.max_length = DESCRIPTION_MAX_LENGTH
    field.validators.append(MaxLengthValidator(DESCRIPTION_MAX_LENGTH))
    field.widget.attrs["maxlength"] = str(DESCRIPTION_MAX_LENGTH)


class FoundGroupForm(forms.ModelForm):
    founded_on = BoundedDateField(
        label=_("gegründet am"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leer lassen für heute."),
    )

    class Meta:
        model = WorkingGroup
        fields = [
            "name",
            "topic",
            "description",
            "access",
            "lead_organisation",
            "lead_contact",
            "founded_on",
            "founding_resolution",
            "founding_note",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_description(self)
        self.fields["lead_organisation"].queryset = Organisation.objects.active()
        self.fields["lead_contact"].queryset = Contact.objects.of_active_partners().select_related(
            "organisation"
        )
        resolution = self.fields["founding_resolution"]
        # Only what may found a group is offered: adopted resolutions of held
        # Netzwerktreffen (the service checks the same: policies.resolution_may_found_group).
        resolution.queryset = (
            Resolution.objects.filter(
                outcome=Resolution.Outcome.ADOPTED,
                agenda_item__meeting__kind=Meeting.Kind.PLENARY,
                agenda_item__meeting__status=Meeting.Status.HELD,
            )
            .select_related("agenda_item__meeting")
            .order_by("-agenda_item__meeting__start", "-pk")
        )
        resolution.label_from_instance = _resolution_label
        resolution.required = True
        resolution.help_text = _(
            "Angeboten werden die angenommenen Beschlüsse abgehaltener Netzwerktreffen."
        )
        resolution.error_messages = {
            **resolution.error_messages,
            "required": NO_RESOLUTION,
            "invalid_choice": _(
                "Bitte wählen Sie einen angenommenen Beschluss eines abgehaltenen Netzwerktreffens."
            ),
        }

    def clean(self):
        cleaned = super().clean()
        organisation = cleaned.get("lead_organisation")
        contact = cleaned.get("lead_contact")
        if organisation and contact and contact.organisation_id != organisation.pk:
            self.add_error(
                "lead_contact",
                forms.ValidationError(
                    _("Die Ansprechperson muss zur leitenden Organisation gehören."),
                    code="lead_contact",
                ),
            )
        return cleaned


class GroupDescriptionForm(forms.ModelForm):
    class Meta:
        model = WorkingGroup
        fields = ["topic", "description", "access"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_description(self)


class GroupDocumentForm(forms.ModelForm):
    class Meta:
        model = GroupDocument
        fields = ["title", "file", "is_public"]

    def clean_file(self):
        return clean_document(self.cleaned_data["file"])


class GroupMessageForm(forms.Form):
    subject = forms.CharField(label=_("Betreff"), max_length=150)
    body = forms.CharField(
        label=_("Nachricht"),
        max_length=MESSAGE_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung (geht an die Organisation)"),
        required=False,
        max_length=REASON_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GroupMeetingForm(forms.ModelForm):
    start = BoundedDateTimeField(
        label=_("Beginn"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    end = BoundedDateTimeField(
        label=_("Ende"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )

    class Meta:
        model = Meeting
        fields = ["title", "start", "end", "place", "online_url", "description"]
        widgets = {"place": forms.Textarea(attrs={"rows": 2})}

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error(
                "end",
                forms.ValidationError(_("Das Ende muss nach dem Beginn liegen."), code="end"),
            )
        return cleaned

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _limit_description(self)

    def validate_constraints(self, exclude=None):
        # The kind and the group are set by the service, not by this form.
        pass


class AddMemberForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Partnerorganisation aufnehmen"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, group, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.active().exclude(
            pk__in=group.member_organisation_ids()
        )
