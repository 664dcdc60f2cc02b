"""Errors of the workprogramme services that are not plain validation errors (the API answers 409)."""


class InvalidTransition(Exception):
    """A workflow step that the submission's current state does not allow."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class StaleVersion(InvalidTransition):
    """Someone saved the submission since this form or request read it: nothing was overwritten."""
