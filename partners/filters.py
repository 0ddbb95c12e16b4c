import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from core.forms import PlainSelect
from core.network import get_network
from partners.models import FieldOfEngagement, Organisation


class OrganisationFilter(django_filters.FilterSet):
    """Search and filters of the public partner directory."""

    q = django_filters.CharFilter(label=_("Suche"), method="filter_search", max_length=100)
    district = django_filters.ChoiceFilter(
        label=_("Stadtbezirk"),
        choices=lambda: get_network().district_choices(),
        empty_label=_("alle Stadtbezirke"),
        widget=PlainSelect,
    )
    field = django_filters.ModelChoiceFilter(
        label=_("Engagementfeld"),
        field_name="fields",
        queryset=FieldOfEngagement.objects.all(),
        to_field_name="slug",
        empty_label=_("alle Felder"),
        widget=PlainSelect,
    )

    class Meta:
        model = Organisation
        fields = ["q", "district", "field"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.form.fields["q"].widget = forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name oder Stichwort")}
        )

    def filter_search(self, queryset, name, value):
        return queryset.search(value)
