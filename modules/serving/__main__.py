"""`python -m modules.serving --workers N --port 8500`: N Streamlit processes behind HAProxy.

The database is migrated (and a new one seeded) once, before any worker
starts; every worker gets the same cookie key and the same Streamlit cookie
secret, so a session cookie is valid whichever process checks it. Ctrl-C
(or SIGTERM) stops the proxy and every worker; if one of them dies, all stop.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from modules import demo, settings
from modules.accounts.cookie import cookie_key
from modules.serving.haproxy import config

ROOT = Path(__file__).resolve().parents[2]


def worker_command(port: int) -> list[str]:
    """One worker: `streamlit run app.py` on a local port (the proxy is the only door in)."""
    app = str(ROOT / "app.py")
    return [sys.executable, "-m", "streamlit", "run", app, "--server.port", str(port), "--server.address", "127.0.0.1"]


def wait_healthy(port: int, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"the worker on port {port} did not start in {seconds:.0f} s")


def start(workers: int, listen: str, first_port: int) -> list[subprocess.Popen]:
    """Prepare the database, start the workers, then the proxy; the processes, proxy last."""
    if shutil.which("haproxy") is None:
        raise RuntimeError("haproxy is not installed (apt-get install haproxy)")
    demo.prepare(settings.database(), settings.content_folder(), settings.demo_enabled())
    key = cookie_key()
    secret = hashlib.sha256(f"streamlit:{key}".encode()).hexdigest()  # Streamlit's own (XSRF) cookies, shared too
    env = dict(os.environ, ACADEMY_COOKIE_KEY=key, STREAMLIT_SERVER_COOKIE_SECRET=secret)
    ports = [first_port + n for n in range(workers)]
    processes = [subprocess.Popen(worker_command(port), cwd=ROOT, env=env) for port in ports]
    for port in ports:
        wait_healthy(port)
    folder = Path(tempfile.mkdtemp(prefix="academy-serve-"))
    (folder / "haproxy.cfg").write_text(config(listen, ports))
    processes.append(subprocess.Popen(["haproxy", "-db", "-f", str(folder / "haproxy.cfg")]))
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m modules.serving", description=__doc__.splitlines()[0])
    parser.add_argument("--workers", type=int, default=2, help="Streamlit processes (about one per core)")
    parser.add_argument("--port", type=int, default=8500, help="the port the proxy listens on")
    parser.add_argument("--address", default="0.0.0.0", help="the address the proxy listens on")
    parser.add_argument("--first-worker-port", type=int, default=8601)
    args = parser.parse_args(argv)
    if args.workers < 1:
        parser.error("--workers must be at least 1")
    processes = start(args.workers, f"{args.address}:{args.port}", args.first_worker_port)
    print(f"Service Academy: {args.workers} worker(s) behind HAProxy on http://{args.address}:{args.port}", flush=True)
    signal.signal(signal.SIGTERM, lambda *_: stop(processes) or sys.exit(0))
    try:
        while all(process.poll() is None for process in processes):
            time.sleep(1)
        print("a process stopped; stopping the others", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0
    finally:
        stop(processes)


if __name__ == "__main__":
    sys.exit(main())
