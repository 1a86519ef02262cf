# The app's image: one `landscape serve` process, as compose.yaml runs it (two or more of them
# on one PostgreSQL database, behind nginx). docs/deployment.md says what to set.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# Chromium draws the charts' PNGs and the deck's charts; DejaVu Sans sets the PDF deck.
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/*

# The app never runs as root.
RUN groupadd --system --gid 10001 landscape \
    && useradd --system --uid 10001 --gid landscape --create-home --home-dir /home/landscape \
       --shell /usr/sbin/nologin landscape

WORKDIR /app
COPY . .
# The packages and the `landscape` command. Editable: the app's own scripts (app.py, serve.py,
# pages/) and its Streamlit settings (.streamlit/config.toml) sit beside the packages in /app,
# which the launcher finds from where the packages are. The files stay root's, read-only to
# the app.
RUN pip install --editable . \
    && landscape --help >/dev/null

USER landscape
EXPOSE 8501

# Streamlit's own health check: "ok" once the server answers.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["python", "-c", "import sys, urllib.request; sys.exit(urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4).read().strip() != b'ok')"]

# Listens on every interface of the container, for the proxy; publish no port of it to the
# outside. The schema is upgraded once, before any app process starts (compose's `migrate`);
# `landscape serve` checks it again and never loads the demo data.
CMD ["landscape", "serve", "--address", "0.0.0.0", "--port", "8501", "--no-demo"]
