"""The deployment of compose.yaml without containers: one PostgreSQL database, several real
`landscape serve` processes on it, and Debian's nginx in front of them with the project's own
configuration (deploy/nginx/landscape.conf.template), sticky sessions and HTTPS.

nginx runs as the current user with everything it writes (pid, logs, temporary files) in a
folder of its own, on loopback ports; the certificate is a throwaway self-signed one made with
the openssl command. Used by tests/browser/test_proxy_browser.py and bench/load.py.
"""

from __future__ import annotations

import grp
import os
import pwd
import re
import shlex
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.serving import (
    environment,
    free_port,
    kill_marked,
    landscape,
    start_serving,
    wait_until_answering,
)

ROOT = Path(__file__).resolve().parents[1]
TEMPLATE = ROOT / "deploy" / "nginx" / "landscape.conf.template"
NGINX = "/usr/sbin/nginx"
#: The route cookie the proxy sets (deploy/nginx/landscape.conf.template).
ROUTE_COOKIE = "landscape_route"

_PLACEHOLDER = re.compile(r"\$\{([A-Z_][A-Z0-9_]*)\}")
_LOG_LINE = re.compile(
    r'"(?P<request>[^"]*)" (?P<status>\d+) .* route=(?P<route>\S+) upstream=(?P<upstream>\S+)'
)


def render(template: str, values: dict[str, str]) -> str:
    """The template with each ${NAME} replaced, as the nginx image's envsubst does; a name
    with no value is an error here (envsubst would leave it, and nginx then refuse it)."""
    missing = sorted({name for name in _PLACEHOLDER.findall(template) if name not in values})
    if missing:
        raise ValueError(f"no value for {', '.join(missing)}")
    return _PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """A certificate for 127.0.0.1 and localhost, valid for a day, and its key."""
    certificate, key = folder / "proxy.crt", folder / "proxy.key"
    command = shlex.split(
        "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 "
        "-subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1,DNS:localhost"
    )
    subprocess.run(
        [*command, "-keyout", str(key), "-out", str(certificate)],
        check=True,
        capture_output=True,
    )
    return certificate, key


def main_config(folder: Path, site: Path) -> str:
    """nginx's main file around the site: every path nginx writes inside `folder`."""
    user = ""
    if os.geteuid() == 0:  # only root's nginx changes user: keep it ours, to read the folder
        user = f"user {pwd.getpwuid(os.getuid()).pw_name} {grp.getgrgid(os.getgid()).gr_name};"
    temp = {
        name: folder / "temp" / name
        for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    }
    for path in temp.values():
        path.mkdir(parents=True, exist_ok=True)
    return f"""{user}
worker_processes 1;
daemon off;
pid {folder / "nginx.pid"};
error_log {folder / "error.log"} warn;
events {{ worker_connections 1024; }}
http {{
    client_body_temp_path {temp["client_body"]};
    proxy_temp_path {temp["proxy"]};
    fastcgi_temp_path {temp["fastcgi"]};
    uwsgi_temp_path {temp["uwsgi"]};
    scgi_temp_path {temp["scgi"]};
    access_log off;
    include {site};
}}
"""


@dataclass
class Topology:
    """What is running: the proxy's addresses, the app processes and the proxy's log."""

    url: str  # https://127.0.0.1:PORT, through the proxy
    http_url: str  # the plain HTTP address, which only redirects
    app_ports: list[int]
    app_pids: list[int]
    folder: Path
    access_log: Path
    logs: list[Path] = field(default_factory=list)

    def requests(self, route: str) -> list[tuple[str, int, int]]:
        """(request line, status, app port) of every request the proxy logged for a route."""
        found = []
        for line in self.access_log.read_text().splitlines():
            match = _LOG_LINE.search(line)
            if match and match["route"] == route and match["upstream"] != "-":
                port = int(match["upstream"].rsplit(":", 1)[1])
                found.append((match["request"], int(match["status"]), port))
        return found

    def port_of(self, route: str) -> int:
        """The one app process a route has reached so far (an error if none, or several)."""
        deadline = time.monotonic() + 10
        # nginx writes a request's line once it has sent the response: a moment after the
        # browser has it
        while not (ports := {port for _, _, port in self.requests(route)}):
            if time.monotonic() > deadline:
                break
            time.sleep(0.1)
        if len(ports) != 1:
            raise AssertionError(f"route {route} reached {sorted(ports) or 'no process'}")
        return ports.pop()


