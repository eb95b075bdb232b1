"""`make load`: simulated signed-in learners over Streamlit's own websocket protocol, no browser.

Each simulated learner holds one session (one websocket), signed in by the
authenticator's own cookie (an HS256 token minted with the install's cookie
key), and opens a learner page (home, my progress, a module, best failures,
debriefing) every `--think` seconds on average, as a browser would: a
`rerun_script` message, then every message of the run until `script_finished`.
A run's latency is from the request to its end. For each number of learners
it prints runs per second, p50 / p95 / p99 latency, errors, and the server's
CPU (percent of one core, all its processes) and memory. Configurations:
one process, N processes behind HAProxy, SQLite or PostgreSQL, and the floor
page (bench/floor_app.py: the same essential work written by hand).

    .venv/bin/python bench/load.py --users 25,50,100 --workers 1 [--db URL_OR_PATH] [--floor]
    .venv/bin/python bench/load.py --mix 100,20,2 [--db URL_OR_PATH]   (learners, managers, trainers)
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import random
import secrets
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import jwt
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
logging.getLogger("streamlit").setLevel(logging.ERROR)  # the client imports Streamlit only for its messages

from bench.measurement import ensure_database  # noqa: E402
from modules import store  # noqa: E402
from modules.accounts import roles  # noqa: E402
from modules.accounts.cookie import cookie_key  # noqa: E402
from modules.serving import processes  # noqa: E402
from modules.ui.login import COOKIE_NAME  # noqa: E402

PAGES = [("", ""), ("my-progress", ""), ("module", "module=welcome"), ("best-failures", ""), ("debriefing", "")]
# The mixed scenario: each role on its own pages (a manager their team, a trainer the head office's reports).
ROLE_PAGES = {"learners": PAGES, "managers": [("team", "")], "trainers": [("organisation", ""), ("team", "")]}
FINISHED = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
RUN_TIMEOUT = 60.0


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    by_page: dict[str, list[float]] = field(default_factory=dict)
    first_runs: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def token(username: str, key: str) -> str:
    """The cookie the authenticator sets after a sign-in, as a browser would send it back."""
    expires = (datetime.now() + timedelta(days=7)).timestamp()
    return jwt.encode({"username": username, "exp_date": expires}, key, algorithm="HS256")


async def run_page(ws, page: str, query: str) -> str | None:
    """Ask for a page run and read until it ends; the error it showed, if any."""
    message = BackMsg()
    message.rerun_script.page_name = page
    message.rerun_script.query_string = query
    await ws.send(message.SerializeToString())
    problem = None
    while True:
        forward = ForwardMsg()
        forward.ParseFromString(await asyncio.wait_for(ws.recv(), RUN_TIMEOUT))
        kind = forward.WhichOneof("type")
        if kind == "page_not_found":
            problem = f"page not found: {page}"
        elif kind == "delta" and forward.delta.new_element.WhichOneof("type") == "exception":
            problem = forward.delta.new_element.exception.message or "exception"
        elif kind == "script_finished" and forward.script_finished == FINISHED:
            return problem


async def learner(
    url: str,
    username: str,
    key: str,
    think: float,
    stop_at: list[float],
    tally: Tally,
    measuring: asyncio.Event,
    pages: list[tuple[str, str]] = PAGES,
) -> None:
    """One signed-in person opening one of `pages` every `think` seconds on average (a learner by default), the
    first of them on arrival, until `stop_at[0]` (moved by a wave that starts measuring late)."""
    headers = {"Cookie": f"{COOKIE_NAME}={token(username, key)}"}
    try:
        async with websockets.connect(
            f"{url}/_stcore/stream",
            subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"],
            additional_headers=headers,
            max_size=None,
            open_timeout=RUN_TIMEOUT,
        ) as ws:
            started = time.monotonic()
            problem = await run_page(ws, *pages[0])
            tally.first_runs.append(time.monotonic() - started)
            if problem:
                tally.errors.append(problem)
            await asyncio.sleep(random.uniform(0, think))  # learners do not all arrive in the same second
            while time.monotonic() < stop_at[0]:
                page, query = random.choice(pages)
                started = time.monotonic()
                problem = await run_page(ws, page, query)
                if measuring.is_set():
                    tally.latencies.append(time.monotonic() - started)
                    tally.by_page.setdefault(page or "home", []).append(tally.latencies[-1])
                    if problem:
                        tally.errors.append(problem)
                await asyncio.sleep(min(random.expovariate(1 / think), max(0.0, stop_at[0] - time.monotonic())))
    except (TimeoutError, OSError, websockets.WebSocketException) as error:
        tally.errors.append(f"{type(error).__name__}: {error}")


async def one_at_a_time(url: str, users: list[str], key: str, later: int = 4) -> tuple[float, float]:
    """Medians of a new session's first run and of its later runs, one learner at a time (no load)."""
    firsts, laters = [], []
    for username in users:
        headers = {"Cookie": f"{COOKIE_NAME}={token(username, key)}"}
        async with websockets.connect(
            f"{url}/_stcore/stream",
            subprotocols=["streamlit", "PLACEHOLDER_AUTH_TOKEN"],
            additional_headers=headers,
            max_size=None,
        ) as ws:
            started = time.monotonic()
            await run_page(ws, "", "")
            firsts.append(time.monotonic() - started)
            for page, query in PAGES[:later]:
                started = time.monotonic()
                await run_page(ws, page, query)
                laters.append(time.monotonic() - started)
    return statistics.median(firsts), statistics.median(laters)


