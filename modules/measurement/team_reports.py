"""Team and organisation measurement: small, ready tables for the progress pages.

The store computes every aggregate in SQL, scoped to what the viewer may
see; this module only chooses the periods, names modules by their titles and
puts the figures side by side with the previous period.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from modules import store
from modules.authoring import releases
from modules.content.model import TrainingModule
from modules.i18n import N_
from modules.learning import assignments, progress
from modules.measurement import kept_teams
from modules.measurement.figures import Figure

GRID_LIMIT = 300  # above this many people, a people × modules chart stops being readable
PERIODS = {
    N_("Last 4 weeks"): 4,
    N_("Last 8 weeks"): 8,
    N_("Last 12 weeks"): 12,
    N_("Last 26 weeks"): 26,
    N_("Last 52 weeks"): 52,
}


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
    dues: list[store.assignments.TeamCounts] = field(
        default_factory=list
    )  # per team: assigned, late, due soon, to do, done
    new_modules: list[str] = field(default_factory=list)  # ids of modules too new to be called stalled


@dataclass
class PersonReport:
    attempts: list[dict[str, Any]]
    reads: list[dict[str, Any]] = field(default_factory=list)
    missed: list[dict[str, Any]] = field(default_factory=list)


def scope_for(viewer_id: int, modules: list[TrainingModule], team_id: int | None = None) -> store.scope.Scope:
    """The viewer's scope over the given modules (employees are assigned those meant for them)."""
    return store.scope.Scope(viewer_id, tuple(progress.spec(m) for m in progress.for_team_members(modules)), team_id)


def _week_before(moment: datetime) -> str:
    return store.clock.timestamp(moment - timedelta(days=7))


def status_counts(db: Database, scope: store.scope.Scope) -> list[dict[str, Any]]:
    """Per module, how many people are at each status (named by `progress.status_of`, like the learner's)."""
    counts: dict[tuple[str, str], int] = {}
    for row in store.measurement.standing_counts(db, scope):
        if not row["people"]:
            continue
        key = (row["module_id"], progress.status_of(bool(row["passed"]), bool(row["attempted"]), bool(row["started"])))
        counts[key] = counts.get(key, 0) + row["people"]
    return [{"module_id": module, "status": status, "people": people} for (module, status), people in counts.items()]


def person_module_grid(db: Database, scope: store.scope.Scope) -> list[dict[str, Any]]:
    """The coaching grid, each cell with the status the person sees on their own pages."""
    return [
        {**row, "status": progress.status_of(bool(row["passed"]), row["attempts"] > 0, row["sections_read"] > 0)}
        for row in store.measurement.person_module_grid(db, scope)
    ]


def _titles(rows: list[dict[str, Any]], modules: list[TrainingModule]) -> list[dict[str, Any]]:
    titles = {m.id: m.title for m in modules}
    return [{**row, "module": titles.get(row["module_id"], row["module_id"])} for row in rows]


COMPLETION_HELP = {
    False: N_("Modules passed out of modules assigned, for everyone in scope."),
    True: N_(
        "Assigned modules done out of those assigned, for everyone in scope (a recertification counts while "
        "its pass is valid)."
    ),
}


def _done_share(rows: list[store.assignments.TeamCounts]) -> float | None:
    """Percent of assigned items done over these teams; None when nothing is assigned."""
    return _ratio(sum(r["done"] for r in rows), sum(r["assigned"] for r in rows))


def assigned_completion(db: Database, scope: store.scope.Scope, moment: datetime) -> float | None:
    """Share of assigned items done as things stood at `moment`; None when nothing was assigned then."""
    return _done_share(store.assignments.counts_per_team(db, scope, assignments.rules_at(moment)))


def _figures(now: dict[str, Any], before: dict[str, Any], by_assignment: bool = False) -> list[Figure]:
    return [
        Figure(N_("Completion"), now["completion"], before["completion"], " %", COMPLETION_HELP[by_assignment]),
        Figure(
            N_("Average best score"),
            now["average_best"],
            before["average_best"],
            " %",
            N_("Mean of each person's best score per module they attempted."),
        ),
        Figure(
            N_("Pass rate at first attempt"),
            now["first_attempt_pass_rate"],
            before["first_attempt_pass_rate"],
            " %",
            N_("First attempts in the period that passed (first attempts: {count})."),
            {"count": now["first_attempts"]},
        ),
        Figure(
            N_("Learners active this week"),
            now["active_this_week"],
            before["active_this_week"],
            "",
            N_("People who read a section or took a quiz in the last 7 days, against the 7 days before the period."),
        ),
    ]


