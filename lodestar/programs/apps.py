from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "lodestar.programs"
    label = "programs"
