from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = "lodestar.relationships"
    label = "relationships"

    def ready(self) -> None:
        from . import notices, signals  # noqa: F401  registers notification kinds, receivers
