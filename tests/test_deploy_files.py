"""The container files say what the deployment needs: no container runtime runs here, so these
read the Dockerfile, compose.yaml, the nginx template and .dockerignore for their essential
parts. tests/browser/test_proxy_browser.py runs the same topology for real (two processes,
one PostgreSQL database, nginx with this very template)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.proxy import TEMPLATE, render

ROOT = Path(__file__).resolve().parents[1]


def dockerfile() -> list[tuple[str, str]]:
    """(instruction, its arguments) of each instruction, continuation lines joined."""
    text = re.sub(r"\\\n", " ", (ROOT / "Dockerfile").read_text())
    found = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            instruction, _, rest = line.partition(" ")
            found.append((instruction.upper(), rest.strip()))
    return found


def compose() -> dict[str, Any]:
    loaded = yaml.safe_load((ROOT / "compose.yaml").read_text())
    assert isinstance(loaded, dict)
    return loaded


def app_services(services: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The services that run the app server: built from the Dockerfile, the image's command."""
    return {
        name: service
        for name, service in services.items()
        if service.get("build") == "." and "command" not in service
    }


def test_the_image_runs_the_app_as_a_user_with_a_health_check() -> None:
    steps = dockerfile()
    assert steps[0] == ("FROM", "python:3.11-slim")
    users = [rest for instruction, rest in steps if instruction == "USER"]
    assert users and users[-1] not in ("root", "0", "0:0")
    install = [
        rest for instruction, rest in steps if instruction == "RUN" and "pip install" in rest
    ]
    assert install and re.search(r"pip install (--editable |-e )?\.", install[0])
    # the user comes after everything that needs root, and before the command
    order = [instruction for instruction, _ in steps]
    assert order.index("USER") > max(i for i, name in enumerate(order) if name == "RUN")
    (health,) = [rest for instruction, rest in steps if instruction == "HEALTHCHECK"]
    assert "/_stcore/health" in health and "8501" in health
    (command,) = [rest for instruction, rest in steps if instruction == "CMD"]
    words = yaml.safe_load(command)  # the exec form is a JSON (so YAML) list
    assert words[:2] == ["landscape", "serve"]
    assert words[words.index("--address") + 1] == "0.0.0.0"
    assert words[words.index("--port") + 1] == "8501"
    assert "--no-demo" in words


def test_the_image_leaves_out_environments_data_and_caches() -> None:
    ignored = {
        line.strip()
        for line in (ROOT / ".dockerignore").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    for needed in (".venv", "data", ".git", "**/__pycache__", ".env", ".streamlit/secrets.toml"):
        assert needed in ignored, needed
    assert {".pytest_cache", ".mypy_cache", ".ruff_cache"} <= ignored
    # the proxy's private key stays out of the app's image and out of the repository
    assert "deploy/tls" in ignored
    assert "/deploy/tls/" in (ROOT / ".gitignore").read_text().splitlines()


def test_the_database_keeps_its_data_and_says_when_it_is_ready() -> None:
    services = compose()["services"]
    db = services["db"]
    assert str(db["image"]).startswith("postgres:")
    assert any(str(v).endswith(":/var/lib/postgresql/data") for v in db["volumes"])
    volume = str(db["volumes"][0]).split(":", 1)[0]
    assert volume in compose()["volumes"]  # a named volume, not the container's own layer
    assert "pg_isready" in " ".join(db["healthcheck"]["test"])


def test_one_upgrade_runs_before_the_app_processes() -> None:
    services = compose()["services"]
    migrate = services["migrate"]
    assert migrate["command"] == ["landscape", "db", "upgrade"]
    assert migrate["restart"] == "no"
    assert migrate["depends_on"]["db"]["condition"] == "service_healthy"
    apps = app_services(services)
    for service in apps.values():
        assert service["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_two_app_processes_share_one_database_behind_the_proxy() -> None:
    services = compose()["services"]
    apps = app_services(services)
    assert len(apps) >= 2
    urls = {service["environment"]["DATABASE_URL"] for service in apps.values()}
    assert len(urls) == 1  # one database for every process, and for the upgrade
    (url,) = urls
    assert url.startswith("postgresql://") and "@db:5432/" in url
    assert services["migrate"]["environment"]["DATABASE_URL"] == url
    for name, service in apps.items():
        assert "ports" not in service, f"{name} must be reached through the proxy only"
        assert service["environment"]["LANDSCAPE_CLIENT_ADDRESS_HEADER"] == "X-Real-IP"
        assert service["environment"]["LANDSCAPE_PUBLIC_URL"]
        assert service["environment"]["LANDSCAPE_ADMIN_TOKEN"]
    proxy = services["proxy"]
    assert str(proxy["image"]).startswith("nginx:")
    assert "443:443" in proxy["ports"]
    assert set(proxy["depends_on"]) == set(apps)
    assert all(v["condition"] == "service_healthy" for v in proxy["depends_on"].values())
    upstreams = proxy["environment"]["LANDSCAPE_UPSTREAMS"]
    assert sorted(re.findall(r"server (\S+):8501;", upstreams)) == sorted(apps)
    mounted = {str(v).split(":")[0]: str(v).split(":")[1] for v in proxy["volumes"]}
    assert mounted["./deploy/nginx/landscape.conf.template"].startswith("/etc/nginx/templates/")


def test_the_proxy_configuration_is_sticky_carries_websockets_and_terminates_https() -> None:
    environment = compose()["services"]["proxy"]["environment"]
    # compose fills its own ${NAME:?...} from .env: a host name stands in for it here
    values = {
        k: re.sub(r"\$\{[^}]*\}", "landscape.example", str(v)) for k, v in environment.items()
    }
    config = render(TEMPLATE.read_text(), values)  # every placeholder has its value in compose
    assert "${" not in config
    assert re.search(r"hash \$landscape_route consistent;", config)
    assert "server app1:8501; server app2:8501;" in config
    assert "proxy_set_header Upgrade $http_upgrade;" in config
    assert "proxy_set_header Connection $landscape_connection;" in config
    assert "proxy_http_version 1.1;" in config
    assert re.search(r"proxy_read_timeout (\d+d|\d{4,}s?);", config)
    assert "listen 443 ssl;" in config
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in config
    assert "return 301 https://" in config
    # the app's own CSP (with the page's hashes) and HSTS are never doubled at the proxy
    assert "Content-Security-Policy" not in config
    assert "Strict-Transport-Security" not in config


def test_a_placeholder_without_a_value_is_refused() -> None:
    with pytest.raises(ValueError, match="LANDSCAPE_UPSTREAMS"):
        render("upstream x { ${LANDSCAPE_UPSTREAMS} }", {})


def test_ci_installs_nginx_beside_chromium() -> None:
    installed = re.findall(r"^need_deb (\S+)$", (ROOT / ".ci" / "run").read_text(), re.MULTILINE)
    assert "nginx" in installed and "chromium" in installed
