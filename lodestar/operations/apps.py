from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running Lodestar: backup and restore, encryption key rotation, deployment checks."""

    name = "lodestar.operations"
    label = "operations"
    verbose_name = _("Operations")
