from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "lodestar.tokens"
    label = "tokens"
    verbose_name = "Access tokens"
