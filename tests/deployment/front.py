"""Boot the shipped nginx configuration on loopback, and speak HTTP to it from a chosen address."""

import datetime
import http.client
import os
import signal
import socket
import ssl
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.core.management import call_command

NGINX = Path("/usr/sbin/nginx")
DEPLOYMENT = Path(__file__).resolve().parents[2] / "docs" / "deployment"

needs_nginx = pytest.mark.skipif(
    not NGINX.exists(),
    reason="nginx is not installed (/usr/sbin/nginx): `make test` installs Debian's nginx-light",
)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def self_signed(directory: Path) -> None:
    """A throw-away certificate for 127.0.0.1 as fullchain.pem and privkey.pem in DIRECTORY."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .sign(key, hashes.SHA256())
    )
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "fullchain.pem").write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    (directory / "privkey.pem").write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )


def _wait_for(port: int, nginx: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 20
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            if nginx.poll() is not None or time.monotonic() > deadline:
                errors = log.read_text() if log.exists() else ""
                raise AssertionError(f"nginx did not start: {errors[-2000:]}") from None
            time.sleep(0.05)


@contextmanager
def front_server(template: Path, upstream_url: str, data_dir: Path, settings, *, tls: bool = False):
    """Run TEMPLATE with its placeholders filled in front of UPSTREAM_URL; static files are collected
    into DATA_DIR/static as `gongkai serve` collects them. Yields the port (with TLS: https, http)."""
    settings.STATIC_ROOT = data_dir / "static"
    call_command("collectstatic", interactive=False, verbosity=0)
    ports = (free_port(), free_port())
    text = (
        template.read_text()
        .replace("__LISTEN_HTTP__", f"127.0.0.1:{ports[1]}")
        .replace("__LISTEN__", f"127.0.0.1:{ports[0]}")
        .replace("__UPSTREAM__", upstream_url.removeprefix("http://"))
        .replace("__DATA_DIR__", str(data_dir))
    )
    assert "__" not in text.replace("__init__", "")
    if tls:
        self_signed(data_dir / "tls")
    config = data_dir / "front.conf"
    config.write_text(text)
    # As root (a CI container) the workers would drop to `nobody`, who cannot read the test's files.
    extra = "daemon off;" + (" user root;" if os.geteuid() == 0 else "")
    nginx = subprocess.Popen(
        [str(NGINX), "-c", str(config), "-p", str(data_dir), "-g", extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    try:
        for port in ports[: 2 if tls else 1]:
            _wait_for(port, nginx, data_dir / "nginx-error.log")
        yield ports if tls else ports[0]
    finally:
        os.killpg(nginx.pid, signal.SIGTERM)
        nginx.wait(timeout=20)
        if nginx.stderr:
            nginx.stderr.close()


def fetch(port: int, path: str, *, source: str = "127.0.0.1", headers: dict | None = None, tls: bool = False):
    """(status, headers, body) of a GET through the front, sent from SOURCE (any 127.0.0.0/8 address)."""
    if tls:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            "127.0.0.1", port, timeout=30, source_address=(source, 0), context=context
        )
    else:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(source, 0))
    try:
        connection.request("GET", path, headers=headers or {})
        answer = connection.getresponse()
        return answer.status, answer.headers, answer.read()
    finally:
        connection.close()


def raw_request(port: int, method: str, path: str, *, content_length: int) -> tuple[int, str]:
    """Announce a body of CONTENT_LENGTH bytes without sending it; (status, body) of the answer."""
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        head = (
            f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\n"
            f"Content-Length: {content_length}\r\nConnection: close\r\n\r\n"
        )
        sock.sendall(head.encode())
        answer = b""
        while chunk := sock.recv(65536):
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    return int(status_line.split()[1]), rest.partition(b"\r\n\r\n")[2].decode("utf-8", "replace")
