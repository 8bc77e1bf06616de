"""Where outreach listens to the rest of Lodestar.

* A request's expiry is a notification row (``request_expired``, due when the request runs out):
  the database remembers it across restarts and the scheduler claims it whenever it next runs.
  When delivery saves that row, the request it is about is closed, so the mentee is told and the
  request is marked expired in the same step, however late the scheduler runs.
* A mentor's profile saved, or a mentor signing in again, may open a place: the waitlist hears.
* A verified email address may match invitations from mentees.
"""

from __future__ import annotations

from allauth.account.signals import email_confirmed
from django.contrib.auth.signals import user_logged_in
from django.db.models.signals import post_save
from django.dispatch import receiver

from lodestar.notifications.models import Notification
from lodestar.people.models import Profile

from .invitations import external_mentors_link
from .models import Waitlist
from .services import intro_request_expire
from .shortlist import waitlist_notify


@receiver(post_save, sender=Notification, dispatch_uid="outreach-expire-request")
def _expire_when_due(sender, instance: Notification, created: bool, **kwargs) -> None:
    # Delivery saves the row once it has been claimed (delivered, skipped, or held for the
    # mentee's quiet hours): the request's time is up either way. A cancelled row means the
    # request was answered or withdrawn first.
    if (
        created
        or kwargs.get("raw")  # a restore or fixture load replays rows; it acts on nothing
        or instance.kind != "request_expired"
        or instance.state == Notification.State.CANCELLED
    ):
        return
    prefix, _sep, rest = instance.key.partition(":")
    request_id = rest.split(":", 1)[0]
    if prefix == "intro-request" and request_id.isdigit():
        intro_request_expire(
            request_id=int(request_id), now=instance.dispatched_at or instance.due_at
        )


@receiver(post_save, sender=Profile, dispatch_uid="outreach-waitlist-on-profile")
def _place_may_open(sender, instance: Profile, created: bool, **kwargs) -> None:
    if not created and not kwargs.get("raw") and instance.is_mentor:
        waitlist_notify(mentor=instance)


@receiver(user_logged_in, dispatch_uid="outreach-waitlist-on-login")
def _back_again(sender, request, user, **kwargs) -> None:
    profile = Profile.objects.filter(user=user).first()
    if (
        profile is not None
        and Waitlist.objects.filter(mentor=profile, notified_at__isnull=True).exists()
    ):
        waitlist_notify(mentor=profile)


@receiver(email_confirmed, dispatch_uid="outreach-link-invitations")
def _invited_address_verified(sender, request, email_address, **kwargs) -> None:
    profile = Profile.objects.filter(user=email_address.user).first()
    if profile is not None:
        external_mentors_link(profile=profile, email=email_address.email)
