"""Logging filters of the portal."""

import logging

from django.core.exceptions import PermissionDenied


class ExpectedRefusalFilter(logging.Filter):
    """A refused request (PermissionDenied, 403) is expected: log its one line, without the traceback.

    Django's `django.request` logger passes the exception along with "Forbidden (Permission denied)";
    a traceback there only buries the errors worth reading.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if record.exc_info and isinstance(record.exc_info[1], PermissionDenied):
            record.exc_info = None
            record.exc_text = None
        return True
