from django.apps import AppConfig


class OutreachConfig(AppConfig):
    name = "lodestar.outreach"
    label = "outreach"

    def ready(self) -> None:
        from . import notices, signals  # noqa: F401  registers notification kinds and receivers
