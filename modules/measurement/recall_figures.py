"""How well people remember: predicted recall today, questions due, weekly practice and the retention curve.

Everything is computed from the cards and reviews of the people the viewer may
see (the store scopes them), so a manager sees their teams and a learner their
own. Recall is FSRS's retrievability averaged over a person's cards.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from statistics import fmean

from sqlite_utils import Database

from modules import store
from modules.content.model import TrainingModule
from modules.i18n import N_
from modules.learning import progress, recall
from modules.store.clock import timestamp

WEEK = 7
# Time since a question was last seen, in days: the three points of the retention curve.
INTERVALS = ((N_("after a day"), 0.5, 3.0), (N_("after a week"), 3.0, 14.0), (N_("after a month"), 14.0, 60.0))


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
    people: list[PersonRecall] = field(default_factory=list)
    teams: list[TeamRecall] = field(default_factory=list)
    skills: list[dict] = field(default_factory=list)  # skill, recall (percent), questions
    retention: list[dict] = field(default_factory=list)  # interval (msgid), right (percent), answers

    @property
    def recall(self) -> float | None:
        values = [p.recall for p in self.people if p.recall is not None]
        return fmean(values) if values else None

    @property
    def practising(self) -> float | None:
        sizes = sum(t.people for t in self.teams)
        return 100 * sum(t.practising * t.people / 100 for t in self.teams) / sizes if sizes else None


def recall_report(
    db: Database, viewer_id: int, modules: list[TrainingModule], team_id: int | None, now: datetime
) -> RecallReport:
    """Recall per person, team and skill, and the retention curve, for the viewer's scope."""
    scope = store.Scope(viewer_id, tuple(progress.spec(m) for m in modules), team_id)
    cards = store.scoped_cards(db, scope)
    since = (now - timedelta(days=WEEK)).date().isoformat()
    reviews = store.scoped_reviews(db, scope, (now - timedelta(days=90)).date().isoformat())
    practised = {r["user_id"] for r in reviews if r["day"] >= since}
    today, tomorrow = _day_bounds(now)
    report = RecallReport()
    by_person: dict[int, list[store.ScopedCard]] = defaultdict(list)
    for card in cards:
        by_person[card["user_id"]].append(card)
    values: dict[int, list[float]] = {}
    for user_id, own in by_person.items():
        values[user_id] = [v for c in own if (v := recall.retrievability(c["stability"], c["last_review"], now))]
        report.people.append(
            PersonRecall(
                user_id,
                own[0]["name"],
                own[0]["team"],
                100 * fmean(values[user_id]) if values[user_id] else None,
                sum(1 for c in own if today <= c["due"] < tomorrow),
                sum(1 for c in own if c["due"] < today),
                len(own),
                user_id in practised,
            )
        )
    report.teams = _teams(db, scope, report.people, practised, reviews)
    report.skills = _skills(cards, modules, now)
    report.retention = retention(reviews)
    return report


def _day_bounds(now: datetime) -> tuple[str, str]:
    start = datetime.combine(now.date(), datetime.min.time(), UTC)
    return timestamp(start), timestamp(start + timedelta(days=1))


def _teams(
    db: Database,
    scope: store.Scope,
    people: list[PersonRecall],
    practised: set[int],
    reviews: list[store.ScopedReview],
) -> list[TeamRecall]:
    members = {r["user_id"]: r["team_id"] for r in reviews}
    active = defaultdict(set)
    for user_id in practised:
        active[members[user_id]].add(user_id)
    teams = []
    for size in store.scoped_team_sizes(db, scope):
        mine = [p for p in people if p.team == size["team"]]
        recalls = [p.recall for p in mine if p.recall is not None]
        teams.append(
            TeamRecall(
                size["team"],
                size["people"],
                fmean(recalls) if recalls else None,
                sum(p.due for p in mine),
                sum(p.overdue for p in mine),
                100 * len(active[size["team_id"]]) / size["people"] if size["people"] else 0.0,
            )
        )
    return teams


def _skills(cards: list[store.ScopedCard], modules: list[TrainingModule], now: datetime) -> list[dict]:
    """Mean recall of the questions of each skill's modules."""
    skills_of = {m.id: m.skills for m in modules}
    per_skill: dict[str, list[float]] = defaultdict(list)
    for card in cards:
        value = recall.retrievability(card["stability"], card["last_review"], now)
        for skill in skills_of.get(card["module_id"], []):
            if value is not None:
                per_skill[skill].append(value)
    return [
        {"skill": skill, "recall": 100 * fmean(values), "questions": len(values)}
        for skill, values in sorted(per_skill.items())
    ]


def retention(reviews: list[store.ScopedReview]) -> list[dict]:
    """Share of practice answers right, by time since the question was last seen: how memory holds."""
    points = []
    for label, low, high in INTERVALS:
        seen = [r["correct"] for r in reviews if r["elapsed_days"] is not None and low <= r["elapsed_days"] < high]
        if seen:
            points.append({"interval": label, "right": 100 * fmean(seen), "answers": len(seen)})
    return points


def person_recall(db: Database, user_id: int, modules: list[TrainingModule], now: datetime) -> dict:
    """A learner's own figures for My progress: recall today, due and overdue, per skill."""
    cards = store.cards_of(db, user_id)
    skills_of = {m.id: m.skills for m in modules}
    today, tomorrow = _day_bounds(now)
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
        "due": sum(1 for c in cards.values() if c["due"] < tomorrow),
        "overdue": sum(1 for c in cards.values() if c["due"] < today),
        "skills": [{"skill": s, "recall": 100 * fmean(v), "questions": len(v)} for s, v in sorted(per_skill.items())],
    }


def question_memory(db: Database, module: TrainingModule) -> dict[str, dict[str, float | int | None]]:
    """Per question of a module: practice answers, and the share right a day, a week, a month after last seen."""
    by_question: dict[str, list[store.Review]] = defaultdict(list)
    for review in store.question_reviews(db, module.id):
        by_question[review["question_id"]].append(review)
    memory = {}
    for question in module.questions:
        reviews = by_question.get(question.id, [])
        points = {p["interval"]: p["right"] for p in retention(reviews)}  # type: ignore[arg-type]
        memory[question.id] = {
            "practice_answers": len(reviews),
            **{label: points.get(label) for label, *_ in INTERVALS},
        }
    return memory
