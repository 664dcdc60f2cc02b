"""Gunicorn settings of the web processes: `gunicorn unccd_portal.wsgi` reads this file.

Used by the Dockerfile, docker-compose.yml and the README's production commands. Every value can
be changed from the environment (WEB_CONCURRENCY, GUNICORN_THREADS, ...) or on the command line.

Worker class: gthread. A sync worker is killed when one request outlasts `timeout`, so a CSV export
streamed for longer than that would be cut off mid-file; a gthread worker's main thread tells the
arbiter it is alive every second whatever its request threads do, so a stream may run as long as
it needs (nginx's proxy_read_timeout bounds it). The threads also share one psycopg connection pool
per process (settings: DATABASE_POOL). The price: `timeout` no longer bounds a slow request, only a
worker whose main loop hung.
"""

import os


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))  # the cores this container may use
    except AttributeError:
        return os.cpu_count() or 1


bind = os.environ.get("GUNICORN_BIND", f"0.0.0.0:{os.environ.get('PORT', '8000')}")
# 2 x cores + 1 processes, at most GUNICORN_MAX_WORKERS; WEB_CONCURRENCY sets the number outright.
workers = int(
    os.environ.get("WEB_CONCURRENCY") or min(2 * _cores() + 1, int(os.environ.get("GUNICORN_MAX_WORKERS", 8)))
)
worker_class = "gthread"
threads = int(os.environ.get("GUNICORN_THREADS", 4))
# Seconds without a heartbeat from a worker's main loop before the arbiter kills it.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 60))
# On a restart (deploy, max_requests), in-flight requests and streams get this long to finish;
# docker-compose.yml gives the container a little more (stop_grace_period).
graceful_timeout = int(os.environ.get("GUNICORN_GRACEFUL_TIMEOUT", 60))
keepalive = 5
# Recycle each worker after about a thousand requests, staggered, so that slow leaks cannot grow.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 1000))
max_requests_jitter = max_requests // 10
# The application (and its database pool, which runs threads) is loaded in each worker after the
# fork, never in the arbiter: a pool forked with its threads would not work.
preload_app = False
# Heartbeat files in memory rather than on the container's overlay disk.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("LOG_LEVEL", "info").lower()
