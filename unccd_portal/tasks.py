"""Platform tasks: a round-trip check used by /healthz and the worker test."""

from celery import shared_task


@shared_task(name="unccd_portal.ping", time_limit=10, soft_time_limit=5)
def ping(payload: str = "pong") -> str:
    """Answer with the payload, proving that a worker took and ran the task."""
    return payload
