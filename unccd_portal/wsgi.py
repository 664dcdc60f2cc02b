"""WSGI entry point (gunicorn unccd_portal.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "unccd_portal.settings.production")

application = get_wsgi_application()
