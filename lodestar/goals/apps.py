from django.apps import AppConfig


class GoalsConfig(AppConfig):
    name = "lodestar.goals"
    label = "goals"
