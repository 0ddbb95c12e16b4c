"""What the meetings pages share: the form page, loading the URL's meeting for
coordinators, and the corrections (Berichtigungen) shown beside a record."""

from django.db.models import Prefetch
from django.shortcuts import get_object_or_404
from django.urls import reverse

from core.roles import get_roles
from meetings.models import Meeting


def _corrections_prefetch():
    from core.models import Correction

    return Prefetch(
        "corrections",
        queryset=Correction.objects.select_related("corrected_by", "content_type"),
    )


def _corrections_of(record):
    from core.models import Correction

    return Correction.objects.of(record).select_related("content_type")


class FormPageMixin:
    """Context for the shared form page: a heading, a back link and a submit label."""

    template_name = "meetings/form.html"
    heading = ""
    submit_label = None

    def get_heading(self):
        return self.heading

    def get_cancel_url(self):
        meeting = getattr(self, "meeting", None)
        return meeting.get_absolute_url() if meeting else reverse("meetings:list")

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=self.get_heading(),
            cancel_url=self.get_cancel_url(),
            submit_label=self.submit_label,
            meeting=getattr(self, "meeting", None),
            **kwargs,
        )


class MeetingScopedMixin:
    """Loads the meeting of the URL for coordinator pages."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and get_roles(request.user).is_coordinator:
            self.meeting = get_object_or_404(Meeting, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)


def _fields(form, names):
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}
