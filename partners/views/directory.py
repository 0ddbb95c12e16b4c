"""The public directory of partners and their profiles: /partner/."""

from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.utils.decorators import method_decorator
from django.views import View
from django.views.generic import DetailView
from django_filters.views import FilterView

from core import registry
from core.compiled import TEXT_MARKER, CompiledQuery
from core.fragments import CachedCountMixin, later, visitor_variant
from core.pagecache import cache_public_page
from core.roles import is_coordinator
from core.uploads import file_response
from partners.filters import OrganisationFilter
from partners.models import Organisation, OrganisationSlugAlias, Sponsor


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


_active_by_slug = CompiledQuery(
    lambda slug: Organisation.objects.active().filter(slug=slug), marker=TEXT_MARKER
)


@method_decorator(cache_public_page, name="dispatch")
class OrganisationDetailView(DetailView):
    def get_queryset(self):
        # What the profile shows beyond the row is read in get_context_data, only when
        # the page's fragment is rendered afresh (core/fragments.py).
        return Organisation.objects.active()

    def get_object(self, queryset=None):
        # The most visited page of the site: its one query compiled once (core.compiled).
        found = _active_by_slug(self.kwargs["slug"])
        if not found:
            raise Http404
        return found[0]

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
        request, organisation = self.request, self.object
        return super().get_context_data(
            fields=later(lambda: list(organisation.fields.all())),
            public_contacts=later(lambda: list(organisation.contacts.public())),
            # Each app's section, kept by the generations of the apps it names.
            sections=registry.collect("profile_sections", request, organisation),
            may_edit=organisation.contacts.filter(user_id=request.user.pk).exists()
            if request.user.is_authenticated
            else False,
            fragment_variant=visitor_variant(request),
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
