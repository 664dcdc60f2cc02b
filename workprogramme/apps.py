from django.apps import AppConfig


class WorkprogrammeConfig(AppConfig):
    name = "workprogramme"
    verbose_name = "Results frameworks and work programmes"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the policies)
