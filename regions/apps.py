from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "regions"
    verbose_name = "Regions, Parties and the regional coordination mechanism"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the policies)
