"""How well people remember: predicted recall today, questions due, weekly practice and the retention curve.

Everything is computed from the cards and reviews of the people the viewer may
see (the store scopes them), so a manager sees their teams and a learner their
own. Recall is FSRS's retrievability, averaged in SQL over whole days (as FSRS
counts them) from each card's stability and the day it was last reviewed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from statistics import fmean

from sqlite_utils import Database

from modules import store
from modules.content.model import TrainingModule
from modules.i18n import N_
from modules.learning import progress, recall
from modules.measurement import kept_teams
from modules.store import clock
from modules.store.clock import day_bounds, day_number

WEEK = 7
# Time since a question was last seen, in days: the three points of the retention curve.
INTERVALS = ((N_("after a day"), 0.5, 3.0), (N_("after a week"), 3.0, 14.0), (N_("after a month"), 14.0, 60.0))
BOUNDS = [(low, high) for _, low, high in INTERVALS]
# Who keeps a skill up, among the people who passed one of its modules: the list of its groups, in order.
UPKEEP = (N_("up to date"), N_("overdue"), N_("not practising"))
CURVE = store.recall.Curve(recall.FACTOR, recall.DECAY)


@dataclass
class PersonRecall:
    user_id: int
    name: str
    team: str
    recall: float | None  # percent
    due: int  # due today, not yet overdue
    overdue: int  # due before today
    questions: int
    practised_this_week: bool


@dataclass
class TeamRecall:
    team: str
    people: int
    recall: float | None
    due: int
    overdue: int
    practising: float  # percent of the team who practised in the last 7 days


@dataclass
class RecallReport:
    people: list[PersonRecall] = field(default_factory=list)  # left empty for a whole organisation
    teams: list[TeamRecall] = field(default_factory=list)
    skills: list[dict] = field(default_factory=list)  # skill, recall (percent), questions
    retention: list[dict] = field(default_factory=list)  # interval (msgid), right (percent), answers
    recall: float | None = None  # percent, over every card in view
    due: int = 0
    overdue: int = 0
    upkeep: list[dict] = field(default_factory=list)  # skill, status (one of UPKEEP), people

    @property
    def practising(self) -> float | None:
        sizes = sum(t.people for t in self.teams)
        return sum(t.practising * t.people for t in self.teams) / sizes if sizes else None


def recall_report(
    db: Database,
    viewer_id: int,
    modules: list[TrainingModule],
    team_id: int | None,
    now: datetime,
    by_person: bool = True,
) -> RecallReport:
    """Recall per team and skill (and per person unless `by_person` is off: a whole organisation's page needs
    teams only), and the retention curve, for the viewer's scope. Means are over the questions (cards)."""
    scope = store.scope.Scope(viewer_id, tuple(progress.spec(m) for m in modules), team_id)
    if not by_person:
        return _of_teams(db, scope, modules, now)
    start, end = day_bounds(now)
    rows = store.recall.scoped_recall(db, scope, CURVE, day_number(now), start, end, by_person)
    practisers = store.recall.scoped_practisers(db, scope, clock.today(now - timedelta(days=WEEK)).isoformat())
    everyone = _totals(rows)
    return RecallReport(
        _people(rows, {p["user_id"] for p in practisers}, store.debriefing.people_in_scope(db, scope))
        if by_person
        else [],
        _teams(store.recall.scoped_team_sizes(db, scope), rows, Counter(p["team_id"] for p in practisers)),
        _skills(rows, modules),
        _curve(store.recall.scoped_retention(db, scope, clock.today(now - timedelta(days=90)).isoformat(), BOUNDS)),
        everyone.recall,
        everyone.due,
        everyone.overdue,
        _upkeep(store.recall.scoped_skill_upkeep(db, scope, [(m.id, s) for m in modules for s in m.skills], start)),
    )


TEAM_RECALL = "team recall"