def no_verify() -> ssl.SSLContext:
    """A TLS context for the throwaway certificate (loopback only)."""
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def fetch(url: str, cookie: str | None = None) -> tuple[int, list[tuple[str, str]], bytes]:
    """GET through the proxy without following redirects: status, headers, body."""

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):  # type: ignore[no-untyped-def]
            return None

    opener = urllib.request.build_opener(
        NoRedirect, urllib.request.HTTPSHandler(context=no_verify())
    )
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    try:
        with opener.open(request, timeout=20) as response:
            return response.status, list(response.headers.items()), response.read()
    except urllib.error.HTTPError as error:
        return error.code, list(error.headers.items()), error.read()


def _wait_for_proxy(process: subprocess.Popen, url: str, error_log: Path) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"nginx exited early:\n{error_log.read_text()}")
        try:
            if fetch(f"{url}/_stcore/health")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise AssertionError(f"nginx did not answer within 30 s:\n{error_log.read_text()}")


def one_shot(arguments: list[str], folder: Path, env: dict[str, str]) -> str:
    """A `landscape` command run to its end (as compose's one-shot service is); its output."""
    done = subprocess.run(
        [*landscape(), *arguments],
        cwd=folder,
        env=env,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, f"landscape {' '.join(arguments)}:\n{done.stdout}{done.stderr}"
    return done.stdout


@contextmanager
def behind_nginx(
    database_url: str, folder: Path, processes: int = 2, env: dict[str, str] | None = None
) -> Iterator[Topology]:
    """`processes` app servers on `database_url` (already upgraded) behind nginx over HTTPS;
    everything stopped afterwards. The apps know their public address is the proxy's HTTPS
    one, and take the client's address from the proxy's X-Real-IP, as compose.yaml says."""
    if not Path(NGINX).exists():
        raise FileNotFoundError(f"Debian's nginx is not installed at {NGINX}")
    https_port, http_port = free_port(), free_port()
    url = f"https://127.0.0.1:{https_port}"
    mark = f"proxy-{os.getpid()}-{https_port}"
    values = {
        "DATABASE_URL": database_url,
        "LANDSCAPE_PUBLIC_URL": url,
        "LANDSCAPE_CLIENT_ADDRESS_HEADER": "X-Real-IP",
    } | (env or {})
    app_env = environment(mark, **values)
    ports = [free_port() for _ in range(processes)]
    logs = [folder / f"app-{n + 1}.log" for n in range(processes)]
    nginx: subprocess.Popen | None = None
    apps: list[subprocess.Popen] = []
    try:
        # every process starts at once, as compose starts them after the one-shot upgrade
        apps += [
            start_serving(["--port", str(port), "--no-demo"], folder, app_env, log)
            for port, log in zip(ports, logs, strict=True)
        ]
        for app, port, log in zip(apps, ports, logs, strict=True):
            wait_until_answering(app, port, log)
        certificate, key = self_signed_certificate(folder)
        access_log = folder / "access.log"
        site = folder / "landscape.conf"
        site.write_text(
            render(
                TEMPLATE.read_text(),
                {
                    "LANDSCAPE_UPSTREAMS": " ".join(f"server 127.0.0.1:{p};" for p in ports),
                    "LANDSCAPE_SERVER_NAME": "127.0.0.1 localhost",
                    "LANDSCAPE_HTTPS_LISTEN": f"127.0.0.1:{https_port}",
                    "LANDSCAPE_HTTP_LISTEN": f"127.0.0.1:{http_port}",
                    "LANDSCAPE_TLS_CERTIFICATE": str(certificate),
                    "LANDSCAPE_TLS_CERTIFICATE_KEY": str(key),
                    "LANDSCAPE_ACCESS_LOG": str(access_log),
                },
            )
        )
        config = folder / "nginx.conf"
        config.write_text(main_config(folder, site))
        error_log = folder / "error.log"
        check = subprocess.run(
            [NGINX, "-t", "-p", str(folder), "-e", str(error_log), "-c", str(config)],
            capture_output=True,
            text=True,
        )
        assert check.returncode == 0, check.stderr
        nginx = subprocess.Popen(
            [NGINX, "-p", str(folder), "-e", str(error_log), "-c", str(config)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=(folder / "nginx.out").open("w"),
            env=environment(mark),
        )
        _wait_for_proxy(nginx, url, error_log)
        yield Topology(
            url=url,
            http_url=f"http://127.0.0.1:{http_port}",
            app_ports=ports,
            app_pids=[app.pid for app in apps],
            folder=folder,
            access_log=access_log,
            logs=logs,
        )
    finally:
        if nginx is not None:
            nginx.terminate()
            try:
                nginx.wait(timeout=10)
            except subprocess.TimeoutExpired:
                nginx.kill()
        for app in apps:
            app.terminate()
        for app in apps:
            try:
                app.wait(timeout=10)
            except subprocess.TimeoutExpired:
                app.kill()
        kill_marked(mark)
