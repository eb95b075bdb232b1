"""`python -m modules.serving --workers N --port 8500`: N Streamlit processes behind HAProxy.

The database is migrated (and a new one seeded) once, before any worker
starts; every worker gets the same cookie key and the same Streamlit cookie
secret, so a session cookie is valid whichever process checks it. Ctrl-C
(or SIGTERM) stops the proxy and every worker; if one of them dies, all stop.
"""

from __future__ import annotations

import argparse
import signal
import sys
import time

from modules.serving.processes import start, stop


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
