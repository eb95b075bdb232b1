"""Roster sync at 10,000 people: how long the weekly HR export takes to preview and apply.

    .venv/bin/python bench/roster_sync.py [--people 10000]

Prints, on a fresh SQLite database: the first sync (everyone new), the same file again (nothing to do), and a
week's export with 10 % changed (names, teams) and 5 % gone (`--full`). Target: 10,000 rows in ≤ 30 s.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from modules import store
from modules.accounts import sync

HEADER = "username,name,email,team,role\n"


def roster(people: int, week: int) -> str:
    """The HR export of a given week: from week 1 on, every tenth person renamed or moved, every twentieth gone."""
    rows = []
    for n in range(people):
        if week and n % 20 == 7:
            continue  # a leaver
        team = f"Store {n % 200:03}" if not (week and n % 10 == 3) else f"Store {(n + 1) % 200:03}"
        name = f"Person {n:05}" + (" Martin" if week and n % 10 == 5 else "")
        rows.append(f"p{n:05},{name},p{n:05}@example.com,{team},employee")
    return HEADER + "\n".join(rows) + "\n"


def timed(action):
    started = time.perf_counter()
    result = action()
    return time.perf_counter() - started, result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--people", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    moment = datetime(2026, 12, 7, 7, tzinfo=UTC)
    with tempfile.TemporaryDirectory() as folder:
        db = store.engine.connect(Path(folder) / "academy.db")
        first = roster(args.people, 0)
        plan_s, planned = timed(lambda: sync.plan(db, first))
        apply_s, done = timed(lambda: sync.apply(db, None, planned, moment))
        print(f"first sync, {args.people:,} new: plan {plan_s:.2f} s, apply {apply_s:.2f} s "
              f"({len(done.created):,} created), total {plan_s + apply_s:.2f} s")  # fmt: skip
        again = [timed(lambda: sync.plan(db, first)) for _ in range(args.repeat)]
        print(f"the same file again: plan {statistics.median(s for s, _ in again):.2f} s (median of {args.repeat}), "
              f"{'nothing to do' if again[0][1].empty else 'CHANGES FOUND'}")  # fmt: skip
        week = roster(args.people, 1)
        plan_s, planned = timed(lambda: sync.plan(db, week, full=True))
        apply_s, done = timed(lambda: sync.apply(db, None, planned, moment))
        print(f"a week's export (--full): {len(planned.changed):,} changed, {len(planned.leaving):,} leaving; "
              f"plan {plan_s:.2f} s, apply {apply_s:.2f} s, total {plan_s + apply_s:.2f} s")  # fmt: skip
        db.close()


if __name__ == "__main__":
    main()
