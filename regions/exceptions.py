"""Errors of the regions app's services that are not plain validation errors."""


class InvalidTransition(Exception):
    """A workflow step that the object's current state does not allow (answered 409 by the API)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message
