"""The client's address, trusting forwarded headers only from the configured proxies."""

from django.conf import settings


def client_ip(request) -> str | None:
    """REMOTE_ADDR, or with `TRUSTED_PROXY_COUNT` = n > 0 proxies in front of the portal, the
    address the outermost of them saw (the n-th entry from the right of X-Forwarded-For).

    Entries further left are written by the client and can be anything, so they are never used;
    this is the same rule as DRF's throttles with NUM_PROXIES.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if forwarded:
            return forwarded[-min(proxies, len(forwarded))]
    return request.META.get("REMOTE_ADDR")
