import datetime

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elections.eligibility import eligible_organisations, nominable_organisations
from elections.models import ELECTED_SEATS, STATEMENT_MAX_LENGTH, Election, Nomination
from partners.models import Organisation

DESCRIPTION_MAX_LENGTH = 5000
# Deadlines are at most this far ahead: a typo like 2207 is caught, a real plan is not.
DEADLINE_MAX_DAYS = 2 * 366


class ElectionForm(forms.ModelForm):
    """Used on /wahlen/neu/ and in the admin, so both obey the same bounds."""

    class Meta:
        model = Election
        fields = [
            "title",
            "description",
            "seats",
            "nominations_until",
            "voting_until",
            "coordinators_vote",
            "is_paper",
        ]
        widgets = {
            "nominations_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "voting_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "seats" in self.fields:
            self.fields["seats"].min_value = 1
            self.fields["seats"].max_value = ELECTED_SEATS
            self.fields["seats"].widget.attrs.update({"min": 1, "max": ELECTED_SEATS})
        if "description" in self.fields:
            self.fields["description"].max_length = DESCRIPTION_MAX_LENGTH

    def clean_seats(self):
        seats = self.cleaned_data["seats"]
        if seats is not None and not 1 <= seats <= ELECTED_SEATS:
            raise forms.ValidationError(
                _("Es können 1 bis %(max)s Sitze gewählt werden."),
                code="seats",
                params={"max": ELECTED_SEATS},
            )
        return seats

    def clean_description(self):
        description = self.cleaned_data["description"]
        if len(description) > DESCRIPTION_MAX_LENGTH:
            raise forms.ValidationError(
                _("Die Beschreibung darf höchstens %(max)s Zeichen lang sein."),
                code="too_long",
                params={"max": DESCRIPTION_MAX_LENGTH},
            )
        return description

    def _not_in_the_past(self, name):
        value = self.cleaned_data[name]
        # Only a date that is entered or changed now: an old election keeps its dates.
        if value and name in self.changed_data and value < timezone.localdate():
            raise forms.ValidationError(_("Dieses Datum liegt in der Vergangenheit."), code="past")
        if (
            value
            and name in self.changed_data
            and value > timezone.localdate() + datetime.timedelta(days=DEADLINE_MAX_DAYS)
        ):
            raise forms.ValidationError(
                _("Dieses Datum liegt mehr als zwei Jahre in der Zukunft."), code="far"
            )
        return value

    def clean_nominations_until(self):
        return self._not_in_the_past("nominations_until")

    def clean_voting_until(self):
        return self._not_in_the_past("voting_until")


class NominationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Vorgeschlagene Organisation"),
        queryset=nominable_organisations(),
        help_text=_("Auch die eigene Organisation kann vorgeschlagen werden."),
    )
    nominated_by = forms.ModelChoiceField(
        label=_("Vorschlag im Namen von"), queryset=Organisation.objects.none()
    )

    def __init__(self, *args, represented, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nominated_by"].queryset = Organisation.objects.filter(
            pk__in=[o.pk for o in represented]
        )
        if len(represented) == 1:
            self.fields["nominated_by"].initial = represented[0].pk
            self.fields["nominated_by"].widget = forms.HiddenInput()


class NominationAcceptForm(forms.Form):
    statement = forms.CharField(
        label=Nomination._meta.get_field("statement").verbose_name,
        help_text=Nomination._meta.get_field("statement").help_text,
        max_length=STATEMENT_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "max_length": _(
                "Die Vorstellung darf höchstens %(limit_value)d Zeichen lang sein "
                "(jetzt sind es %(show_value)d)."
            ),
            "required": _("Bitte stellen Sie Ihre Organisation kurz vor."),
        },
    )


