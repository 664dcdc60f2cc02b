"""The errors every service raises besides Django's ValidationError and PermissionDenied.

- `ValidationError` (Django): the input is wrong; pages show it on the form, the API answers 400.
- `PermissionDenied` (Django): the user may not do this; 403 (raised by `core.scoping`).
- `InvalidTransition`: the record's state does not allow the step; the API answers 409.
"""

from django.core.exceptions import ValidationError


class InvalidTransition(Exception):
    """A workflow step that the object's current state does not allow (answered 409 by the API)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleVersion(InvalidTransition):
    """Someone saved the record since this form or request read it: nothing was overwritten."""


def add_service_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when the form has it, else on top."""
    if hasattr(error, "error_dict"):
        for field, messages_ in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages_)
    else:
        form.add_error(None, error.messages)
