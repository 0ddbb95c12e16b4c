"""What the views of one working group share: loading it, and who may use them."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

from core.actions import ServiceActionMixin
from workgroups.models import WorkingGroup


class GroupMixin:
    """Loads the group named in the URL and checks what the view needs on it."""

    def check_group(self, group):
        """Raise PermissionDenied unless the user may use this view on the group."""

    @cached_property
    def group(self):
        group = get_object_or_404(WorkingGroup.objects.with_members(), slug=self.kwargs["slug"])
        self.check_group(group)
        return group

    def get_context_data(self, **kwargs):
        return super().get_context_data(group=self.group, **kwargs)


class ManagerMixin(GroupMixin):
    def check_group(self, group):
        if not group.may_be_managed_by(self.request.user):
            raise PermissionDenied(_("Nur die Leitung der Gruppe oder die Koordination darf das."))


class ConfirmedActionMixin(ServiceActionMixin):
    """GET shows a confirmation page, POST calls `perform()`; refusals become messages."""

    def get_success_url(self):
        return self.group.get_absolute_url()
