from django.apps import AppConfig


class CoreConfig(AppConfig):
    """What every app shares; imports no app of the project (see README, "Layout")."""

    name = "core"