def cpu_seconds(pids: list[int]) -> float:
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def rss_mb(pids: list[int]) -> float:
    total = 0
    for pid in pids:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total / 1024


async def wave(
    url: str, users: list[str], key: str, think: float, warmup: float, seconds: float, pids: list[int]
) -> dict:
    tally, measuring = Tally(), asyncio.Event()
    stop_at = [time.monotonic() + warmup + seconds]
    tasks = [asyncio.create_task(learner(url, u, key, think, stop_at, tally, measuring)) for u in users]
    await asyncio.sleep(warmup)
    measuring.set()
    cpu_before, wall_before = cpu_seconds(pids), time.monotonic()
    await asyncio.sleep(max(0.0, stop_at[0] - time.monotonic()))
    wall, cpu_after = time.monotonic() - wall_before, cpu_seconds(pids)
    await asyncio.gather(*tasks)  # the runs still under way finish (and count) before the next wave
    cpu = 100 * (cpu_after - cpu_before) / wall
    cuts = statistics.quantiles(tally.latencies, n=100) if len(tally.latencies) >= 2 else [float("nan")] * 99
    return {
        "learners": len(users),
        "runs/s": len(tally.latencies) / wall,
        "p50": cuts[49],
        "p95": cuts[94],
        "p99": cuts[98],
        "first p50": statistics.median(tally.first_runs) if tally.first_runs else float("nan"),
        "errors": len(tally.errors),
        "pages": {page: statistics.median(times) for page, times in sorted(tally.by_page.items())},
        "cpu %": cpu,
        "rss MB": rss_mb(pids),
        "sample": tally.errors[:3],
    }


def _cuts(latencies: list[float]) -> dict[str, float]:
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) >= 2 else [float("nan")] * 99
    return {"runs": len(latencies), "p50": cuts[49], "p95": cuts[94], "p99": cuts[98]}