class BallotForm(forms.Form):
    """The voting form; the template renders the candidates as a fieldset of checkboxes."""

    choices = forms.ModelMultipleChoiceField(
        queryset=Nomination.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.election = election
        self.fields["choices"].queryset = election.nominations.accepted()

    def clean_choices(self):
        choices = self.cleaned_data["choices"]
        if len(choices) > self.election.seats:
            raise forms.ValidationError(
                _("Sie können höchstens %(seats)s Kandidaturen ankreuzen."),
                code="too_many",
                params={"seats": self.election.seats},
            )
        return choices


class PublishForm(forms.Form):
    start = forms.DateField(
        label=_("Beginn der Amtszeit"),
        help_text=_(
            "Frühestens am Tag der Auszählung, spätestens zwei Jahre danach. Die Amtszeit "
            "endet zwei Jahre später (vom 29. Februar an: mit dem 28. Februar)."
        ),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.election = election
        closed = election.close_date
        if closed:
            self.fields["start"].widget.attrs["min"] = closed.isoformat()

    def clean_start(self):
        from elections.policies import term_start_allowed

        start = self.cleaned_data["start"]
        decision = term_start_allowed(self.election, start)
        if not decision:
            raise forms.ValidationError(decision.reason, code="start")
        return start


class LotForm(forms.Form):
    winners = forms.ModelMultipleChoiceField(
        label=_("Durch Los gewählt"),
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Protokoll des Losentscheids"),
        help_text=_("Wer hat wann und wie gelost, wer war dabei?"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={
            "max_length": _("Das Protokoll darf höchstens %(limit_value)d Zeichen lang sein.")
        },
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["winners"].queryset = election.nominations.filter(tied=True).select_related(
            "organisation"
        )
        self.fields["winners"].label_from_instance = lambda n: n.organisation.name


class PaperResultForm(forms.Form):
    """The count of a paper election, bounded by the organisations entitled to vote."""

    ballots = forms.IntegerField(
        label=_("Abgegebene Stimmzettel"),
        min_value=0,
        error_messages={"min_value": _("Die Zahl darf nicht negativ sein.")},
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.election = election
        self.electorate = eligible_organisations(election).count()
        self.fields["ballots"].max_value = self.electorate
        self.fields["ballots"].widget.attrs["max"] = self.electorate
        self.fields["ballots"].help_text = _(
            "Höchstens %(count)s: so viele Organisationen sind wahlberechtigt."
        ) % {"count": self.electorate}
        self.candidates = list(election.nominations.accepted().select_related("organisation"))
        for nomination in self.candidates:
            self.fields[f"votes_{nomination.pk}"] = forms.IntegerField(
                label=_("Stimmen für %(organisation)s")
                % {"organisation": nomination.organisation.name},
                min_value=0,
                max_value=self.electorate,
                error_messages={"min_value": _("Die Zahl darf nicht negativ sein.")},
            )

    def clean_ballots(self):
        ballots = self.cleaned_data["ballots"]
        if ballots is not None and ballots > self.electorate:
            raise forms.ValidationError(
                _(
                    "Es können höchstens %(count)s Stimmzettel abgegeben worden sein: so "
                    "viele Organisationen sind wahlberechtigt."
                ),
                code="ballots_over_electorate",
                params={"count": self.electorate},
            )
        return ballots

    def clean(self):
        cleaned = super().clean()
        ballots = cleaned.get("ballots")
        if ballots is None:
            return cleaned
        for nomination in self.candidates:
            name = f"votes_{nomination.pk}"
            votes = cleaned.get(name)
            if votes is not None and votes > ballots:
                self.add_error(
                    name,
                    forms.ValidationError(
                        _(
                            "Eine Kandidatur kann nicht mehr Stimmen haben, als Stimmzettel "
                            "abgegeben wurden (%(ballots)s)."
                        ),
                        code="votes_over_ballots",
                        params={"ballots": ballots},
                    ),
                )
        return cleaned

    def votes(self):
        return {n.pk: self.cleaned_data[f"votes_{n.pk}"] for n in self.candidates}
