# Production image: gunicorn web, Celery worker and beat all run from it.
FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 \
    DJANGO_SETTINGS_MODULE=unccd_portal.settings.production
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN SECRET_KEY=collectstatic ALLOWED_HOSTS=localhost DATABASE_URL=sqlite:////tmp/build.sqlite3 \
    python manage.py collectstatic --no-input \
 && useradd --system --home /app unccd && mkdir -p /app/media && chown unccd /app/media
USER unccd
EXPOSE 8000
CMD ["gunicorn", "unccd_portal.wsgi", "--bind", "0.0.0.0:8000", "--workers", "3", "--timeout", "60"]
