"""The work programme: public list and detail pages, and the coordinators' pages to
draft, change and adopt it and report on its items."""

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import CreateView, DetailView, FormView, ListView, UpdateView

from core.actions import CorrectionView, ServiceFormMixin
from core.roles import CoordinatorRequiredMixin, get_roles
from meetings import policies, services
from meetings.forms import (
    AdoptProgrammeForm,
    WorkProgrammeForm,
    WorkProgrammeItemForm,
    WorkProgrammeProgressForm,
    WorkProgrammeUpdateForm,
)
from meetings.models import WorkProgramme, WorkProgrammeItem, this_year
from meetings.views.shared import FormPageMixin, _corrections_of, _corrections_prefetch, _fields


class ProgrammeListView(ListView):
    template_name = "meetings/workprogramme_list.html"
    context_object_name = "programmes"

    def get_queryset(self):
        return (
            WorkProgramme.objects.visible_to(self.request.user)
            .select_related("adopted_by_resolution__agenda_item__meeting")
            .annotate(
                item_count=Count("items", distinct=True),
                done_count=Count(
                    "items", filter=Q(items__status=WorkProgrammeItem.Status.DONE), distinct=True
                ),
            )
            .order_by("-year")
        )

    def get_context_data(self, **kwargs):
        year = this_year()
        current = (
            WorkProgramme.objects.adopted()
            .filter(year=year)
            .prefetch_related(_item_prefetch())
            .first()
        )
        return super().get_context_data(current=current, year=year, **kwargs)


def _item_prefetch():
    return Prefetch(
        "items",
        queryset=WorkProgrammeItem.objects.select_related(
            "responsible_organisation", "responsible_workgroup"
        ).prefetch_related(_corrections_prefetch()),
    )


class ProgrammeDetailView(DetailView):
    template_name = "meetings/workprogramme_detail.html"
    context_object_name = "programme"

    def get_object(self, queryset=None):
        return get_object_or_404(
            WorkProgramme.objects.visible_to(self.request.user)
            .select_related("adopted_by_resolution__agenda_item__meeting")
            .prefetch_related(_item_prefetch()),
            year=self.kwargs["year"],
        )

    def get_context_data(self, **kwargs):
        counts = {status: 0 for status in WorkProgrammeItem.Status.values}
        for item in self.object.items.all():
            counts[item.status] += 1
        progress = [(WorkProgrammeItem.Status(status).label, n) for status, n in counts.items()]
        user = self.request.user
        is_coordinator = get_roles(user).is_coordinator
        programme = self.object
        actions = {}
        if is_coordinator:
            actions = {
                "edit": policies.can_edit_programme(user, programme),
                "add_item": policies.can_add_programme_item(user, programme),
                "adopt": policies.can_adopt_programme(user, programme),
            }
            for item in programme.items.all():
                item.programme = programme
                item.actions = {
                    "edit": policies.can_edit_programme_item(user, item),
                    "progress": policies.can_report_progress(user, item),
                    "correct": policies.can_correct_programme_item(user, item),
                }
        return super().get_context_data(
            progress=progress,
            is_coordinator=is_coordinator,
            actions=actions,
            corrections=_corrections_of(programme),
            **kwargs,
        )


class ProgrammeCreateView(CoordinatorRequiredMixin, ServiceFormMixin, FormPageMixin, CreateView):
    model = WorkProgramme
    form_class = WorkProgrammeForm
    heading = _("Neues Arbeitsprogramm")
    success_message = _("Der Entwurf ist angelegt. Fügen Sie Vorhaben hinzu.")

    def get_initial(self):
        return {"year": this_year() + 1}

    def get_cancel_url(self):
        return reverse("meetings:programme")

    def perform(self, form):
        return services.create_programme(
            by=self.request.user,
            year=form.cleaned_data["year"],
            introduction=form.cleaned_data["introduction"],
        )


class ProgrammeScopedMixin:
    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and get_roles(request.user).is_coordinator:
            self.programme = get_object_or_404(WorkProgramme, year=kwargs["year"])
        return super().dispatch(request, *args, **kwargs)

    def get_cancel_url(self):
        return self.programme.get_absolute_url()


class ProgrammeUpdateView(
    CoordinatorRequiredMixin, ServiceFormMixin, ProgrammeScopedMixin, FormPageMixin, UpdateView
):
    form_class = WorkProgrammeUpdateForm
    success_message = _("Das Arbeitsprogramm ist gespeichert.")

    def get_object(self, queryset=None):
        return self.programme

    def get_heading(self):
        return _("%(programme)s bearbeiten") % {"programme": self.programme}

    def perform(self, form):
        return services.update_programme(
            programme=self.programme,
            by=self.request.user,
            introduction=form.cleaned_data["introduction"],
        )


class ProgrammeItemCreateView(
    CoordinatorRequiredMixin, ServiceFormMixin, ProgrammeScopedMixin, FormPageMixin, CreateView
):
    model = WorkProgrammeItem
    form_class = WorkProgrammeItemForm
    success_message = _("Das Vorhaben ist gespeichert.")

    def get_heading(self):
        return _("Neues Vorhaben: %(programme)s") % {"programme": self.programme}

    def get_initial(self):
        last = self.programme.items.order_by("-order").first()
        return {"order": (last.order + 1) if last else 1}

    def perform(self, form):
        return services.add_programme_item(
            programme=self.programme,
            by=self.request.user,
            **_fields(form, services.PROGRAMME_ITEM_FIELDS),
        )


class ProgrammeItemUpdateView(
    CoordinatorRequiredMixin, ServiceFormMixin, ProgrammeScopedMixin, FormPageMixin, UpdateView
):
    """The whole item of a draft programme; of an adopted one only its progress."""

    success_message = _("Das Vorhaben ist gespeichert.")

    def get_object(self, queryset=None):
        return get_object_or_404(self.programme.items, pk=self.kwargs["item"])

    def get_form_class(self):
        return WorkProgrammeProgressForm if self.programme.is_adopted else WorkProgrammeItemForm

    def get_heading(self):
        if self.programme.is_adopted:
            return _("Stand des Vorhabens: %(title)s") % {"title": self.object.title}
        return _("Vorhaben bearbeiten: %(title)s") % {"title": self.object.title}

    def perform(self, form):
        return services.update_programme_item(
            item=self.object,
            by=self.request.user,
            **_fields(form, form._meta.fields),
        )


class ProgrammeItemCorrectionView(CoordinatorRequiredMixin, CorrectionView):
    """An item of an adopted programme, corrected with a reason."""

    correction_fields = ("title", "description", "responsible_organisation", "target_quarter")
    policy = staticmethod(policies.can_correct_programme_item)

    def get_record(self):
        return get_object_or_404(
            WorkProgrammeItem, programme__year=self.kwargs["year"], pk=self.kwargs["item"]
        )


class ProgrammeAdoptView(
    CoordinatorRequiredMixin, ServiceFormMixin, ProgrammeScopedMixin, FormPageMixin, FormView
):
    form_class = AdoptProgrammeForm
    submit_label = _("Als beschlossen eintragen")
    success_message = _("Das Arbeitsprogramm ist als beschlossen eingetragen.")

    def get_heading(self):
        return _("%(programme)s beschließen") % {"programme": self.programme}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "programme": self.programme}

    def perform(self, form):
        return services.adopt_programme(
            programme=self.programme,
            resolution=form.cleaned_data["resolution"],
            by=self.request.user,
        )
