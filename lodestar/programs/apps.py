from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "lodestar.programs"
    label = "programs"

    def ready(self) -> None:
        from . import notices  # noqa: F401  registers notification kinds
