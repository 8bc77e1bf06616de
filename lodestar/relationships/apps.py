from django.apps import AppConfig


class RelationshipsConfig(AppConfig):
    name = "lodestar.relationships"
    label = "relationships"
