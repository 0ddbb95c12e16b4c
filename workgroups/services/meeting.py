"""Planning a working group's meeting: the rows are made by meetings.services.plan_group_meeting."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.mail import send_templated_mail
from meetings.services import plan_group_meeting
from workgroups import policies
from workgroups.bounds import check_year
from workgroups.models import WorkingGroup
from workgroups.services.messages import member_emails


@transaction.atomic
def schedule_group_meeting(
    *, group, by, title, start, end, place="", online_url="", description="", notify=True
):
    """Plan a working-group meeting and invite the group's member organisations only.

    `notify=False` records the invitations without mailing them (demo data).
    """
    group = WorkingGroup.objects.select_for_update().get(pk=group.pk)
    policies.can_plan_meeting(by, group).enforce()
    check_year(start)
    check_year(end)
    if end <= start:
        raise ValidationError(_("Das Ende muss nach dem Beginn liegen."), code="end")
    if start <= timezone.now():
        raise ValidationError(_("Planen kann man nur künftige Treffen."), code="past")
    # The meeting and its invitations are the meetings app's rows: it makes them.
    meeting = plan_group_meeting(
        workgroup=group,
        by=by,
        title=title,
        start=start,
        end=end,
        place=place,
        online_url=online_url,
        description=description,
    )
    if notify:
        send_templated_mail(
            template="workgroups/email/meeting_invitation",
            context={"group": group, "meeting": meeting},
            to=member_emails(group),
        )
    return meeting
