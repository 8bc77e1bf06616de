from django.apps import AppConfig


class MatchingConfig(AppConfig):
    name = "lodestar.matching"
    label = "matching"
    verbose_name = "Matching"
