from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts and roles"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from . import permissions  # noqa: F401  (registers the policies)
        from .api import schema  # noqa: F401  (describes the token authentication to the schema)
        from .sessions import session_started

        user_logged_in.connect(session_started, dispatch_uid="accounts.session_started")