def _team_parts(
    db: Database, modules: list[TrainingModule], now: datetime
) -> Callable[[store.scope.Scope], list[dict]]:
    """Each team's share of the report, in parts that add up over teams (recall per module, size, practisers,
    retention counts, upkeep per skill): what `kept_reports` keeps per team."""
    start, end = day_bounds(now)
    skills = [(m.id, s) for m in modules for s in m.skills]
    week = clock.today(now - timedelta(days=WEEK)).isoformat()
    since90 = clock.today(now - timedelta(days=90)).isoformat()

    def parts(s: store.scope.Scope) -> list[dict]:
        practising = Counter(p["team_id"] for p in store.recall.scoped_practisers(db, s, week))
        return (
            [{"part": "recall", **r} for r in store.recall.scoped_recall(db, s, CURVE, day_number(now), start, end, False)]
            + [{"part": "size", **r, "practising": practising[r["team_id"]]} for r in store.recall.scoped_team_sizes(db, s)]
            + [{"part": "retention", **r} for r in store.recall.team_retention(db, s, since90, BOUNDS)]
            + [{"part": "upkeep", **r} for r in store.recall.scoped_skill_upkeep(db, s, skills, start, per_team=True)]
        )  # fmt: skip

    return parts


def _of_teams(db: Database, scope: store.scope.Scope, modules: list[TrainingModule], now: datetime) -> RecallReport:
    """The report of whole teams, from each team's kept parts: only the teams whose people practised, learnt or
    moved since are computed again (a head office's recall was seconds of every card of everyone)."""
    kinds = (store.summaries.TEAM, store.summaries.RECALL)
    key = store.kept_reports.key_of(
        TEAM_RECALL, scope.modules, sorted((m.id, m.skills) for m in modules), day_number(now)
    )
    parts = kept_teams.by_part(
        kept_teams.kept_rows(db, scope, TEAM_RECALL, key, _team_parts(db, modules, now), kinds),
        ("recall", "size", "retention", "upkeep"),
    )
    rows = parts["recall"]
    sizes = parts["size"]
    everyone = _totals(rows)  # type: ignore[arg-type]
    retention = {k: sum(r[k] or 0 for r in parts["retention"]) for k in _band_keys()}
    upkeep: dict[str, dict] = {}
    for row in parts["upkeep"]:
        into = upkeep.setdefault(row["skill"], {"skill": row["skill"], "passed": 0, "unpractised": 0, "overdue": 0})
        for k in ("passed", "unpractised", "overdue"):
            into[k] += row[k]
    return RecallReport(
        [],
        _teams(sizes, rows, Counter({s["team_id"]: s["practising"] for s in sizes})),  # type: ignore[arg-type]
        _skills(rows, modules),  # type: ignore[arg-type]
        _curve(store.recall.retention_points(retention, BOUNDS)),
        everyone.recall,
        everyone.due,
        everyone.overdue,
        _upkeep([upkeep[skill] for skill in sorted(upkeep)]),  # type: ignore[arg-type]
    )


def _band_keys() -> list[str]:
    return [f"{kind}{n}" for n in range(len(BOUNDS)) for kind in ("answers", "right")]


@dataclass(frozen=True)
class Totals:
    """What a group of per-person-and-module rows adds up to: one person, one team or everyone in view."""

    recall: float | None  # percent, over the group's cards
    due: int
    overdue: int
    questions: int


def _totals(rows: list[store.recall.PersonModuleFigures]) -> Totals:
    count = sum(r["recalled"] for r in rows)
    total = sum(float(r["recall_sum"] or 0) for r in rows)
    return Totals(
        100 * total / count if count else None,
        sum(r["due"] for r in rows),
        sum(r["overdue"] for r in rows),
        sum(r["questions"] for r in rows),
    )


def _people(
    rows: list[store.recall.PersonModuleFigures], active: set[int], everyone: list[store.debriefing.Person]
) -> list[PersonRecall]:
    """One line per person in view: those who never practised first (the ones to follow up), then each from
    their modules' sums (rows come ordered by team and name)."""
    by_person: dict[int, list[store.recall.PersonModuleFigures]] = defaultdict(list)
    for row in rows:
        by_person[row["user_id"]].append(row)  # type: ignore[index]
    people = []
    for user_id, own in by_person.items():
        totals = _totals(own)
        people.append(
            PersonRecall(
                user_id,
                own[0]["name"] or "",
                own[0]["team"],
                totals.recall,
                totals.due,
                totals.overdue,
                totals.questions,
                user_id in active,
            )
        )
    never = [
        PersonRecall(p["id"], p["name"], p.get("team", ""), None, 0, 0, 0, False)
        for p in everyone
        if p["id"] not in by_person
    ]
    return never + people


