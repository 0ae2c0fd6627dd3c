# Production image: gunicorn serving the site; whitenoise serves the static files (nginx,
# deploy/nginx.conf, serves them and public media directly when it stands in front).
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    DEBUG=false \
    MEDIA_ROOT=/data/media \
    PRIVATE_MEDIA_ROOT=/data/private \
    STATIC_ROOT=/app/var/static \
    BACKUP_DIR=/data/backups \
    PORT=8000

# The PostgreSQL server's major version (docker-compose.yml's db): backup_site runs pg_dump
# and restore_site pg_restore, which must be of that version, from PostgreSQL's own apt
# repository. gnupg encrypts backups when BACKUP_GPG_RECIPIENT is set. Tesseract with its
# Khmer and English models reads scanned documents (OCR, in the worker).
ARG PG_MAJOR=16
RUN apt-get update \
    && apt-get install -y --no-install-recommends curl gnupg postgresql-common \
       tesseract-ocr tesseract-ocr-khm tesseract-ocr-eng \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends postgresql-client-${PG_MAJOR} \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 assa

WORKDIR /app

# Dependencies first, so that a code change does not reinstall them.
COPY pyproject.toml README.md ./
RUN mkdir assa members events documents news \
    && touch assa/__init__.py members/__init__.py events/__init__.py documents/__init__.py news/__init__.py \
    && pip install . \
    && pip uninstall -y assa-site

COPY . .

# collectstatic needs settings that start: a throwaway key and host, used only here.
RUN SECRET_KEY=build-only-$(python -c 'import secrets; print(secrets.token_urlsafe(64))') \
    ALLOWED_HOSTS=build.invalid \
    SITE_URL=https://build.invalid \
    python manage.py collectstatic --noinput \
    && mkdir -p /data/media /data/private /data/backups && chown -R assa:assa /data /app/var

USER assa
VOLUME ["/data/media", "/data/private", "/data/backups"]
EXPOSE 8000

# Asked with the first of ALLOWED_HOSTS as its Host (Django refuses other hosts).
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
    CMD host="${ALLOWED_HOSTS%%,*}"; curl -fsS -H "Host: ${host#.}" "http://127.0.0.1:${PORT}/healthz" || exit 1

# Migrations run on start; gunicorn reads gunicorn.conf.py.
CMD ["sh", "-c", "python manage.py migrate --noinput && exec gunicorn --config gunicorn.conf.py"]
