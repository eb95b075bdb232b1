"""Starting workers and the proxy, and stopping them: shared by `make serve` and `make load`."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import TextIO

from modules import demo, settings
from modules.accounts.cookie import cookie_key
from modules.serving.haproxy import config

ROOT = Path(__file__).resolve().parents[2]


def worker_command(port: int, app: Path = ROOT / "app.py") -> list[str]:
    """One worker: `streamlit run app.py` on a local port (the proxy is the only door in)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(app),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
    ]


def wait_healthy(port: int, seconds: float = 60) -> None:
    """Until the process on `port` (a worker, or the proxy in front of them) answers its health check."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the worker on port {port} did not start in {seconds:.0f} s")


def start(
    workers: int,
    listen: str,
    first_port: int,
    proxy: bool = True,
    app: Path = ROOT / "app.py",
    log: int | TextIO | None = None,
    stats_port: int | None = None,
) -> list[subprocess.Popen]:
    """Prepare the database, start the workers, then the proxy; the processes, proxy last (if any)."""
    if proxy and shutil.which("haproxy") is None:
        raise RuntimeError("haproxy is not installed (apt-get install haproxy)")
    demo.prepare(settings.database(), settings.content_folder(), settings.demo_enabled())
    key = cookie_key()
    secret = hashlib.sha256(f"streamlit:{key}".encode()).hexdigest()  # Streamlit's own (XSRF) cookies, shared too
    env = dict(os.environ, ACADEMY_COOKIE_KEY=key, STREAMLIT_SERVER_COOKIE_SECRET=secret)
    ports = [first_port + n for n in range(workers)]
    processes = [
        subprocess.Popen(worker_command(port, app), cwd=ROOT, env=env, stdout=log, stderr=log) for port in ports
    ]
    for port in ports:
        wait_healthy(port)
    if not proxy:
        return processes
    folder = Path(tempfile.mkdtemp(prefix="academy-serve-"))
    (folder / "haproxy.cfg").write_text(config(listen, ports, stats_port))
    processes.append(subprocess.Popen(["haproxy", "-db", "-f", str(folder / "haproxy.cfg")], stdout=log, stderr=log))
    wait_healthy(int(listen.rsplit(":", 1)[1]))
    return processes


def stop(processes: list[subprocess.Popen]) -> None:
    for process in reversed(processes):
        if process.poll() is None:
            process.terminate()
    for process in processes:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
