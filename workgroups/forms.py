from django import forms
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from netzwerk.uploads import clean_document
from partners.models import Contact, Organisation
from workgroups.models import GroupDocument, WorkingGroup


def _resolution_label(resolution):
    # Resolutions often share a wording ("Wir gründen eine AG"); meeting and day tell them apart.
    meeting = resolution.agenda_item.meeting
    return gettext("%(text)s – %(meeting)s, %(date)s") % {
        "text": Truncator(" ".join(resolution.text.split())).chars(60),
        "meeting": meeting.title,
        "date": date_format(timezone.localtime(meeting.start), "DATE_FORMAT"),
    }


class FoundGroupForm(forms.ModelForm):
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
        widgets = {"founded_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = Organisation.objects.active()
        self.fields["lead_contact"].queryset = Contact.objects.filter(
            organisation__status=Organisation.Status.ACTIVE
        ).select_related("organisation")
        self.fields["founded_on"].required = False
        self.fields["founding_resolution"].queryset = (
            self.fields["founding_resolution"]
            .queryset.filter(agenda_item__meeting__kind="plenary")
            .select_related("agenda_item__meeting")
            .order_by("-agenda_item__meeting__start", "-pk")
        )
        self.fields["founding_resolution"].label_from_instance = _resolution_label

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


class GroupDocumentForm(forms.ModelForm):
    class Meta:
        model = GroupDocument
        fields = ["title", "file", "is_public"]

    def clean_file(self):
        return clean_document(self.cleaned_data["file"])


class GroupMessageForm(forms.Form):
    subject = forms.CharField(label=_("Betreff"), max_length=150)
    body = forms.CharField(label=_("Nachricht"), widget=forms.Textarea(attrs={"rows": 8}))


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=_("Begründung (geht an die Organisation)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class GroupMeetingForm(forms.ModelForm):
    class Meta:
        model = WorkingGroup.meetings.field.model
        fields = ["title", "start", "end", "place", "online_url", "description"]
        widgets = {
            "start": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "end": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
            "place": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and end <= start:
            self.add_error(
                "end",
                forms.ValidationError(_("Das Ende muss nach dem Beginn liegen."), code="end"),
            )
        return cleaned

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
