"""A throw-away PostgreSQL server for the tests, from Debian's `postgresql` binaries.

It listens on 127.0.0.1 on a free port, trusts local connections and lives in a
temporary folder; as root it runs as the `postgres` user (initdb refuses root).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import time
import uuid
from dataclasses import dataclass
from pathlib import Path


def binaries() -> Path | None:
    """The newest installed server's bin folder, or None when PostgreSQL is not installed."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(p.split("/")[4]))
    return Path(found[-1]).parent if found else None


def _as_owner(command: list[str], owner: str | None) -> list[str]:
    return ["runuser", "-u", owner, "--", *command] if owner else command


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Server:
    bin: Path
    folder: Path
    port: int
    owner: str | None

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def url_of(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def psql(self, sql: str) -> None:
        subprocess.run(
            [str(self.bin / "psql"), self.url, "-q", "-v", "ON_ERROR_STOP=1", "-c", sql],
            check=True,
            capture_output=True,
            timeout=60,
        )

    def new_database(self, template: str | None = None) -> str:
        """A new empty database (or a copy of `template`, which must have no open connection); its URL."""
        name = f"t_{uuid.uuid4().hex[:12]}"
        self.psql(f"CREATE DATABASE {name}" + (f" TEMPLATE {template}" if template else ""))
        return self.url_of(name)

    def stop(self) -> None:
        subprocess.run(
            _as_owner(
                [str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "stop"], self.owner
            ),
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.folder, ignore_errors=True)


def start(folder: Path) -> Server:
    """initdb and start a server in `folder`; raises RuntimeError with the server's log when it cannot."""
    bin_folder = binaries()
    if bin_folder is None:
        raise RuntimeError("PostgreSQL is not installed (apt-get install postgresql)")
    owner = "postgres" if os.geteuid() == 0 else None
    folder.mkdir(parents=True, exist_ok=True)
    if owner:
        shutil.chown(folder, owner)
    data, port = folder / "data", _free_port()
    subprocess.run(
        _as_owner(
            [
                str(bin_folder / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
            ],
            owner,
        ),
        check=True,
        capture_output=True,
        timeout=120,
    )
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"
    started = subprocess.run(
        _as_owner(
            [
                str(bin_folder / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(folder / "server.log"),
                "-w",
                "start",
            ],
            owner,
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    if started.returncode != 0:
        log = (folder / "server.log").read_text() if (folder / "server.log").exists() else ""
        raise RuntimeError(f"PostgreSQL did not start: {started.stderr}\n{log}")
    server = Server(bin_folder, folder, port, owner)
    for _ in range(50):
        try:
            server.psql("SELECT 1")
            return server
        except subprocess.CalledProcessError:
            time.sleep(0.2)
    raise RuntimeError("PostgreSQL started but does not answer")
