from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "lodestar.meetings"
    label = "meetings"
