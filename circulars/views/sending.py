"""Sending a circular and what follows: test mail, send, cancel, resume, publish."""

from django.utils.translation import gettext as _
from django.views.generic import FormView

from circulars import audience as audiences
from circulars import policies, services
from circulars.views.circular import CircularScopedMixin
from core.actions import ServiceActionView, ServiceFormMixin


class CircularSendView(CircularScopedMixin, ServiceFormMixin, FormView):
    """GET shows the exact number of recipients and asks; POST queues the send."""

    template_name = "circulars/circular_confirm_send.html"

    def get_form_class(self):
        from django import forms

        return forms.Form

    def get_context_data(self, **kwargs):
        count = audiences.count(self.circular.kind, self.circular.audience)
        return super().get_context_data(
            recipient_count=count,
            audience_text=audiences.describe(self.circular.audience),
            may_send=policies.can_send_circular(
                self.request.user, self.circular, recipient_count=count
            ),
            **kwargs,
        )

    def perform(self, form):
        return services.queue_circular(circular=self.circular, by=self.request.user)

    def get_success_message(self, result):
        return _("Das Rundschreiben wartet auf den Versand; der Fortschritt steht unten.")


class CircularActionView(CircularScopedMixin, ServiceActionView):
    def get_success_url(self):
        return self.circular.get_absolute_url()


class CircularTestView(CircularActionView):
    def perform(self):
        return services.send_test(circular=self.circular, by=self.request.user)

    def get_success_message(self, result):
        return _("Eine Testmail an %(address)s ist unterwegs.") % {"address": result}


class CircularCancelView(CircularActionView):
    def perform(self):
        return services.cancel_circular(circular=self.circular, by=self.request.user)

    def get_success_message(self, result):
        return _("Der Versand ist abgebrochen; noch nicht gesendete Mails gehen nicht mehr hinaus.")


class CircularResumeView(CircularActionView):
    def perform(self):
        return services.resume_circular(circular_id=self.circular.pk, by=self.request.user)

    def get_success_message(self, result):
        return _("Der nächste Teil des Versands ist eingereiht.")


class CircularPublicView(CircularActionView):
    def perform(self):
        return services.set_public(
            circular=self.circular,
            by=self.request.user,
            public=self.request.POST.get("public") == "1",
        )

    def get_success_message(self, result):
        if result.public:
            return _("Das Rundschreiben erscheint nach dem Versand unter „Aktuelles“.")
        return _("Das Rundschreiben erscheint nicht unter „Aktuelles“.")