def _headline(row: dict[str, Any]) -> dict[str, Any]:
    rate = row["first_attempt_pass_rate"]
    return {
        "completion": _ratio(row["passed"], row["assigned"]),
        "average_best": row["average_best"],
        "first_attempt_pass_rate": None if rate is None else 100 * rate,
        "active_this_week": row["active_this_week"],
        "first_attempts": row["first_attempts"],
    }


Past = Callable[[datetime, datetime], dict[str, Any]]  # (start, end) of a past period: its headline row


def period_start(now: datetime, weeks: int) -> datetime:
    """Where a period of `weeks` ending now starts: the install's midnight `weeks` weeks ago. It stays the
    same all day, so the period before it (which later activity cannot change) can be kept."""
    return store.clock.start_of(store.clock.today(now) - timedelta(weeks=weeks))


def past_headline(db: Database, scope: store.scope.Scope, start: datetime, end: datetime) -> dict[str, Any]:
    """The headline of a past period, and its completion of assigned modules (None when nothing was)."""
    row = _headline(
        store.measurement.headline(
            db, scope, store.clock.timestamp(start), store.clock.timestamp(end), _week_before(end)
        )
    )
    return {**row, "assigned_completion": assigned_completion(db, scope, end)}


def headline_figures(
    db: Database, scope: store.scope.Scope, weeks: int, now: datetime, past: Past | None = None
) -> list[Figure]:
    """Completion, average best, first-attempt pass rate and weekly activity, against the period before
    (given by `past` when a cache keeps it)."""
    since = period_start(now, weeks)
    now_row = _headline(
        store.measurement.headline(
            db, scope, store.clock.timestamp(since), store.clock.timestamp(now), _week_before(now)
        )
    )
    before_row = (past or (lambda start, end: past_headline(db, scope, start, end)))(
        since - timedelta(weeks=weeks), since
    )
    assigned_now = assigned_completion(db, scope, now)
    if assigned_now is None:  # nothing assigned: every module counts as assigned to everyone
        return _figures(now_row, before_row)
    now_row["completion"], before_row["completion"] = assigned_now, before_row["assigned_completion"]
    return _figures(now_row, before_row, by_assignment=True)


def team_report(
    db: Database,
    viewer_id: int,
    modules: list[TrainingModule],
    team_id: int | None,
    weeks: int,
    now: datetime,
    past: Past | None = None,
) -> TeamReport:
    scope = scope_for(viewer_id, modules, team_id)
    since = store.clock.timestamp(period_start(now, weeks))
    people = store.measurement.people_count(db, scope)
    cumulative = store.measurement.cumulative_completion(db, scope)
    for row in cumulative:
        row["completion"] = 100 * row["cumulative"] / row["assigned"] if row["assigned"] else 0.0
    return TeamReport(
        figures=headline_figures(db, scope, weeks, now, past),
        status=_titles(status_counts(db, scope), modules),
        grid=_titles(person_module_grid(db, scope), modules) if people <= GRID_LIMIT else [],
        people=people,
        weekly=store.measurement.weekly_activity(db, scope, since),
        cumulative=cumulative,
        distribution=_titles(store.measurement.score_distribution(db, scope, since), modules),
    )


def _team_totals(per_module: list[dict[str, Any]], activity: list[dict[str, Any]]) -> dict[int, dict[str, Any]]:
    """Fold per-team, per-module rows into one row per team (weighted, not averaged averages)."""
    active = {row["team_id"]: row["active_this_week"] for row in activity}
    teams: dict[int, dict[str, Any]] = {}
    for row in per_module:
        team = teams.setdefault(
            row["team_id"],
            {
                "team": row["team"],
                "people": row["people"],
                "assigned": 0,
                "passed": 0,
                "best_sum": 0.0,
                "attempted": 0,
                "first_passed": 0.0,
                "first_attempts": 0,
                "active_this_week": active.get(row["team_id"], 0),
            },
        )
        team["assigned"] += row["people"]
        team["passed"] += row["passed"]
        if row["average_best"] is not None:
            team["best_sum"] += row["average_best"] * row["attempted"]
            team["attempted"] += row["attempted"]
        if row["first_attempts"]:
            team["first_passed"] += row["first_attempt_pass_rate"] * row["first_attempts"]
            team["first_attempts"] += row["first_attempts"]
    return teams


