from __future__ import annotations

import uuid

from allauth.account.adapter import DefaultAccountAdapter

from lodestar.notifications.outbox import email_queue


class AccountAdapter(DefaultAccountAdapter):
    """Account emails (verification, password reset) go through the outbox like every other email:
    sent at once, recorded, and retried if the mail server is down."""

    def send_mail(self, template_prefix: str, email: str, context: dict) -> None:
        message = self.render_mail(template_prefix, email, context)
        html = next((body for body, mime in getattr(message, "alternatives", []) if mime == "text/html"), "")
        email_queue(
            key=f"account:{template_prefix.rsplit('/', 1)[-1]}:{uuid.uuid4().hex}",
            to=email,
            subject=message.subject,
            text=message.body,
            html=html,
            send_now=True,
        )
