"""Measurement benchmark (`make bench`): prints figures, asserts nothing.

On a generated organisation (10,000 employees, 200 teams, 52 weeks by
default) it prints, as medians over repeated runs:
- the time of each measurement query, for a manager's team and for a trainer, and of
  the practices report (debriefings, gaps, eNPS / NPS, stories and suggestions), the
  recall report, and the assignments (late and due soon, counts per team, the tab);
- the time to run the team page (as a manager) and the organisation page (as
  the trainer) with AppTest, with the report cache cleared before each run
  (cold) and kept (warm), then the organisation's Practices and Recall tabs
  (each runs only when opened);
- beside each page its floor: the same aggregates computed by hand-written
  SQL alone on one connection, and the page/floor ratio.

    .venv/bin/python bench/measurement.py [--db PATH] [--repeat N]
"""

from __future__ import annotations

import argparse
import os
import secrets
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from modules import store  # noqa: E402
from modules.content import load_catalog, rubric  # noqa: E402
from modules.learning import assignments, recall  # noqa: E402
from modules.measurement import assignment_reports, practice_figures, recall_figures, team_reports  # noqa: E402
from modules.store.clock import day_bounds, day_number  # noqa: E402

TARGETS = {"team": 0.3, "organisation": 1.0}
RATIO_TARGET = 2.0


