"""Schemathesis against the API in-process (WSGI, no server): every check, bounded examples, once
with a secretariat token and once with an NFP's, on the demo data of the database in DATABASE_URL.

Usage (`.ci/schemathesis` migrates and loads the demo data first):

    .venv/bin/python .ci/run_schemathesis.py [--max-examples N] [--max-time SECONDS] [extra `st run` options]

Schemathesis 4's command line tests a URL only, so this runs its own `st run` command with the
schema loaded from the WSGI application instead of over HTTP (`schemathesis.openapi.from_wsgi`):
the same phases, checks, options, output and exit code as the command line. Exit code 0: no
failure in either run. It replaces `schemathesis.cli.loaders.load_schema`, which is not public
API: check it again when upgrading schemathesis (pinned in requirements-dev.txt).
"""

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unccd_portal.settings.development")

SCHEMA_PATH = "/api/v1/schema/"
# The command line wants a URL; the loader below reads the path of it from the application.
SCHEMA_URL = f"http://localhost{SCHEMA_PATH}"
CONFIG = Path(__file__).with_name("schemathesis.toml")
# Who the API is tested as: the demo's secretariat (every write) and Kenya's NFP (a country's).
USERS = ("secretariat", "nfp-kenya")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--max-examples", type=int, default=5, help="test cases per operation and phase")
    parser.add_argument("--max-time", type=int, default=60, help="seconds of testing per user")
    parser.add_argument("--users", nargs="+", default=list(USERS))
    options, extra = parser.parse_known_args()

    import django

    django.setup()

    import schemathesis
    from schemathesis.cli import loaders
    from schemathesis.cli.commands import schemathesis as command
    from schemathesis.transport.wsgi import WSGITransport

    from accounts.models import APIToken, User
    from accounts.services import token_create
    from unccd_portal.wsgi import application

    # `st run` loads its schema over HTTP; load it from the application instead.
    def load_from_application(location, config):
        return schemathesis.openapi.from_wsgi(SCHEMA_PATH, application, config=config._parent)

    loaders.load_schema = load_from_application

    # Schemathesis 4.32.5 passes socket-level options (max_redirects, ...) to the WSGI transport
    # when a check sends a probe without the session (ignored_auth), and werkzeug refuses them.
    send = WSGITransport.send

    def send_without_socket_options(self, case, *, session=None, **kwargs):
        for name in ("max_redirects", "verify", "cert", "proxies"):
            kwargs.pop(name, None)
        return send(self, case, session=session, **kwargs)

    WSGITransport.send = send_without_socket_options

    @schemathesis.auth(refresh_interval=None)
    class PortalToken:
        """The user's token, issued again when the run revoked it (DELETE /auth/tokens/ is tested too)."""

        row = None

        def get(self, case, ctx):
            if PortalToken.row is None or not APIToken.objects.filter(pk=PortalToken.row[0].pk).exists():
                PortalToken.row = token_create(user=User.objects.get(username=current["user"]))
            return PortalToken.row[1]

        def set(self, case, data, ctx):
            case.headers = {**(case.headers or {}), "Authorization": f"Token {data}"}

    current = {}
    failed = []
    for username in options.users:
        current["user"], PortalToken.row = username, None
        print(f"\n=== schemathesis as {username} ===", flush=True)
        started = time.monotonic()
        arguments = [
            "--config-file",
            str(CONFIG),
            "run",
            SCHEMA_URL,
            "--checks",
            "all",
            "--max-examples",
            str(options.max_examples),
            "--max-time",
            str(options.max_time),
            "--seed",
            "20261130",
            "--workers",
            "1",
            "--no-color",
            *extra,
        ]
        try:
            command.main(args=arguments, prog_name="st", standalone_mode=False)
            code = 0
        except SystemExit as exit_:
            code = exit_.code or 0
        print(f"=== {username}: exit {code} in {time.monotonic() - started:.0f} s ===", flush=True)
        if code:
            failed.append(username)
    if failed:
        print(f"schemathesis failed as: {', '.join(failed)}")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