def _teams(
    sizes: list[store.recall.TeamSize], rows: list[store.recall.PersonModuleFigures], active: Counter
) -> list[TeamRecall]:
    by_team: dict[int, list[store.recall.PersonModuleFigures]] = defaultdict(list)
    for row in rows:
        by_team[row["team_id"]].append(row)
    teams = []
    for size in sizes:
        totals = _totals(by_team.get(size["team_id"], []))
        teams.append(
            TeamRecall(
                size["team"],
                size["people"],
                totals.recall,
                totals.due,
                totals.overdue,
                100 * active[size["team_id"]] / size["people"] if size["people"] else 0.0,
            )
        )
    return teams


def _skills(rows: list[store.recall.PersonModuleFigures], modules: list[TrainingModule]) -> list[dict]:
    """Mean predicted recall of the questions of each skill's modules."""
    skills_of = {m.id: m.skills for m in modules}
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0])
    for row in rows:
        for skill in skills_of.get(row["module_id"], []):
            sums[skill][0] += float(row["recall_sum"] or 0)
            sums[skill][1] += row["recalled"]
    return [
        {"skill": skill, "recall": 100 * total / count, "questions": int(count)}
        for skill, (total, count) in sorted(sums.items())
        if count
    ]


def _upkeep(rows: list[store.recall.SkillUpkeep]) -> list[dict]:
    """Per skill, the people who passed one of its modules in three groups (UPKEEP's order), empty ones too:
    a skill nobody neglects shows a full green bar."""
    out = []
    for row in rows:
        kept = row["passed"] - row["unpractised"] - row["overdue"]
        for status, people in zip(UPKEEP, (kept, row["overdue"], row["unpractised"]), strict=True):
            out.append({"skill": row["skill"], "status": status, "people": people})
    return out


def _curve(points: list[store.recall.RetentionPoint]) -> list[dict]:
    """The retention curve's points that have answers, in order of the intervals."""
    return [
        {"interval": INTERVALS[p["bucket"]][0], "right": 100 * float(p["right_share"]), "answers": p["answers"]}
        for p in sorted(points, key=lambda p: p["bucket"])
    ]


def person_recall(db: Database, user_id: int, modules: list[TrainingModule], now: datetime) -> dict:
    """A learner's own figures for My progress: recall today, due and overdue, per skill."""
    cards = store.recall.cards_of(db, user_id)
    skills_of = {m.id: m.skills for m in modules}
    start, end = day_bounds(now)
    values, per_skill = [], defaultdict(list)
    for (module_id, _question), card in cards.items():
        value = recall.retrievability(card["stability"], card["last_review"], now)
        if value is None or module_id not in skills_of:
            continue
        values.append(value)
        for skill in skills_of[module_id]:
            per_skill[skill].append(value)
    return {
        "recall": 100 * fmean(values) if values else None,
        "due": sum(1 for c in cards.values() if c["due"] < end),
        "overdue": sum(1 for c in cards.values() if c["due"] < start),
        "skills": [{"skill": s, "recall": 100 * fmean(v), "questions": len(v)} for s, v in sorted(per_skill.items())],
    }


def question_memory(db: Database, module: TrainingModule) -> dict[str, dict[str, float | int | None]]:
    """Per question of a module: practice answers, and the share right a day, a week, a month after last seen."""
    rows = store.recall.question_retention(db, module.id, BOUNDS)
    memory: dict[str, dict[str, float | int | None]] = {
        q.id: {"practice_answers": 0, **{label: None for label, *_ in INTERVALS}} for q in module.questions
    }
    for row in rows:
        if row["question_id"] not in memory:
            continue  # a question since removed from the module
        memory[row["question_id"]]["practice_answers"] = row["answers"]
        for point in _curve(row["points"]):
            memory[row["question_id"]][point["interval"]] = point["right"]
    return memory