async def mixed_wave(
    url: str, people: dict[str, list[str]], key: str, think: float, warmup: float, seconds: float
) -> dict[str, dict]:
    """Every role at once, each on its own pages: latency percentiles per role.

    Everyone arrives in the same second and opens their own page (a manager their team's, cold): those first
    runs are reported apart, as the arrival burst. The steady state is measured from `warmup` seconds after
    the last of them ended, so a burst that outlasts the warm-up is not counted as the steady state."""
    tallies, measuring = {role: Tally() for role in people}, asyncio.Event()
    stop_at = [float("inf")]
    sessions = sum(len(names) for names in people.values())
    tasks = [
        asyncio.create_task(learner(url, name, key, think, stop_at, tallies[role], measuring, ROLE_PAGES[role]))
        for role, names in people.items()
        for name in names
    ]
    arrived = time.monotonic()
    while sum(len(t.first_runs) + len(t.errors) for t in tallies.values()) < sessions and not all(
        task.done() for task in tasks
    ):
        await asyncio.sleep(0.2)
    burst = time.monotonic() - arrived
    await asyncio.sleep(warmup)
    stop_at[0] = time.monotonic() + seconds
    measuring.set()
    await asyncio.gather(*tasks)
    return {
        role: {**_cuts(t.latencies), "first": _cuts(t.first_runs), "burst": burst, "errors": len(t.errors),
               "sample": t.errors[:2]}
        for role, t in tallies.items()
    }  # fmt: skip


def mixed(url: str, target: str, key: str, mix: str, args: argparse.Namespace) -> None:
    """Learners alone, then the same learners with managers and trainers: does a heavy report stall them?"""
    count, managers, trainers = (int(n) for n in mix.split(","))
    with store.engine.opened(target) as db:
        accounts = store.accounts.accounts(db)
    by_right = {  # whoever holds the right the pages ask for (the roles table, no role named here)
        right: [
            a["username"]
            for a in accounts
            if a["role"] in roles.roles_with(right) and roles.may_open(a["role"], "team")
        ]
        for right in (roles.MANAGE_TEAMS, roles.ALL_TEAMS)
    }
    people = {
        "learners": learners(target, count),
        "managers": random.Random(8).sample(by_right[roles.MANAGE_TEAMS], managers),
        "trainers": [by_right[roles.ALL_TEAMS][n % len(by_right[roles.ALL_TEAMS])] for n in range(trainers)],
    }
    alone = asyncio.run(mixed_wave(url, {"learners": people["learners"]}, key, args.think, args.warmup, args.seconds))
    together = asyncio.run(mixed_wave(url, people, key, args.think, args.warmup, args.seconds))
    print(f"{'':>28} {'runs':>6} {'p50 s':>7} {'p95 s':>7} {'p99 s':>7} {'errors':>6}")
    rows = [(f"{count} learners alone", alone["learners"])] + [
        (f"{len(people[role])} {role}, mixed", together[role]) for role in people if people[role]
    ]
    for label, row in rows:
        print(
            f"{label:>28} {row['runs']:>6} {row['p50']:>7.3f} {row['p95']:>7.3f} {row['p99']:>7.3f} {row['errors']:>6}"
        )
        if row["sample"]:
            print(f"{'':>28} errors, e.g.: {row['sample']}")
    print(f"arrival (everyone's first run at once, over {together['learners']['burst']:.1f} s), not in the above:")
    for role in people:
        if people[role]:
            first = together[role]["first"]
            print(f"{role + ', first run':>28} {first['runs']:>6} {first['p50']:>7.3f} {first['p95']:>7.3f}")
    ratio = together["learners"]["p95"] / alone["learners"]["p95"]
    print(f"learners' p95 mixed / alone: {ratio:.2f} (target <= 1.5); managers' p95 target <= 1 s")


