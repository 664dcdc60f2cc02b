from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from . import permissions  # noqa: F401  (registers the policies)
        from .api import schema  # noqa: F401  (describes the token authentication to the schema)
