from django.apps import AppConfig


class ReportingConfig(AppConfig):
    name = "reporting"
    verbose_name = "Finance, staffing and performance reports"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the policies)