def median_seconds(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def ensure_database(path: Path, employees: int, teams: int, weeks: int) -> None:
    if path.exists():
        print(f"database: {path} (reused; delete it to regenerate)")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    print(f"generating {employees} employees, {teams} teams, {weeks} weeks -> {path}")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "modules.demo",
            "--employees",
            str(employees),
            "--teams",
            str(teams),
            "--weeks",
            str(weeks),
            "--db",
            str(path),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    print("  " + (done.stdout or done.stderr).strip())
    if done.returncode:
        sys.exit(done.returncode)


# --- the floor: hand-written SQL, nothing else ------------------------------------

TEAM_PEOPLE = "SELECT id FROM users WHERE role = 'employee' AND team_id IN ({teams})"
FLOOR_TEAM = [
    # per person and module: attempts, best, passed, first pass
    """SELECT a.user_id, a.module_id, COUNT(*), MAX(a.percent), MAX(a.passed), MIN(CASE WHEN a.passed THEN a.submitted_at END)
       FROM attempts a WHERE a.user_id IN ({people}) GROUP BY a.user_id, a.module_id""",
    """SELECT r.user_id, r.module_id, COUNT(*) FROM section_reads r WHERE r.user_id IN ({people})
       GROUP BY r.user_id, r.module_id""",
    # headline, now and at the start of the period (the status counts come from the first query)
    """SELECT COUNT(*), AVG(best) FROM (SELECT MAX(percent) AS best, MAX(passed) AS passed FROM attempts
       WHERE user_id IN ({people}) AND submitted_at < :until GROUP BY user_id, module_id)""",
    """SELECT COUNT(*), AVG(best) FROM (SELECT MAX(percent) AS best, MAX(passed) AS passed FROM attempts
       WHERE user_id IN ({people}) AND submitted_at < :since GROUP BY user_id, module_id)""",
    """SELECT AVG(passed), COUNT(*) FROM attempts WHERE user_id IN ({people}) AND attempt_no = 1
       AND submitted_at >= :since AND submitted_at < :until""",
    """SELECT AVG(passed), COUNT(*) FROM attempts WHERE user_id IN ({people}) AND attempt_no = 1
       AND submitted_at >= :before AND submitted_at < :since""",
    """SELECT COUNT(*) FROM (SELECT user_id FROM attempts WHERE user_id IN ({people}) AND submitted_at >= :week
       UNION SELECT user_id FROM section_reads WHERE user_id IN ({people}) AND read_at >= :week)""",
    """SELECT COUNT(*) FROM (SELECT user_id FROM attempts WHERE user_id IN ({people})
       AND submitted_at >= :week_before AND submitted_at < :since_week
       UNION SELECT user_id FROM section_reads WHERE user_id IN ({people})
       AND read_at >= :week_before AND read_at < :since_week)""",
    # weekly activity, cumulative completion, score distribution
    """SELECT week, COUNT(DISTINCT user_id), SUM(attempt), SUM(passed) FROM (
       SELECT user_id, date(submitted_at, 'weekday 0', '-6 days') AS week, 1 AS attempt, passed FROM attempts
       WHERE user_id IN ({people}) AND submitted_at >= :since
       UNION ALL SELECT user_id, date(read_at, 'weekday 0', '-6 days'), 0, 0 FROM section_reads
       WHERE user_id IN ({people}) AND read_at >= :since) GROUP BY week""",
    """SELECT week, SUM(COUNT(*)) OVER (ORDER BY week) FROM (SELECT date(MIN(submitted_at), 'weekday 0', '-6 days') AS week
       FROM attempts WHERE user_id IN ({people}) AND passed GROUP BY user_id, module_id) GROUP BY week""",
    """SELECT module_id, MIN(CAST(percent / 10 AS INTEGER) * 10, 90) AS band, COUNT(*) FROM attempts
       WHERE user_id IN ({people}) AND submitted_at >= :since GROUP BY module_id, band""",
]
FLOOR_ORGANISATION = [
    """SELECT u.team_id, a.module_id, COUNT(*), SUM(passed), AVG(best) FROM (
       SELECT user_id, module_id, MAX(percent) AS best, MAX(passed) AS passed FROM attempts
       WHERE submitted_at < :until GROUP BY user_id, module_id) a JOIN users u ON u.id = a.user_id
       GROUP BY u.team_id, a.module_id""",
    """SELECT u.team_id, a.module_id, COUNT(*), SUM(passed), AVG(best) FROM (
       SELECT user_id, module_id, MAX(percent) AS best, MAX(passed) AS passed FROM attempts
       WHERE submitted_at < :since GROUP BY user_id, module_id) a JOIN users u ON u.id = a.user_id
       GROUP BY u.team_id, a.module_id""",
    """SELECT u.team_id, a.module_id, AVG(a.passed), COUNT(*) FROM attempts a JOIN users u ON u.id = a.user_id
       WHERE a.attempt_no = 1 AND a.submitted_at >= :since AND a.submitted_at < :until GROUP BY u.team_id, a.module_id""",
    """SELECT AVG(passed), COUNT(*) FROM attempts WHERE attempt_no = 1 AND submitted_at >= :before AND submitted_at < :since""",
    """SELECT u.team_id, COUNT(*) FROM (SELECT user_id FROM attempts WHERE submitted_at >= :week
       UNION SELECT user_id FROM section_reads WHERE read_at >= :week) x JOIN users u ON u.id = x.user_id GROUP BY u.team_id""",
    """SELECT COUNT(*) FROM (SELECT user_id FROM attempts WHERE submitted_at >= :week_before AND submitted_at < :since_week
       UNION SELECT user_id FROM section_reads WHERE read_at >= :week_before AND read_at < :since_week)""",
    "SELECT team_id, COUNT(*) FROM users WHERE role = 'employee' GROUP BY team_id",
]

# the practices (both pages): debriefings per team, latest rating per rater averaged, recommendation per wave,
# stories and suggestions per team
FLOOR_PRACTICES = [
    """SELECT u.team_id, COUNT(*), COUNT(DISTINCT r.subject_id), SUM(r.recognition) FROM ratings r
       JOIN users u ON u.id = r.subject_id WHERE r.kind = 'manager' AND r.created_at >= :since
       AND r.created_at < :until AND u.team_id IN ({teams}) GROUP BY u.team_id""",
    """SELECT skill, kind, AVG(level) FROM (SELECT subject_id, skill, kind, AVG(level) AS level FROM (
       SELECT subject_id, skill, kind, level, ROW_NUMBER() OVER (PARTITION BY subject_id, rater_id, kind, skill
       ORDER BY created_at DESC, id DESC) AS n FROM ratings WHERE subject_id IN ({people_in})) WHERE n = 1
       GROUP BY subject_id, skill, kind) GROUP BY skill, kind""",
    """SELECT r.survey_id, r.team_id, r.source, COUNT(*), SUM(a.value >= 9), SUM(a.value <= 6) FROM survey_responses r
       JOIN survey_answers a ON a.response_id = r.id AND a.key = 'recommend' WHERE r.team_id IN ({teams})
       GROUP BY r.survey_id, r.team_id, r.source""",
    """SELECT team_id, COUNT(*), SUM(status != 'waiting') FROM stories WHERE team_id IN ({teams})
       AND created_at >= :since GROUP BY team_id""",
    """SELECT team_id, COUNT(*), SUM(answered_at IS NOT NULL) FROM suggestions WHERE team_id IN ({teams})
       AND created_at >= :since GROUP BY team_id""",
]


def floor(db, statements: list[str], params: dict, people: str = "", teams: str = "") -> None:
    for sql in statements:
        db.execute(
            sql.format(people=people, teams=teams, people_in=people or "SELECT id FROM users"), params
        ).fetchall()


def period_params(now: datetime, weeks: int) -> dict:
    since = now - timedelta(weeks=weeks)
    return {
        "until": store.clock.timestamp(now),
        "since": store.clock.timestamp(since),
        "before": store.clock.timestamp(since - timedelta(weeks=weeks)),
        "week": store.clock.timestamp(now - timedelta(days=7)),
        "since_week": store.clock.timestamp(since),
        "week_before": store.clock.timestamp(since - timedelta(days=7)),
    }


# --- the pages, as Streamlit runs them -----------------------------------------------


def page_seconds(
    page: str,
    username: str,
    repeat: int,
    cold: bool,
    tab: tuple[str, str] | None = None,
    after_write: bool = False,
    nothing_kept: bool = False,
    first: list[float] | None = None,
) -> float:
    """The page as AppTest runs it; `tab` (its key, its label) opens a tab that runs only when open. Cold clears
    every cache of the processes (the rows the database keeps per team stay, as after a restart);
    `nothing_kept` deletes those too (the first view after an install or a rebuild); `after_write` moves every
    team's data stamp instead, as if every team had learnt since the last view: the reports of now are
    computed again, the past periods are not."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from modules.measurement import warming

    warming.WARM_FROM_TEAMS = 10**9  # no hour's job on a thread of this process while pages are timed

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=300)
    at.session_state["authentication_status"] = True
    at.session_state["username"] = username
    at.run()
    at.switch_page(page)
    if tab:
        at.session_state[tab[0]] = tab[1]
    started = time.perf_counter()
    at.run()  # warm-up: imports, first compile, migrations check (and the day's rows kept, if not yet)
    if first is not None:
        first.append(time.perf_counter() - started)
    if at.exception:
        raise SystemExit(f"{page} failed: {at.exception}")

    def run() -> None:
        if cold:
            st.cache_data.clear()
        if nothing_kept:
            with store.engine.opened(os.environ["ACADEMY_DB"]) as db, store.transactions.write(db):
                store.kept_reports.forget(db)
        if after_write:
            with store.engine.opened(os.environ["ACADEMY_DB"]) as db, store.transactions.write(db):
                db.execute(  # every team's stamp moves, made where a generated history has none yet
                    "INSERT INTO data_stamps (area, version) SELECT 'team:' || CAST(id AS TEXT), 1 FROM teams WHERE true"
                    " ON CONFLICT (area) DO UPDATE SET version = data_stamps.version + 1"
                )
        at.run()

    return median_seconds(run, repeat)


SCALES = {"10k": (10_000, 200), "100k": (100_000, 2_000)}  # employees, teams


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=SCALES, default="10k", help="the organisation generated (52 weeks)")
    parser.add_argument("--db", type=Path, help="a generated SQLite database (default: bench/data/academy-SCALE.db)")
    parser.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument(
        "--pages-only", action="store_true", help="skip the raw queries (whole-organisation ones no page runs)"
    )
    args = parser.parse_args()
    employees, teams = SCALES[args.scale]
    path = args.db or ROOT / "bench" / "data" / f"academy-{args.scale}.db"
    ensure_database(path, employees, teams, args.weeks)
    if args.engine == "postgresql":
        from bench import postgres

        with postgres.copied(path) as url:
            return measure(url, args.repeat, args.pages_only)
    return measure(str(path), args.repeat, args.pages_only)


def measure(target: str, repeat: int, pages: bool = False) -> int:
    """Every figure, on the database `target` (a SQLite file or a PostgreSQL URL); with `pages`, the pages only."""
    os.environ.update(ACADEMY_DB=target, ACADEMY_DEMO="0", ACADEMY_CONTENT=str(ROOT / "content"))
    os.environ.setdefault("ACADEMY_COOKIE_KEY", secrets.token_hex(32))  # replicas and benches share one key
    sqlite = not store.dialect.is_postgres_url(target)
    print(f"engine: {'SQLite' if sqlite else 'PostgreSQL'}")
    if pages:
        return pages_only(repeat)
    args = argparse.Namespace(repeat=repeat)
    db = store.engine.connect(target)
    counts = {
        t: store.engine.count(db, t)
        for t in (
            "users",
            "teams",
            "attempts",
            "answers",
            "section_reads",
            "ratings",
            "survey_responses",
            "stories",
            "suggestions",
            "recall_cards",
            "recall_reviews",
            "assignments",
        )
    }
    print("rows: " + ", ".join(f"{k} {v:,}" for k, v in counts.items()))
    modules = load_catalog(ROOT / "content").for_language("en")
    manager = store.accounts.user_by_username(db, "manager001")
    trainer = store.accounts.user_by_username(db, "trainer")
    now, weeks = datetime.now(UTC), 4
    since, until = store.clock.timestamp(now - timedelta(weeks=weeks)), store.clock.timestamp(now)
    week_before = store.clock.timestamp(now - timedelta(days=7))
    since90 = (now - timedelta(days=90)).date().isoformat()
    since7 = (now - timedelta(days=7)).date().isoformat()

    print(f"\nqueries (median of {args.repeat}, ms)      manager001 (1 team)   trainer (all teams)")
    for name, call in [
        ("people × modules grid", lambda s: store.measurement.person_module_grid(db, s)),
        ("status counts", lambda s: team_reports.status_counts(db, s)),
        ("headline", lambda s: store.measurement.headline(db, s, since, until, week_before)),
        ("weekly activity", lambda s: store.measurement.weekly_activity(db, s, since)),
        ("cumulative completion", lambda s: store.measurement.cumulative_completion(db, s)),
        ("score distribution", lambda s: store.measurement.score_distribution(db, s, since)),
        ("team comparison", lambda s: store.measurement.team_comparison(db, s, since, until)),
        ("team activity", lambda s: store.measurement.team_activity(db, s, until, week_before)),
        (
            "organisation report (rows kept)",
            lambda s: team_reports.organisation_report(db, s.viewer_id, modules, 4, now),
        ),
    ]:
        cells = [
            1000 * median_seconds(lambda: call(team_reports.scope_for(viewer["id"], modules)), args.repeat)
            for viewer in (manager, trainer)
        ]
        print(f"  {name:34} {cells[0]:10.1f} {cells[1]:20.1f}")
    skills = [s.id for s in rubric.load(ROOT / "content", "en")[0]]
    cells = [
        1000
        * median_seconds(
            lambda: practice_figures.practices_report(db, viewer["id"], None, weeks, now, skills), args.repeat
        )
        for viewer in (manager, trainer)
    ]
    print(f"  {'practices report (all its queries)':34} {cells[0]:10.1f} {cells[1]:20.1f}")
    today = day_number(now)
    start, end = day_bounds(now)
    curve = recall_figures.CURVE
    for name, call in [
        ("recall per person and module", lambda s: store.recall.scoped_recall(db, s, curve, today, start, end)),
        ("practising this week", lambda s: store.recall.scoped_practisers(db, s, since7)),
        ("retention curve (90 days)", lambda s: store.recall.scoped_retention(db, s, since90, recall_figures.BOUNDS)),
    ]:
        cells = [
            1000 * median_seconds(lambda: call(team_reports.scope_for(viewer["id"], modules)), args.repeat)
            for viewer in (manager, trainer)
        ]
        print(f"  {name:34} {cells[0]:10.1f} {cells[1]:20.1f}")
    cells = [  # as the pages ask: a manager's people one by one, the organisation's teams only
        1000
        * median_seconds(
            lambda: recall_figures.recall_report(db, viewer["id"], modules, None, now, by_person=viewer is manager),
            args.repeat,
        )
        for viewer in (manager, trainer)
    ]
    print(f"  {'recall report (all its queries)':34} {cells[0]:10.1f} {cells[1]:20.1f}")
    rules = assignments.rules_at(now)
    for name, call in [
        ("assigned items (late, due soon…)", lambda s: store.assignments.items(db, s, rules)),
        ("assignment counts per team", lambda s: store.assignments.counts_per_team(db, s, rules)),
    ]:
        cells = [
            1000 * median_seconds(lambda: call(team_reports.scope_for(viewer["id"], modules)), args.repeat)
            for viewer in (manager, trainer)
        ]
        print(f"  {name:34} {cells[0]:10.1f} {cells[1]:20.1f}")
    cells = [
        1000
        * median_seconds(
            lambda: assignment_reports.assignment_report(db, viewer["id"], modules, None, now), args.repeat
        )
        for viewer in (manager, trainer)
    ]
    print(f"  {'assignments tab (all its queries)':34} {cells[0]:10.1f} {cells[1]:20.1f}")
    someone = db.execute("SELECT id FROM users WHERE role = 'employee' ORDER BY id LIMIT 1").fetchone()[0]
    ms = 1000 * median_seconds(lambda: assignments.learner_dues(db, someone, modules, now), args.repeat)
    print(f"  {'one learner, assigned to them':34} {ms:10.1f}")
    learner_id = db.execute("SELECT user_id FROM recall_reviews ORDER BY id DESC LIMIT 1").fetchone()
    if learner_id:
        ms = 1000 * median_seconds(lambda: recall.todays_practice(db, learner_id[0], modules, now), args.repeat)
        print(f"  {'one learner, practice of the day':34} {ms:10.1f}")

    if not sqlite:
        return pages_only(args.repeat)
    params = period_params(now, weeks)
    team_ids = ",".join(str(t["id"]) for t in store.accounts.managed_teams(db, manager["id"]))
    people = TEAM_PEOPLE.format(teams=team_ids)
    every_team = "SELECT id FROM teams"
    floors = {
        "team": median_seconds(
            lambda: floor(db, FLOOR_TEAM + FLOOR_PRACTICES, params, people=people, teams=team_ids), args.repeat
        ),
        "organisation": median_seconds(  # its first tab: the practices are in a tab of their own
            lambda: floor(db, FLOOR_ORGANISATION, params, teams=every_team), args.repeat
        ),
    }
    print(
        f"\npages (median of {args.repeat}, s)   cold    warm   floor   cold/floor   target"
        "   (nothing kept; after every team wrote)"
    )
    for key, page, user in (
        ("team", "pages/measure/team.py", "manager001"),
        ("organisation", "pages/measure/organisation.py", "trainer"),
    ):
        cold = page_seconds(page, user, args.repeat, cold=True)
        warm = page_seconds(page, user, args.repeat, cold=False)
        written = page_seconds(page, user, args.repeat, cold=False, after_write=True)
        first = page_seconds(page, user, args.repeat, cold=True, nothing_kept=True)
        ratio = cold / floors[key] if floors[key] else float("inf")
        verdict = "met" if cold <= TARGETS[key] else "MISSED"
        print(
            f"  {key:22} {cold:7.3f} {warm:7.3f} {floors[key]:7.3f} {ratio:10.1f}   "
            f"<= {TARGETS[key]} s: {verdict}; ratio <= {RATIO_TARGET}: {'met' if ratio <= RATIO_TARGET else 'MISSED'}"
            f"   ({first:.3f}; {written:.3f})"
        )
    return tabs_and_pages(args.repeat)


def pages_only(repeat: int) -> int:
    """The pages without their floor (its SQL is SQLite's own), beside each its first view of the day (today's
    rows not kept yet: the warming job's work), without the every-team-wrote figure (too long at 100,000 on
    PostgreSQL, one team at a time)."""
    print(f"\npages (median of {repeat}, s)   cold    warm   target   (first view of the day)")
    for key, page, user in (
        ("team", "pages/measure/team.py", "manager001"),
        ("organisation", "pages/measure/organisation.py", "trainer"),
    ):
        first: list[float] = []
        cold = page_seconds(page, user, repeat, cold=True, first=first)
        warm = page_seconds(page, user, repeat, cold=False)
        verdict = "met" if cold <= TARGETS[key] else "MISSED"
        print(f"  {key:22} {cold:7.3f} {warm:7.3f}   <= {TARGETS[key]} s: {verdict}   ({first[0]:.3f})", flush=True)
    return tabs_and_pages(repeat, after_write=False)


def tabs_and_pages(repeat: int, after_write: bool = True) -> int:
    """The tabs that run only when opened, and the other heavy pages: cold, warm, after a write (or, without
    `after_write`, the first view of the day)."""
    for page, user, tab, label in (
        ("pages/measure/organisation.py", "trainer", ("organisation-view", "Practices"), "organisation: practices"),
        ("pages/measure/organisation.py", "trainer", ("organisation-view", "Recall"), "organisation: recall"),
        ("pages/measure/team.py", "manager001", ("team-view", "Assignments"), "team: assignments"),
        ("pages/measure/team.py", "trainer", None, "team, trainer, all teams"),
        ("pages/measure/team.py", "trainer", ("team-view", "Assignments"), "  its assignments tab"),
        ("pages/author/analysis.py", "trainer", None, "question analysis"),
    ):
        first: list[float] = []
        cold = page_seconds(page, user, repeat, cold=True, tab=tab, first=first)
        warm = page_seconds(page, user, repeat, cold=False, tab=tab)
        written = page_seconds(page, user, repeat, cold=False, tab=tab, after_write=True) if after_write else first[0]
        print(f"  {label:28} {cold:7.3f} {warm:7.3f}   ({written:.3f})", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
