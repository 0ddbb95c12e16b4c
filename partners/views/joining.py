"""Joining the network: /mitmachen/."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _lazy
from django.views.generic import FormView, TemplateView

from core.actions import ServiceFormMixin
from core.network import get_network
from core.ratelimit import rate_limit
from core.roles import LoginRequiredMixin
from partners import services
from partners.forms import ApplicationForm, DeclarationForm
from partners.models import AgreementVersion


def profile_data(form):
    return {name: form.cleaned_data[name] for name in services.PROFILE_FIELDS}


class JoinView(TemplateView):
    template_name = "partners/join.html"

    def get_context_data(self, **kwargs):
        application = services.pending_application_of(self.request.user)
        signed = application is not None and application.declarations.exists()
        if not self.request.user.is_authenticated:
            step = 1
        elif application is None or not application.name:
            step = 2
        elif not signed:
            step = 3
        else:
            step = 4
        return super().get_context_data(
            agreement=AgreementVersion.objects.current(),
            application=application,
            step=step,
            next_url=reverse("partners:join_organisation"),
            **kwargs,
        )


@method_decorator(rate_limit("join", limit=20, period=60), name="dispatch")
class JoinOrganisationView(LoginRequiredMixin, ServiceFormMixin, FormView):
    form_class = ApplicationForm
    template_name = "partners/join_organisation.html"

    @cached_property
    def application(self):
        return services.pending_application_of(self.request.user)

    def dispatch(self, request, *args, **kwargs):
        if (
            request.user.is_authenticated
            and self.application
            and self.application.declarations.exists()
        ):
            return redirect("partners:join_done")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.application
        kwargs["applicant"] = self.request.user
        if self.application is not None:
            contact = self.application.contacts.filter(user=self.request.user).first()
            kwargs["initial"] = {
                "contact_name": contact.name if contact else "",
                "contact_function": contact.function if contact else "",
                "recruited_by": self.application.recruited_by_id,
            }
        else:
            kwargs["initial"] = {"contact_name": self.request.user.name}
        return kwargs

    success_message = _lazy("Die Daten Ihrer Organisation sind gespeichert.")

    def perform(self, form):
        return services.save_application(
            by=self.request.user,
            data=profile_data(form),
            fields=form.cleaned_data["fields"],
            logo=form.new_logo(),
            recruited_by=form.cleaned_data["recruited_by"],
            contact={
                "name": form.cleaned_data["contact_name"],
                "function": form.cleaned_data["contact_function"],
            },
        )

    def get_success_url(self):
        return reverse("partners:join_sign")


@method_decorator(rate_limit("join", limit=20, period=60), name="dispatch")
class JoinSignView(LoginRequiredMixin, ServiceFormMixin, FormView):
    form_class = DeclarationForm
    template_name = "partners/join_sign.html"

    @cached_property
    def application(self):
        return services.pending_application_of(self.request.user)

    @cached_property
    def agreement(self):
        return AgreementVersion.objects.current()

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            if self.application is None:
                return redirect("partners:join_organisation")
            if self.application.declarations.exists():
                return redirect("partners:join_done")
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        contact = self.application.contacts.filter(user=self.request.user).first()
        return {
            **super().get_form_kwargs(),
            "organisation": self.application,
            "agreement_version": self.agreement,
            "initial": {
                "full_name": contact.name if contact else self.request.user.name,
                "function": contact.function if contact else "",
                "place": self.application.city or get_network().city,
            },
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            application=self.application, agreement=self.agreement, **kwargs
        )

    success_message = _lazy("Vielen Dank! Ihre Erklärung zur Mitarbeit ist abgegeben.")

    def perform(self, form):
        return services.sign_declaration(
            organisation=self.application,
            by=self.request.user,
            full_name=form.cleaned_data["full_name"],
            function=form.cleaned_data["function"],
            place=form.cleaned_data["place"],
            agreement_version=self.agreement,
        )

    def get_success_url(self):
        return reverse("partners:join_done")


class JoinDoneView(LoginRequiredMixin, TemplateView):
    template_name = "partners/join_done.html"

    def get(self, request, *args, **kwargs):
        self.application = services.pending_application_of(request.user)
        if self.application is None or not self.application.declarations.exists():
            return redirect("partners:join")
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            application=self.application,
            declaration=self.application.declarations.select_related("agreement_version").first(),
            **kwargs,
        )
