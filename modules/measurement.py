"""Team and organisation measurement: small, ready tables for the progress pages.

The store computes every aggregate in SQL, scoped to what the viewer may
see; this module only chooses the periods, names modules by their titles and
puts the figures side by side with the previous period.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from sqlite_utils import Database

from modules import store
from modules.content.model import TrainingModule

GRID_LIMIT = 300  # above this many people, a people × modules chart stops being readable
PERIODS = {"Last 4 weeks": 4, "Last 8 weeks": 8, "Last 12 weeks": 12, "Last 26 weeks": 26, "Last 52 weeks": 52}
STATUS_ORDER = ["passed", "not passed yet", "in progress", "not started"]


@dataclass(frozen=True)
class Figure:
    """A headline number now and at the end of the previous period."""

    label: str
    value: float | None
    previous: float | None
    unit: str = ""
    help: str = ""

    @property
    def delta(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    def shown(self, value: float | None) -> str:
        return "—" if value is None else f"{value:.0f}{self.unit}"


@dataclass
class TeamReport:
    figures: list[Figure]
    status: list[dict[str, Any]]
    grid: list[dict[str, Any]]  # empty when more than GRID_LIMIT people are in scope
    people: int
    weekly: list[dict[str, Any]]
    cumulative: list[dict[str, Any]]
    distribution: list[dict[str, Any]]


@dataclass
class OrganisationReport:
    figures: list[Figure]
    teams: list[dict[str, Any]]
    team_modules: list[dict[str, Any]]


@dataclass
class PersonReport:
    attempts: list[dict[str, Any]]
    reads: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)


def stamp(moment: datetime) -> str:
    return moment.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M:%S")


def scope_for(viewer: dict[str, Any], modules: list[TrainingModule], team_id: int | None = None) -> store.Scope:
    """The viewer's scope over the given modules (employees are assigned those meant for them)."""
    specs = tuple((m.id, len(m.sections), m.has_quiz) for m in modules if m.is_for("employee"))
    return store.Scope(viewer["id"], viewer["role"], specs, team_id)


def _titles(rows: list[dict[str, Any]], modules: list[TrainingModule]) -> list[dict[str, Any]]:
    titles = {m.id: m.title for m in modules}
    return [{**row, "module": titles.get(row["module_id"], row["module_id"])} for row in rows]


def headline_figures(db: Database, scope: store.Scope, weeks: int, now: datetime) -> list[Figure]:
    """Completion, average best, first-attempt pass rate and weekly activity, against the period before."""
    until, since = now, now - timedelta(weeks=weeks)
    current = store.headline(db, scope, stamp(since), stamp(until))
    before = store.headline(db, scope, stamp(since - timedelta(weeks=weeks)), stamp(since))

    def completion(h: dict) -> float | None:
        return 100 * h["passed"] / h["assigned"] if h["assigned"] else None

    def rate(h: dict) -> float | None:
        return None if h["first_attempt_pass_rate"] is None else 100 * h["first_attempt_pass_rate"]

    return [
        Figure("Completion", completion(current), completion(before), " %",
               "Modules passed out of modules assigned, for everyone in scope."),
        Figure("Average best score", current["average_best"], before["average_best"], " %",
               "Mean of each person's best score per module they attempted."),
        Figure("Pass rate at first attempt", rate(current), rate(before), " %",
               f"First attempts in the period that passed ({current['first_attempts']} first attempts)."),
        Figure("Learners active this week", current["active_this_week"], before["active_this_week"], "",
               "People who read a section or took a quiz in the last 7 days, against the 7 days before the period."),
    ]


def team_report(db: Database, viewer: dict[str, Any], modules: list[TrainingModule], team_id: int | None,
                weeks: int, now: datetime) -> TeamReport:
    scope = scope_for(viewer, modules, team_id)
    since = stamp(now - timedelta(weeks=weeks))
    people = store.people_count(db, scope)
    cumulative = store.cumulative_completion(db, scope)
    for row in cumulative:
        row["completion"] = 100 * row["cumulative"] / row["assigned"] if row["assigned"] else 0.0
    return TeamReport(
        figures=headline_figures(db, scope, weeks, now),
        status=_titles(store.status_counts(db, scope), modules),
        grid=_titles(store.person_module_grid(db, scope), modules) if people <= GRID_LIMIT else [],
        people=people,
        weekly=store.weekly_activity(db, scope, since),
        cumulative=cumulative,
        distribution=_titles(store.score_distribution(db, scope, since), modules),
    )


def organisation_report(db: Database, viewer: dict[str, Any], modules: list[TrainingModule], weeks: int,
                        now: datetime) -> OrganisationReport:
    """Teams side by side: who lags, which module stalls."""
    scope = scope_for(viewer, modules)
    since = stamp(now - timedelta(weeks=weeks))
    per_module = _titles(store.team_comparison(db, scope, since, stamp(now)), modules)
    activity = {row["team_id"]: row for row in store.team_activity(db, scope, stamp(now))}
    teams: dict[int, dict[str, Any]] = {}
    for row in per_module:
        team = teams.setdefault(row["team_id"], {
            "team": row["team"], "people": row["people"], "assigned": 0, "passed": 0, "best_sum": 0.0,
            "best_n": 0, "first_passed": 0.0, "first_attempts": 0,
            "active_this_week": activity.get(row["team_id"], {}).get("active_this_week", 0)})
        team["assigned"] += row["people"]
        team["passed"] += row["passed"]
        if row["average_best"] is not None:
            team["best_sum"] += row["average_best"] * row["attempted"]
            team["best_n"] += row["attempted"]
        if row["first_attempts"]:
            team["first_passed"] += row["first_attempt_pass_rate"] * row["first_attempts"]
            team["first_attempts"] += row["first_attempts"]
        row["completion"] = 100 * row["passed"] / row["people"] if row["people"] else 0.0
    table = [{
        "team": t["team"], "people": t["people"],
        "completion": 100 * t["passed"] / t["assigned"] if t["assigned"] else None,
        "average_best": t["best_sum"] / t["best_n"] if t["best_n"] else None,
        "first_attempt_pass_rate": 100 * t["first_passed"] / t["first_attempts"] if t["first_attempts"] else None,
        "active_this_week": t["active_this_week"],
    } for t in teams.values()]
    return OrganisationReport(headline_figures(db, scope, weeks, now), table, per_module)


def person_report(db: Database, viewer: dict[str, Any], modules: list[TrainingModule], user_id: int) -> PersonReport:
    """One person's detail, empty if the viewer may not see them."""
    scope = scope_for(viewer, modules)
    questions = {(m.id, q.id): q.prompt for m in modules for q in m.questions}
    missed = _titles(store.person_missed_questions(db, scope, user_id), modules)
    for row in missed:
        row["question"] = questions.get((row["module_id"], row["question_id"]), row["question_id"])
    return PersonReport(
        attempts=_titles(store.person_attempts(db, scope, user_id), modules),
        reads=_titles(store.person_reads(db, scope, user_id), modules),
        missed=missed,
    )
