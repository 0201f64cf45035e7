"""A throwaway PostgreSQL server for the tests: Debian's postgresql package (`.ci/run` installs it), a data
directory in a temporary folder, a free loopback port, stopped at the end of the session.

RECAGENT_TEST_POSTGRES_URL names a server to use instead (a database per test is created on it). Without
either, the tests that need PostgreSQL skip with the reason; in CI (RECAGENT_REQUIRE_POSTGRES) they fail.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

__all__ = ["postgres_server", "create_database", "drop_database", "server_binaries"]


def server_binaries() -> Path | None:
    """The folder of initdb and pg_ctl, or None when PostgreSQL's server is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    installed = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(installed[-1]).parent if installed else None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _as_server_user(argv: list[str]) -> list[str]:
    """PostgreSQL refuses to run as root: there, run it as the postgres user the package created."""
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def postgres_server() -> Iterator[str]:
    """Start a server and yield its URL (user `recagent`, database `postgres`); stop it afterwards."""
    if os.environ.get("RECAGENT_TEST_POSTGRES_URL"):
        yield os.environ["RECAGENT_TEST_POSTGRES_URL"]
        return
    binaries = server_binaries()
    if binaries is None:
        raise FileNotFoundError("PostgreSQL's server is not installed: apt-get install postgresql (.ci/run does)")
    folder = Path(tempfile.mkdtemp(prefix="recagent-pg-"))
    data, port = folder / "data", _free_port()
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres")
        folder.chmod(0o700)
    subprocess.run(_as_server_user([str(binaries / "initdb"), "-D", str(data), "-U", "recagent", "-A", "trust",
                                    "--no-sync", "-E", "UTF8"]), check=True, capture_output=True)
    # fsync off and a socket in the folder: a server for tests, fast and out of everyone's way.
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off"
    subprocess.run(_as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-o", options, "-l",
                                    str(folder / "server.log"), "-w", "start"]), check=True, capture_output=True)
    try:
        yield f"postgresql://recagent@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_server_user([str(binaries / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
                       capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def create_database(server: str) -> str:
    """A new empty database on the server; its URL."""
    import psycopg

    name = f"t_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")
    return server.rsplit("/", 1)[0] + f"/{name}"


def drop_database(server: str, url: str) -> None:
    import psycopg

    with psycopg.connect(server, autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {url.rsplit('/', 1)[1]} WITH (FORCE)")
