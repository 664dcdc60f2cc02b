"""Reads of public pages and of the read-only API from a replica (DATABASE_REPLICA_URL).

Nothing reads from the replica unless asked: `replica_reads()` marks a block of code, and
`ReplicaReadMiddleware` marks the safe-method requests that may be served from slightly old data
(anonymous visitors' pages, GET/HEAD on the API). Inside a marked block a read still goes to the
primary when

- the model belongs to an app whose rows decide who the user is (sessions, users, tokens, login
  throttles): a session written a moment ago must be found;
- the primary is inside a transaction (`atomic`): a transaction reads its own writes;
- something was already written in this block: a request reads its own writes;
- no `replica` alias is configured, or DATABASE_REPLICA_READS is off (a switch to send every
  read back to the primary, e.g. while the replica lags far behind).

Writes always go to the primary. A browser that has just written (any unsafe request) carries a
cookie for a few seconds that keeps its next requests on the primary, so that a redirect after a
POST shows what was saved even when the replica lags behind.
"""

from __future__ import annotations

import contextvars
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, connections

REPLICA_DB_ALIAS = "replica"
# Apps whose rows are read to authenticate a request: always read from the primary.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "accounts", "authtoken", "axes", "admin"})
# The cookie that keeps a browser on the primary after it wrote, and for how long.
PIN_COOKIE = "db_primary"
PIN_SECONDS = 10
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Paths that are never served from the replica: logins, the admin, the health check.
PRIMARY_PATH_PREFIXES = ("/accounts/", "/admin/", "/healthz", "/i18n/")


@dataclass
class _ReplicaState:
    """Whether the current block may read from the replica, and whether it has written yet."""

    enabled: bool = False
    wrote: bool = False


_state: contextvars.ContextVar[_ReplicaState | None] = contextvars.ContextVar("replica_reads", default=None)


def replica_configured() -> bool:
    return REPLICA_DB_ALIAS in connections.settings


def replica_reads_on() -> bool:
    return settings.DATABASE_REPLICA_READS and replica_configured()


@contextmanager
def replica_reads(enabled: bool = True) -> Iterator[None]:
    """Let the reads inside the block go to the replica (see the module's rules)."""
    token = _state.set(_ReplicaState(enabled=enabled))
    try:
        yield
    finally:
        _state.reset(token)


class PrimaryReplicaRouter:
    """Sends marked reads to `replica`, everything else to `default`."""

    def db_for_read(self, model, **hints):
        state = _state.get()
        if (
            state is None
            or not state.enabled
            or state.wrote
            or model._meta.app_label in PRIMARY_ONLY_APPS
            or not replica_reads_on()
            or connections[DEFAULT_DB_ALIAS].in_atomic_block
        ):
            return DEFAULT_DB_ALIAS
        return REPLICA_DB_ALIAS

    def db_for_write(self, model, **hints):
        state = _state.get()
        if state is not None:
            state.wrote = True
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the same rows as the primary.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db == DEFAULT_DB_ALIAS


def request_may_read_replica(request) -> bool:
    """Safe methods on the API, or on public pages for anonymous visitors, not just after a write."""
    if request.method not in SAFE_METHODS or PIN_COOKIE in request.COOKIES:
        return False
    if request.path.startswith(PRIMARY_PATH_PREFIXES):
        return False
    if request.path.startswith("/api/"):
        return True
    return not request.user.is_authenticated


class ReplicaReadMiddleware:
    """Marks the requests that may read from the replica; pins a browser to the primary after a write.

    Placed after AuthenticationMiddleware (it asks whether the visitor is anonymous). A streamed
    response (CSV exports) reads from the replica too while it is being sent.
    """

    def __init__(self, get_response):
        if not replica_configured():
            raise MiddlewareNotUsed
        self.get_response = get_response

    def __call__(self, request):
        if not settings.DATABASE_REPLICA_READS:
            return self.get_response(request)
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            response.set_cookie(
                PIN_COOKIE,
                "1",
                max_age=PIN_SECONDS,
                httponly=True,
                samesite="Lax",
                secure=settings.SESSION_COOKIE_SECURE,
            )
            return response
        enabled = request_may_read_replica(request)
        with replica_reads(enabled):
            response = self.get_response(request)
        if enabled and response.streaming and not response.is_async:
            response.streaming_content = _from_replica(response.streaming_content)
        return response


def _from_replica(chunks):
    """Produce each chunk with replica reads on; the mark is never held while the server sends."""
    iterator = iter(chunks)
    try:
        while True:
            with replica_reads():
                chunk = next(iterator, _END)
            if chunk is _END:
                return
            yield chunk
    finally:
        if hasattr(iterator, "close"):
            iterator.close()


_END = object()
