"""The public directory of partners and their profiles: /partner/."""

from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterView

from core import registry
from core.fragments import CachedCountMixin, visitor_variant
from core.pagecache import cache_public_page
from core.roles import is_coordinator
from core.uploads import file_response
from partners.filters import OrganisationFilter
from partners.models import Contact, Organisation, OrganisationSlugAlias, Sponsor


@method_decorator(cache_public_page, name="dispatch")
class OrganisationListView(CachedCountMixin, FilterView):
    filterset_class = OrganisationFilter
    paginate_by = 24
    template_name = "partners/organisation_list.html"
    # What the list shows (core/fragments.py): partners, and the districts' names from
    # the network's settings.
    count_depends = ("partners", "netzwerk")

    def get_queryset(self):
        return Organisation.objects.active().prefetch_related("fields").order_by("name")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            fragment_variant=visitor_variant(self.request, self.filterset), **kwargs
        )


@method_decorator(cache_public_page, name="dispatch")
class OrganisationDetailView(DetailView):
    def get_queryset(self):
        return Organisation.objects.active().prefetch_related(
            "fields",
            Prefetch("contacts", queryset=Contact.objects.public(), to_attr="public_contacts"),
        )

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            # An earlier address (before a renaming) leads to the current one for good.
            alias = (
                OrganisationSlugAlias.objects.filter(
                    Organisation.active_condition("organisation"), slug=kwargs["slug"]
                )
                .select_related("organisation")
                .first()
            )
            if alias is None:
                raise
            return redirect(alias.organisation, permanent=True)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            sections=registry.collect("profile_sections", self.request, self.object),
            may_edit=self.object.contacts.filter(user_id=self.request.user.pk).exists()
            if self.request.user.is_authenticated
            else False,
            **kwargs,
        )


class OrganisationLogoView(View):
    def get(self, request, slug):
        organisation = get_object_or_404(Organisation, slug=slug)
        visible = organisation.is_active or (
            request.user.is_authenticated
            and (
                is_coordinator(request.user)
                or organisation.contacts.filter(user=request.user).exists()
            )
        )
        if not visible or not organisation.logo:
            raise Http404
        return file_response(organisation.logo, inline=True)


class SponsorLogoView(View):
    def get(self, request, pk):
        sponsor = get_object_or_404(Sponsor.objects.shown(), pk=pk)
        if not sponsor.logo:
            raise Http404
        return file_response(sponsor.logo, inline=True)
