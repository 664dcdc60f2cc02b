from django.apps import AppConfig


class CoreConfig(AppConfig):
    """The platform below the domain apps: scoping, generic views, API base, uploads, history."""

    name = "core"
    verbose_name = "Portal platform"
