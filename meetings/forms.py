from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from meetings.models import (
    AgendaItem,
    Invitation,
    Meeting,
    MeetingDocument,
    Resolution,
    WorkProgramme,
    WorkProgrammeItem,
)
from netzwerk.uploads import clean_document


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "kind",
            "workgroup",
            "title",
            "start",
            "end",
            "place",
            "online_url",
            "description",
            "rsvp_deadline",
        ]
        widgets = {
            "start": DateTimeInput(),
            "end": DateTimeInput(),
            "rsvp_deadline": DateTimeInput(),
            "place": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 5}),
        }

    def clean(self):
        data = super().clean()
        start, end, deadline = data.get("start"), data.get("end"), data.get("rsvp_deadline")
        if start and end and end <= start:
            self.add_error("end", _("Das Ende muss nach dem Beginn liegen."))
        if start and deadline and deadline > start:
            self.add_error("rsvp_deadline", _("Die Rückmeldefrist muss vor dem Beginn enden."))
        kind, workgroup = data.get("kind"), data.get("workgroup")
        if kind == Meeting.Kind.WORKGROUP and workgroup is None:
            self.add_error("workgroup", _("Bitte wählen Sie die Arbeitsgruppe."))
        if kind == Meeting.Kind.PLENARY and workgroup is not None:
            self.add_error("workgroup", _("Ein Netzwerktreffen gehört zu keiner Arbeitsgruppe."))
        if not data.get("place") and not data.get("online_url"):
            raise ValidationError(_("Bitte geben Sie einen Ort oder einen Online-Zugang an."))
        return data


class CancelForm(forms.Form):
    reason = forms.CharField(label=_("Grund der Absage"), widget=forms.Textarea(attrs={"rows": 3}))


class AgendaItemForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = [
            "order",
            "title",
            "description",
            "presenter",
            "is_public",
            "asks_two_thirds",
            "work_programme",
            "approves_minutes_of",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        minutes_of = self.fields["approves_minutes_of"]
        minutes_of.queryset = (
            Meeting.objects.filter(start__lt=meeting.start, status=Meeting.Status.HELD)
            .exclude(pk=meeting.pk)
            .order_by("-start", "-pk")
        )
        # Working groups reuse their meeting titles: only the date tells them apart.
        minutes_of.label_from_instance = lambda m: (
            gettext("%(title)s – %(date)s")
            % {
                "title": m.title,
                "date": date_format(timezone.localtime(m.start), "SHORT_DATE_FORMAT"),
            }
        )
        self.fields["work_programme"].queryset = WorkProgramme.objects.filter(
            status=WorkProgramme.Status.DRAFT
        ) | WorkProgramme.objects.filter(agenda_items__meeting=meeting)
        self.fields["work_programme"].queryset = self.fields["work_programme"].queryset.distinct()


class MinutesForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 8})}


class ResolutionForm(forms.ModelForm):
    class Meta:
        model = Resolution
        fields = ["text", "votes_yes", "votes_no", "votes_abstain", "is_public"]
        widgets = {"text": forms.Textarea(attrs={"rows": 4})}


class AttendanceForm(forms.Form):
    organisations = forms.ModelMultipleChoiceField(
        label=_("Anwesende Organisationen"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, meeting, **kwargs):
        super().__init__(*args, **kwargs)
        from partners.models import Organisation

        attended = Organisation.objects.filter(meeting_attendances__meeting=meeting)
        self.fields["organisations"].queryset = (
            (meeting.invitees() | attended).distinct().order_by("name")
        )


class DocumentForm(forms.ModelForm):
    class Meta:
        model = MeetingDocument
        fields = ["title", "file", "is_public"]

    def clean_file(self):
        return clean_document(self.cleaned_data["file"])


class RSVPForm(forms.ModelForm):
    organisation = forms.ModelChoiceField(label=_("Für die Organisation"), queryset=None)

    class Meta:
        model = Invitation
        fields = ["answer", "attendee_count", "attendee_names"]
        widgets = {
            "answer": forms.RadioSelect,
            "attendee_names": forms.Textarea(attrs={"rows": 3}),
        }

    field_order = ["organisation", "answer", "attendee_count", "attendee_names"]

    def __init__(self, *args, organisations, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        self.fields["answer"].choices = Invitation.Answer.choices
        self.fields["answer"].required = True
        if organisations.count() == 1:
            self.fields["organisation"].initial = organisations.first()

    def clean(self):
        data = super().clean()
        if data.get("answer") in (Invitation.Answer.YES, Invitation.Answer.MAYBE) and not data.get(
            "attendee_count"
        ):
            self.add_error("attendee_count", _("Bitte geben Sie an, wie viele Personen kommen."))
        return data


class WorkProgrammeForm(forms.ModelForm):
    class Meta:
        model = WorkProgramme
        fields = ["year", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}


class WorkProgrammeUpdateForm(forms.ModelForm):
    class Meta:
        model = WorkProgramme
        fields = ["introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}


class WorkProgrammeItemForm(forms.ModelForm):
    class Meta:
        model = WorkProgrammeItem
        fields = [
            "order",
            "title",
            "description",
            "responsible_organisation",
            "responsible_workgroup",
            "target_quarter",
            "status",
            "progress_note",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "progress_note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from partners.models import Organisation

        self.fields["responsible_organisation"].queryset = Organisation.objects.active()


class AdoptProgrammeForm(forms.Form):
    resolution = forms.ModelChoiceField(
        label=_("Beschluss"),
        queryset=None,
        help_text=_("Der angenommene Beschluss des letzten Netzwerktreffens im Vorjahr."),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["resolution"].queryset = (
            Resolution.objects.filter(agenda_item__meeting__kind=Meeting.Kind.PLENARY)
            .select_related("agenda_item__meeting")
            .newest_first()
        )
        self.fields["resolution"].label_from_instance = lambda r: (
            f"{r.agenda_item.meeting} – {r.agenda_item.title}: {r}"
        )
