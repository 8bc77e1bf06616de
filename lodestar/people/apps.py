from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "lodestar.people"
    label = "people"