def learners(target: str, count: int) -> list[str]:
    with store.engine.opened(target) as db:
        names = [a["username"] for a in store.accounts.accounts(db) if a["role"] == "employee"]
    if len(names) < count:
        raise SystemExit(f"{target} has {len(names)} employees; {count} learners need as many")
    return random.Random(7).sample(names, count)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--db",
        default=str(ROOT / "bench" / "data" / "academy-10k.db"),
        help="the database: a SQLite file (make bench generates the 10,000-employee one) or a URL",
    )
    parser.add_argument("--users", default="25,50,100", help="numbers of simultaneous learners, comma-separated")
    parser.add_argument("--workers", type=int, default=1, help="1: one process, direct; N: N processes behind HAProxy")
    parser.add_argument("--think", type=float, default=10.0, help="mean seconds between a learner's page views")
    parser.add_argument("--warmup", type=float, default=15.0)
    parser.add_argument("--seconds", type=float, default=40.0, help="measured seconds per number of learners")
    parser.add_argument("--port", type=int, default=8590)
    parser.add_argument("--floor", action="store_true", help="load the floor page instead of the portal")
    parser.add_argument(
        "--mix", help="LEARNERS,MANAGERS,TRAINERS: learners alone, then with managers and trainers on their pages"
    )
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite", help="postgresql: a copy")
    args = parser.parse_args()
    if not args.db.startswith("postgres"):
        ensure_database(Path(args.db), 10_000, 200, 52)
    if args.engine == "postgresql" and not args.db.startswith("postgres"):
        from bench import postgres

        with postgres.copied(Path(args.db)) as url:
            args.db = url
            return serve_and_load(args)
    return serve_and_load(args)


def serve_and_load(args: argparse.Namespace) -> int:
    """Start the app on `args.db` and send the waves of simulated people."""
    os.environ.update(ACADEMY_DB=args.db, ACADEMY_DEMO="0", ACADEMY_CONTENT=str(ROOT / "content"))
    os.environ.setdefault("ACADEMY_COOKIE_KEY", secrets.token_hex(32))  # the app's processes and this client share it
    key = cookie_key()
    app = ROOT / "bench" / "floor_app.py" if args.floor else ROOT / "app.py"
    proxy = args.workers > 1
    started = processes.start(
        args.workers, f"127.0.0.1:{args.port}", args.port + 1, proxy=proxy, app=app, log=subprocess.DEVNULL
    )
    url = f"ws://127.0.0.1:{args.port if proxy else args.port + 1}"
    engine = "PostgreSQL" if args.db.startswith("postgres") else "SQLite"
    print(
        f"{'floor page' if args.floor else 'portal'}, {args.workers} process(es){' behind HAProxy' if proxy else ''},"
        f" {engine}, think {args.think:g} s, {args.seconds:g} s measured after {args.warmup:g} s"
    )
    try:
        if args.mix:
            mixed(url, args.db, key, args.mix, args)
            return 0
        first, later = asyncio.run(one_at_a_time(url, learners(args.db, 20), key))
        print(
            f"one learner at a time: a new session's first run {first:.3f} s, a later run {later:.3f} s "
            f"(first / later {first / later:.2f})"
        )
        print(
            f"{'learners':>8} {'runs/s':>7} {'p50 s':>7} {'p95 s':>7} {'p99 s':>7} {'1st p50':>8} {'errors':>6}"
            f" {'cpu %':>6} {'rss MB':>7}"
        )
        for count in (int(n) for n in args.users.split(",")):
            row = asyncio.run(
                wave(
                    url, learners(args.db, count), key, args.think, args.warmup, args.seconds, [p.pid for p in started]
                )
            )
            print(
                f"{row['learners']:>8} {row['runs/s']:>7.2f} {row['p50']:>7.3f} {row['p95']:>7.3f} {row['p99']:>7.3f}"
                f" {row['first p50']:>8.3f} {row['errors']:>6} {row['cpu %']:>6.0f} {row['rss MB']:>7.0f}",
                flush=True,
            )
            print("         p50 by page: " + ", ".join(f"{page} {value:.3f}" for page, value in row["pages"].items()))
            if row["sample"]:
                print(f"         errors, e.g.: {row['sample']}")
    finally:
        processes.stop(started)
    return 0


if __name__ == "__main__":
    sys.exit(main())
