"""The demo organisation: three teams, their people and eight weeks of history.

History is simulated learner by learner and written through the app's own
functions (`learning.read_section`, `learning.submit_quiz`), so the demo
exercises the same scoring and insert path as real use. A fixed seed makes
every new install show the same organisation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from sqlite_utils import Database

from modules import learning, passwords, store
from modules.content import slugify
from modules.content.model import Question, TrainingModule

DEMO_PASSWORD = "academy"
SEED = 2026
TEAMS = (
    ("Riverside store", "store", "marc", "Marc Dubois"),
    ("Old Town store", "store", "nadia", "Nadia Benali"),
    ("Customer contact centre", "contact centre", "omar", "Omar Haddad"),
)
EMPLOYEES = (
    # Riverside store
    "Alice Martin", "Bruno Petit", "Chloé Laurent", "David Moreau", "Emma Fournier",
    "Farid Mansour", "Gaëlle Roux", "Hugo Girard", "Inès Bonnet", "Julien Lambert",
    # Old Town store
    "Karine Fontaine", "Louis Chevalier", "Maya Robin", "Nathan Gauthier", "Olivia Perrin",
    "Paul Morel", "Quentin Faure", "Rose André", "Samir Aït", "Tina Mercier",
    # Customer contact centre
    "Ugo Blanc", "Vera Guerin", "William Boyer", "Xavier Garnier", "Yasmine Chevallier",
    "Zoé François", "Adrien Legrand", "Bérénice Gautier", "Cyril Lemaire", "Diane Renard",
)
TRAINER = ("theo", "Théo Lefèvre")
# Questions the demo history makes hard, and the wrong option that tempts even good learners.
HARD = {"negative-weighs-more": 0.35, "why-map-journeys": 0.2, "three-dimensions": 0.15}
TEMPTING = {"good-ending": 0, "third-call": 0}


@dataclass
class Learner:
    user_id: int
    diligence: float  # how far and how fast they go
    skill: float      # chance of knowing an answer
    start: datetime


def username_for(full_name: str, taken: set[str]) -> str:
    """First name, folded to ASCII; a number is added when it is taken."""
    base = slugify(full_name.split()[0]) or "user"
    name, n = base, 2
    while name in taken:
        name, n = f"{base}{n}", n + 1
    taken.add(name)
    return name


def seed_demo(db: Database, modules: list[TrainingModule], now: datetime | None = None) -> None:
    """Create the demo organisation in one transaction (all or nothing)."""
    now = now or datetime.now(timezone.utc).replace(minute=0, second=0, microsecond=0)
    rng = random.Random(SEED)
    password = passwords.hash_password(DEMO_PASSWORD)
    taken: set[str] = set()
    with db.atomic():
        if not store.is_empty(db):
            return
        team_ids = []
        for team_name, kind, manager, manager_name in TEAMS:
            team_id = store.add_team(db, team_name, kind)
            team_ids.append(team_id)
            taken.add(manager)
            manager_id = store.add_user(db, manager, manager_name, password, "manager", team_id, f"{manager}@example.com")
            store.add_team_manager(db, team_id, manager_id)
        taken.add(TRAINER[0])
        store.add_user(db, TRAINER[0], TRAINER[1], password, "trainer", None, f"{TRAINER[0]}@example.com")
        per_team = len(EMPLOYEES) // len(TEAMS)
        for n, full_name in enumerate(EMPLOYEES):
            username = username_for(full_name, taken)
            user_id = store.add_user(db, username, full_name, password, "employee", team_ids[n // per_team], f"{username}@example.com")
            if username == "alice":
                _alice_started(db, user_id, modules, now)
                continue
            learner = Learner(user_id, rng.uniform(0.25, 1.0), rng.uniform(0.55, 0.95), now - timedelta(weeks=8, days=-rng.uniform(0, 20)))
            simulate(db, rng, learner, modules, now)


def _alice_started(db: Database, user_id: int, modules: list[TrainingModule], now: datetime) -> None:
    """Alice has just begun, so a newcomer can walk the whole journey as her."""
    first = modules[0]
    for section in first.sections[:2]:
        learning.read_section(db, user_id, first, section.id)


def simulate(db: Database, rng: random.Random, learner: Learner, modules: list[TrainingModule], now: datetime) -> None:
    """Walk one learner through the catalog in order until they stop or time runs out."""
    when = learner.start
    passed: set[str] = set()
    skill = learner.skill
    for module in modules:
        if any(r not in passed for r in module.requires) or rng.random() > 0.45 + 0.55 * learner.diligence:
            return
        for section in module.sections:
            when += timedelta(minutes=rng.uniform(2, 9))
            if when >= now or rng.random() < 0.04 * (1 - learner.diligence):
                return
            store.mark_section_read(db, learner.user_id, module.id, section.id, _stamp(when))
        if not module.has_quiz:
            passed.add(module.id)
            continue
        for attempt_no in range(1, 4):
            when += timedelta(minutes=rng.uniform(5, 15))
            if when >= now:
                return
            answers = simulate_answers(rng, module, skill)
            result = learning.submit_quiz(db, learner.user_id, module, attempt_no, answers, _stamp(when)).result
            if result.passed:
                passed.add(module.id)
                break
            skill = min(0.98, skill + 0.1)
            when += timedelta(days=rng.uniform(0.5, 6) / (0.5 + learner.diligence))
        else:
            return
        when += timedelta(days=rng.uniform(1, 14) / (0.4 + learner.diligence))


def simulate_answers(rng: random.Random, module: TrainingModule, skill: float) -> dict[str, set[int]]:
    """Plausible answers: a learner knows each answer with a chance set by skill and difficulty."""
    return {q.id: _answer(rng, q, skill) for q in module.questions}


def _answer(rng: random.Random, question: Question, skill: float) -> set[int]:
    chance = max(0.05, skill - HARD.get(question.id, 0.0))
    wrong = [i for i in range(len(question.options)) if i not in question.correct]
    if question.id in TEMPTING and rng.random() < 0.2 + 0.4 * skill:
        return {TEMPTING[question.id]}
    if not question.multiple:
        if rng.random() < chance or not wrong:
            return set(question.correct)
        return {rng.choice(wrong)}
    chosen = {i for i in question.correct if rng.random() < chance + 0.05}
    chosen |= {i for i in wrong if rng.random() < (1 - chance) * 0.5}
    return chosen or {rng.randrange(len(question.options))}


def _stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%d %H:%M:%S")
