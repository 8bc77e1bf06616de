from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "lodestar.notifications"
    label = "notifications"

    def ready(self) -> None:
        from . import kinds  # noqa: F401  registers the notification kinds
