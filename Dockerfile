# Production image: gunicorn web, Celery worker and beat all run from it.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=unccd_portal.settings.production
WORKDIR /app
# WeasyPrint (PDF downloads) needs Pango and HarfBuzz, and fonts for Chinese and Arabic.
RUN apt-get update -qq && apt-get install -y -qq --no-install-recommends \
      libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core fonts-noto-cjk fonts-hosny-amiri \
 && rm -rf /var/lib/apt/lists/*
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN SECRET_KEY=collectstatic ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    REDIS_URL=redis://build:6379/0 python manage.py collectstatic --no-input \
 && useradd --system --home /app unccd && mkdir -p /app/media && chown unccd /app/media
USER unccd
EXPOSE 8000
# gunicorn.conf.py: gthread workers, 2 x cores + 1 of them (WEB_CONCURRENCY overrides), timeouts,
# max_requests; docker-compose.yml runs the worker and beat from this image with other commands.
CMD ["gunicorn", "-c", "gunicorn.conf.py", "unccd_portal.wsgi"]