def _ratio(part: float, whole: float, scale: float = 100.0) -> float | None:
    return scale * part / whole if whole else None


def _summary(teams: list[dict[str, Any]]) -> dict[str, Any]:
    """The same four headline numbers, for a set of team totals."""
    return {
        "completion": _ratio(sum(t["passed"] for t in teams), sum(t["assigned"] for t in teams)),
        "average_best": _ratio(sum(t["best_sum"] for t in teams), sum(t["attempted"] for t in teams), 1.0),
        "first_attempt_pass_rate": _ratio(
            sum(t["first_passed"] for t in teams), sum(t["first_attempts"] for t in teams)
        ),
        "active_this_week": sum(t["active_this_week"] for t in teams),
        "first_attempts": sum(t["first_attempts"] for t in teams),
    }


def past_organisation(
    db: Database, viewer_id: int, modules: list[TrainingModule], start: datetime, end: datetime
) -> dict[str, Any]:
    """The organisation's headline over a past period, and its completion of assigned modules. Kept in the
    database once computed (a past period does not change; new accounts and assignments are in its key)."""
    scope = scope_for(viewer_id, modules)

    def compute() -> list[dict[str, Any]]:
        totals = _team_totals(
            store.measurement.team_comparison(db, scope, store.clock.timestamp(start), store.clock.timestamp(end)),
            store.measurement.team_activity(db, scope, store.clock.timestamp(end), _week_before(end)),
        )
        return [{**_summary(list(totals.values())), "assigned_completion": assigned_completion(db, scope, end)}]

    key = store.kept_reports.key_of(
        "past organisation", viewer_id, scope.modules, start, end, store.measurement.accounts_stamp(db),
        store.assignments.assignments_stamp(db),
    )  # fmt: skip
    return store.kept_reports.whole(db, "past organisation", key, compute)[0]


def organisation_report(
    db: Database, viewer_id: int, modules: list[TrainingModule], weeks: int, now: datetime, past: Past | None = None
) -> OrganisationReport:
    """Teams side by side: who lags, which module stalls; headline figures from the same rows, against the
    period before (given by `past` when a cache keeps it)."""
    scope = scope_for(viewer_id, modules)
    since = period_start(now, weeks)
    per_module = _titles(kept_teams.standing(db, scope, store.clock.timestamp(since)), modules)
    current = _team_totals(per_module, kept_teams.activity(db, scope, now))
    before_sum = (past or (lambda start, end: past_organisation(db, viewer_id, modules, start, end)))(
        since - timedelta(weeks=weeks), since
    )
    for row in per_module:
        row["completion"] = _ratio(row["passed"], row["people"]) or 0.0
    table = {
        team_id: {
            "team_id": team_id,
            "team": t["team"],
            "people": t["people"],
            **{k: v for k, v in _summary([t]).items() if k != "first_attempts"},
        }
        for team_id, t in current.items()
    }
    now_sum = _summary(list(current.values()))
    dues = kept_teams.dues(db, scope, assignments.rules_at(now))
    new = releases.new_modules(db, now)
    fresh = [m.id for m in modules if m.id in new]
    if not dues:
        return OrganisationReport(_figures(now_sum, before_sum), list(table.values()), per_module, dues, fresh)
    by_team = {row["team_id"]: row for row in dues}
    for team_id, row in table.items():  # teams without assignments have no completion to show
        due = by_team.get(team_id)
        row["completion"] = _ratio(due["done"], due["assigned"]) if due else None
        row["late"], row["due_soon"] = (due["late"], due["due_soon"]) if due else (0, 0)
    now_sum["completion"] = _done_share(dues)
    before_sum["completion"] = before_sum["assigned_completion"]
    return OrganisationReport(
        _figures(now_sum, before_sum, by_assignment=True), list(table.values()), per_module, dues, fresh
    )


def person_report(db: Database, viewer_id: int, modules: list[TrainingModule], user_id: int) -> PersonReport:
    """One person's detail, empty if the viewer may not see them."""
    scope = scope_for(viewer_id, modules)
    questions = {(m.id, q.id): q.prompt for m in modules for q in m.questions}
    missed = _titles(store.measurement.person_missed_questions(db, scope, user_id), modules)
    for row in missed:
        row["question"] = questions.get((row["module_id"], row["question_id"]), row["question_id"])
    return PersonReport(
        attempts=_titles(store.measurement.person_attempts(db, scope, user_id), modules),
        reads=_titles(store.measurement.person_reads(db, scope, user_id), modules),
        missed=missed,
    )
