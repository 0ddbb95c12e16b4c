from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from core.uploads import clean_document
from meetings.models import (
    AgendaItem,
    Invitation,
    Meeting,
    MeetingDocument,
    Resolution,
    WorkProgramme,
    WorkProgrammeItem,
)
from meetings.models.invitation import MAX_ATTENDEES_PER_ORGANISATION, attendee_names_problem
from meetings.policies import programme_year_range

# The most votes one resolution can carry: one per organisation, and far fewer attend.
MAX_VOTES = 1000
MAX_ORDER = 999


def bounded_number(label, *, low, high, message, **kwargs):
    """An integer field whose bounds speak German and make sense (never 2**63 - 1)."""
    return forms.IntegerField(
        label=label,
        min_value=low,
        max_value=high,
        error_messages={"min_value": message, "max_value": message, "invalid": message},
        **kwargs,
    )


def order_field():
    return bounded_number(
        _("Reihenfolge"),
        low=0,
        high=MAX_ORDER,
        message=_("Bitte eine Zahl von 0 bis 999."),
        initial=0,
    )


def locked_form_fields(form):
    """The form's fields that the stored record no longer lets change."""
    from core.records import ALL_FIELDS

    locked = form.instance.locked_fields()
    return [name for name in form.fields if locked == ALL_FIELDS or name in locked]


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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A held meeting keeps its date and kind; they change only by a correction.
        if self.instance.pk is not None:
            for name in locked_form_fields(self):
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = gettext(
                        "Das Treffen hat stattgefunden: nur noch über „Berichtigen“ änderbar."
                    )

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
    order = order_field()

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
        # Only next year's programme, and only at a Netzwerktreffen.
        self.fields["work_programme"].queryset = (
            WorkProgramme.objects.filter(year=meeting.year + 1)
            if meeting.is_plenary
            else WorkProgramme.objects.none()
        )
        if self.instance.pk is not None:
            for name in locked_form_fields(self):
                self.fields[name].disabled = True


class MinutesForm(forms.ModelForm):
    class Meta:
        model = AgendaItem
        fields = ["minutes"]
        widgets = {"minutes": forms.Textarea(attrs={"rows": 8})}


def votes_field(label):
    return bounded_number(
        label,
        low=0,
        high=MAX_VOTES,
        message=_("Bitte eine Zahl von 0 bis zur Zahl der anwesenden Organisationen."),
        initial=0,
    )


class ResolutionForm(forms.ModelForm):
    votes_yes = votes_field(_("Ja-Stimmen"))
    votes_no = votes_field(_("Nein-Stimmen"))
    votes_abstain = votes_field(_("Enthaltungen"))

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
    attendee_count = bounded_number(
        _("Anzahl Personen"),
        low=0,
        high=MAX_ATTENDEES_PER_ORGANISATION,
        message=_(
            "Bitte geben Sie zwischen 0 und 50 Personen an; für größere Gruppen sprechen Sie "
            "bitte die Koordination an."
        ),
        required=False,
        initial=0,
    )

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
        names = (data.get("attendee_names") or "").strip()
        checked = not {"attendee_names", "attendee_count"} & set(self.errors)
        if data.get("answer") != Invitation.Answer.NO and checked:
            problem = attendee_names_problem(names, data.get("attendee_count"))
            if problem:
                self.add_error("attendee_names", problem)
        return data


class WorkProgrammeForm(forms.ModelForm):
    class Meta:
        model = WorkProgramme
        fields = ["year", "introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        first, last = programme_year_range()
        message = gettext("Ein Arbeitsprogramm gilt für ein Jahr von %(first)s bis %(last)s.") % {
            "first": first,
            "last": last,
        }
        self.fields["year"] = bounded_number(
            _("Jahr"), low=first, high=last, message=message, initial=self.initial.get("year")
        )

    def validate_unique(self):
        # The service says it in German and in one place.
        pass


class WorkProgrammeUpdateForm(forms.ModelForm):
    class Meta:
        model = WorkProgramme
        fields = ["introduction"]
        widgets = {"introduction": forms.Textarea(attrs={"rows": 4})}


class WorkProgrammeItemForm(forms.ModelForm):
    order = order_field()

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


class WorkProgrammeProgressForm(forms.ModelForm):
    """The progress of an item of an adopted programme: all that still changes."""

    class Meta:
        model = WorkProgrammeItem
        fields = ["status", "progress_note", "responsible_workgroup"]
        widgets = {"progress_note": forms.Textarea(attrs={"rows": 3})}


class AdoptProgrammeForm(forms.Form):
    resolution = forms.ModelChoiceField(
        label=_("Beschluss"),
        queryset=None,
        help_text=_(
            "Angenommene Beschlüsse unter einem Tagesordnungspunkt über dieses Arbeitsprogramm "
            "beim letzten Netzwerktreffen des Vorjahres."
        ),
    )

    def __init__(self, *args, programme, **kwargs):
        super().__init__(*args, **kwargs)
        from meetings.services import adoption_candidates

        self.fields["resolution"].queryset = adoption_candidates(programme)
        self.fields["resolution"].label_from_instance = lambda r: (
            f"{r.agenda_item.meeting} – {r.agenda_item.title}: {r}"
        )
