from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from elections.models import Election, Nomination
from partners.models import Organisation


class ElectionForm(forms.ModelForm):
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

    def _not_in_the_past(self, name):
        value = self.cleaned_data[name]
        # Only a date that is entered or changed now: an old election keeps its dates.
        if value and name in self.changed_data and value < timezone.localdate():
            raise forms.ValidationError(_("Dieses Datum liegt in der Vergangenheit."), code="past")
        return value

    def clean_nominations_until(self):
        return self._not_in_the_past("nominations_until")

    def clean_voting_until(self):
        return self._not_in_the_past("voting_until")


class NominationForm(forms.Form):
    organisation = forms.ModelChoiceField(
        label=_("Vorgeschlagene Organisation"),
        queryset=Organisation.objects.active().filter(is_coordinating=False),
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


class NominationAcceptForm(forms.ModelForm):
    class Meta:
        model = Nomination
        fields = ["statement"]
        widgets = {"statement": forms.Textarea(attrs={"rows": 4, "maxlength": 1000})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statement"].required = True


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
        help_text=_("Die Amtszeit endet zwei Jahre später."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


class LotForm(forms.Form):
    winners = forms.ModelMultipleChoiceField(
        label=_("Durch Los gewählt"),
        queryset=Nomination.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(
        label=_("Protokoll des Losentscheids"),
        help_text=_("Wer hat wann und wie gelost, wer war dabei?"),
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["winners"].queryset = election.nominations.filter(tied=True).select_related(
            "organisation"
        )
        self.fields["winners"].label_from_instance = lambda n: n.organisation.name


class PaperResultForm(forms.Form):
    ballots = forms.IntegerField(label=_("Abgegebene Stimmzettel"), min_value=0)

    def __init__(self, *args, election, **kwargs):
        super().__init__(*args, **kwargs)
        self.candidates = list(election.nominations.accepted().select_related("organisation"))
        for nomination in self.candidates:
            self.fields[f"votes_{nomination.pk}"] = forms.IntegerField(
                label=_("Stimmen für %(organisation)s")
                % {"organisation": nomination.organisation.name},
                min_value=0,
            )

    def votes(self):
        return {n.pk: self.cleaned_data[f"votes_{n.pk}"] for n in self.candidates}
