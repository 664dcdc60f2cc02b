# Production image: gunicorn web, Celery worker and beat all run from it.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=unccd_portal.settings.production
WORKDIR /app
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
