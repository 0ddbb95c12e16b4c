"""The lead reaching the members: a message, or a meeting with invitations."""

from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.generic import FormView

from core.actions import ServiceFormMixin
from core.roles import PartnerContactRequiredMixin
from workgroups import services
from workgroups.forms import GroupMeetingForm, GroupMessageForm
from workgroups.views.mixins import ManagerMixin


class MessageView(PartnerContactRequiredMixin, ManagerMixin, ServiceFormMixin, FormView):
    form_class = GroupMessageForm
    template_name = "workgroups/group_message_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            recipient_count=len(services.member_emails(self.group)), **kwargs
        )

    def perform(self, form):
        return services.send_group_message(
            group=self.group, by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, count):
        return ngettext(
            "Die Nachricht ist an %(count)d Person verschickt.",
            "Die Nachricht ist an %(count)d Personen verschickt.",
            count,
        ) % {"count": count}

    def get_success_url(self):
        return self.group.get_absolute_url()


class GroupMeetingCreateView(PartnerContactRequiredMixin, ManagerMixin, ServiceFormMixin, FormView):
    form_class = GroupMeetingForm
    template_name = "workgroups/meeting_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            member_count=self.group.invitee_organisations().count(), **kwargs
        )

    def perform(self, form):
        return services.schedule_group_meeting(
            group=self.group, by=self.request.user, **form.cleaned_data
        )

    def get_success_message(self, meeting):
        return _("Das Treffen „%(title)s“ ist geplant, die Mitglieder sind eingeladen.") % {
            "title": meeting.title
        }

    def get_success_url(self):
        return self.group.get_absolute_url()
