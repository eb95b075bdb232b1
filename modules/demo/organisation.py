"""The demo organisation and the scale generator.

History is simulated learner by learner and scored by the app's own function
(`learner.scored`). The named demo writes it through the services a learner's
clicks call, the scale generator in bulk with the summaries computed after
(`history.py`). A fixed seed makes every new install show the same organisation.

    python -m modules.demo --employees 10000 --teams 200 --weeks 52 --db PATH
"""

from __future__ import annotations

import argparse
import random
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from modules import settings, store
from modules.accounts import passwords, roles
from modules.content import current_catalog, slugify
from modules.content.model import TrainingModule
from modules.demo import answers
from modules.demo.assignments import generate_assignments, seed_assignments
from modules.demo.history import InBulk, Recorder, ThroughServices
from modules.demo.practices import generate_practices, seed_practices
from modules.demo.recall import simulate_practice
from modules.learning import learner, progress

DEMO_PASSWORD = "academy"
SEED = 2026
TEAMS = (
    ("Riverside store", "store", "marc", "Marc Dubois"),
    ("Old Town store", "store", "nadia", "Nadia Benali"),
    ("Customer contact centre", "contact centre", "omar", "Omar Haddad"),
)
EMPLOYEES = (
    # Riverside store
    "Alice Martin",
    "Bruno Petit",
    "Chloé Laurent",
    "David Moreau",
    "Emma Fournier",
    "Farid Mansour",
    "Gaëlle Roux",
    "Hugo Girard",
    "Inès Bonnet",
    "Julien Lambert",
    # Old Town store
    "Karine Fontaine",
    "Louis Chevalier",
    "Maya Robin",
    "Nathan Gauthier",
    "Olivia Perrin",
    "Paul Morel",
    "Quentin Faure",
    "Rose André",
    "Samir Aït",
    "Tina Mercier",
    # Customer contact centre
    "Ugo Blanc",
    "Vera Guerin",
    "William Boyer",
    "Xavier Garnier",
    "Yasmine Chevallier",
    "Zoé François",
    "Adrien Legrand",
    "Bérénice Gautier",
    "Cyril Lemaire",
    "Diane Renard",
)
TRAINER = ("theo", "Théo Lefèvre")
ADMIN = ("irene", "Irène Garnier")  # HR / IT: people, the audit log, the organisation read-only
FIRST_NAMES = (
    "Anna",
    "Ben",
    "Clara",
    "Dylan",
    "Eva",
    "Fatou",
    "Guy",
    "Hana",
    "Igor",
    "Jade",
    "Kenji",
    "Lina",
    "Malik",
    "Nora",
    "Oscar",
    "Pia",
    "Rami",
    "Sara",
    "Tom",
    "Uma",
    "Victor",
    "Wendy",
    "Yann",
    "Zara",
)
LAST_NAMES = (
    "Arnaud",
    "Bernard",
    "Colin",
    "Durand",
    "Etienne",
    "Fabre",
    "Garcia",
    "Henry",
    "Idrissi",
    "Jacob",
    "Klein",
    "Lopez",
    "Marchand",
    "Nguyen",
    "Olivier",
    "Perez",
    "Renaud",
    "Simon",
    "Thomas",
    "Vidal",
)


@dataclass
class SimulatedLearner:
    user_id: int
    diligence: float  # how far and how fast they go
    skill: float  # ability on the scale of question difficulty (`answers.py`)
    start: datetime


def _now() -> datetime:
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


@dataclass(frozen=True)
class Walk:
    """How learners go through the catalog."""

    keep_going: float  # the least diligent go on to the next module this often; the most always do
    tries: int  # at a quiz
    stop_at_failure: bool  # else a module failed at every try is left for the next one
    days_between: tuple[float, float]  # before the next module, for the most diligent (more for the others)
    days_before_retry: tuple[float, float]


# The named demo: most people through most modules, so question analysis has enough answers to judge each one.
DEMO_WALK = Walk(0.85, 5, False, (1, 4), (0.2, 1.5))
# The scale generator keeps the walk it was first written with: fewer tries, and a failure ends the walk.
SCALE_WALK = Walk(0.6, 3, True, (1, 8), (0.5, 4))
PRACTICE_WEEKS = 4  # of daily practice in a generated organisation (the named demo has 8)
BATCH = 1000  # generated learners whose rows are written at once


def seed_demo(db: Database, modules: list[TrainingModule], now: datetime | None = None) -> None:
    """Create the named demo organisation in one transaction (all or nothing)."""
    now = now or _now()
    rng = random.Random(SEED)
    password = passwords.hash_password(DEMO_PASSWORD)
    for_employees = progress.for_team_members(modules)  # the managers' module is not theirs
    with db.atomic():
        if not store.engine.is_empty(db):
            return
        team_ids = []
        joined = now - timedelta(weeks=10)  # before their history starts; Alice, the newcomer, five days ago
        for team_name, kind, manager, manager_name in TEAMS:
            team_ids.append(_team_with_manager(db, team_name, kind, manager, manager_name, password, joined))
        trainer = store.accounts.add_user(
            db, TRAINER[0], TRAINER[1], password, "trainer", None, f"{TRAINER[0]}@example.com", joined
        )
        per_team, people = len(EMPLOYEES) // len(TEAMS), {}
        abilities = _abilities(rng, len(EMPLOYEES))
        for n, full_name in enumerate(EMPLOYEES):
            username = slugify(full_name.split()[0])
            came = now - timedelta(days=5) if username == "alice" else joined
            user_id = people[username] = store.accounts.add_user(
                db, username, full_name, password, "employee", team_ids[n // per_team], f"{username}@example.com", came
            )
            if username == "alice":
                _alice_started(db, user_id, modules)
                continue
            start = now - timedelta(weeks=8) + timedelta(days=rng.uniform(0, 45))
            person = SimulatedLearner(user_id, rng.uniform(0.35, 1.0), abilities[n], start)
            simulate(ThroughServices(db), rng, person, for_employees, now, DEMO_WALK, refresh_weeks=(1.0, 3.0))
        _managers_train(db, random.Random(SEED + 2), modules, now)  # its own draws: the rest unchanged
        seed_practices(db, rng, now, team_ids, people, trainer)
        simulate_practice(db, random.Random(SEED + 1), modules, now, weeks=8)  # its own draws: the rest unchanged
        seed_assignments(db, modules, now, trainer, team_ids, people)
        store.releases.record(db, [m.id for m in modules], store.clock.timestamp(joined))  # before their history
        store.accounts.add_user(db, ADMIN[0], ADMIN[1], password, "admin", None, f"{ADMIN[0]}@example.com", joined)


def _abilities(rng: random.Random, count: int, low: float = 0.55, high: float = 0.98) -> list[float]:
    """Evenly spread, in random order: a few dozen random draws can leave the learners of a
    module all strong or all weak, and its questions would then read as too easy or too hard."""
    spread = [low + (high - low) * (i + 0.5) / count for i in range(count)]
    rng.shuffle(spread)
    return spread


def _managers_train(db: Database, rng: random.Random, modules: list[TrainingModule], now: datetime) -> None:
    """The managers take the module written for them, so it has a history too."""
    members = progress.for_team_members(modules)
    managing = roles.roles_with(roles.MANAGE_TEAMS)
    theirs = [m for m in modules if any(m.is_for(role) for role in managing) and m not in members]
    for _, _, username, _ in TEAMS:
        manager = store.accounts.user_by_username(db, username)
        start = now - timedelta(weeks=6) + timedelta(days=rng.uniform(0, 30))
        person = SimulatedLearner(manager["id"], rng.uniform(0.6, 1.0), rng.uniform(0.75, 0.98), start)
        simulate(ThroughServices(db), rng, person, theirs, now, DEMO_WALK)


def _team_with_manager(
    db: Database, team: str, kind: str, manager: str, name: str, password: str, joined: datetime
) -> int:
    team_id = store.accounts.add_team(db, team, kind)
    manager_id = store.accounts.add_user(
        db, manager, name, password, "manager", team_id, f"{manager}@example.com", joined
    )
    store.accounts.add_team_manager(db, team_id, manager_id)
    return team_id


def _alice_started(db: Database, user_id: int, modules: list[TrainingModule]) -> None:
    """Alice has just begun, so a newcomer can walk the whole journey as her."""
    first = modules[0]
    for section in first.sections[:2]:
        learner.read_section(db, user_id, first, section.id)


def simulate(
    recorder: Recorder,
    rng: random.Random,
    person: SimulatedLearner,
    modules: list[TrainingModule],
    now: datetime,
    walk: Walk,
    refresh_weeks: tuple[float, float] | None = None,
) -> None:
    """Walk one learner through the catalog in order until they stop or time runs out.

    A module whose prerequisite is not passed is skipped. With `refresh_weeks`, a learner who passed
    a module retakes its quiz every so many weeks (a refresher), as long as
    the period lasts, remembering a little more or less each time.
    """
    when = person.start
    passed: list[tuple[TrainingModule, int]] = []
    for module in modules:
        if any(r not in {m.id for m, _ in passed} for r in module.requires):
            continue
        if rng.random() > walk.keep_going + (1 - walk.keep_going) * person.diligence:
            break
        when = _read(recorder, rng, person, module, when, now)
        if when is None:
            return
        attempt_no, when, ok = _attempts(recorder, rng, person.user_id, module, when, now, person.skill, walk, modules)
        if ok:
            passed.append((module, attempt_no))
        elif walk.stop_at_failure:
            break
        when += timedelta(days=rng.uniform(*walk.days_between) / (0.4 + person.diligence))
    if refresh_weeks:
        for module, attempt_no in passed:
            moment = when
            while True:
                moment += timedelta(weeks=rng.uniform(*refresh_weeks))
                if moment >= now:
                    break
                attempt_no += 1
                chosen = answers.simulate_answers(rng, module, person.skill + rng.gauss(0, 0.06))
                recorder.attempt(person.user_id, module, attempt_no, chosen, moment, modules)


def _read(
    recorder: Recorder,
    rng: random.Random,
    person: SimulatedLearner,
    module: TrainingModule,
    when: datetime,
    now: datetime,
) -> datetime | None:
    """Read the sections in order; None if the learner stops part-way."""
    for section in module.sections:
        when += timedelta(minutes=rng.uniform(2, 9))
        if when >= now or rng.random() < 0.04 * (1 - person.diligence):
            return None
        recorder.read(person.user_id, module, section.id, when)
    return when


def _attempts(
    recorder: Recorder,
    rng: random.Random,
    user_id: int,
    module: TrainingModule,
    when: datetime,
    now: datetime,
    skill: float,
    walk: Walk,
    catalog: list[TrainingModule],
) -> tuple[int, datetime, bool]:
    """Tries at a quiz, a little better after each failure; returns the last number, time, success."""
    if not module.has_quiz:
        return 0, when, True
    ability = skill + rng.gauss(0, 0.03)  # a good or a bad day
    for attempt_no in range(1, walk.tries + 1):
        when += timedelta(minutes=rng.uniform(5, 15))
        if when >= now:
            return attempt_no - 1, when, False
        if recorder.attempt(user_id, module, attempt_no, answers.simulate_answers(rng, module, ability), when, catalog):
            return attempt_no, when, True
        ability += 0.1  # reread what the explanations pointed to
        when += timedelta(days=rng.uniform(*walk.days_before_retry))
    return walk.tries, when, False


def generate(
    db: Database,
    modules: list[TrainingModule],
    employees: int,
    teams: int,
    weeks: int,
    seed: int = SEED,
    now: datetime | None = None,
    bulk: bool = True,
) -> None:
    """A large organisation for benchmarks: `teams` stores of employees, each with a manager. The learners'
    history is written in bulk (`history.InBulk`); `bulk=False` writes it through the services, to compare."""
    now = now or _now()
    rng = random.Random(seed)
    password = passwords.hash_password(DEMO_PASSWORD)
    for_employees = progress.for_team_members(modules)
    with db.atomic():
        joined = now - timedelta(weeks=weeks + 1)
        team_ids = [
            _team_with_manager(db, f"Store {n:03d}", "store", f"manager{n:03d}", f"Manager {n:03d}", password, joined)
            for n in range(1, teams + 1)
        ]
        trainer = store.accounts.add_user(db, "trainer", "Scale Trainer", password, "trainer", joined=joined)
        abilities = _abilities(rng, employees, high=0.95)
        recorder = InBulk(db) if bulk else ThroughServices(db)
        for n in range(employees):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            user_id = store.accounts.add_user(
                db, f"employee{n:05d}", name, password, "employee", team_ids[n % teams], joined=joined
            )
            start = now - timedelta(weeks=weeks) + timedelta(days=rng.uniform(0, weeks * 7 * 0.6))
            person = SimulatedLearner(user_id, rng.uniform(0.4, 1.0), abilities[n], start)
            simulate(recorder, rng, person, for_employees, now, SCALE_WALK, refresh_weeks=(2.0, 5.0))
            if isinstance(recorder, InBulk) and n % BATCH == BATCH - 1:
                recorder.flush()
        if isinstance(recorder, InBulk):
            recorder.finish()  # the summaries, before the practice that starts from each pass
        generate_practices(db, rng, now, team_ids, trainer)
        simulate_practice(db, random.Random(seed + 1), modules, now, weeks=min(weeks, PRACTICE_WEEKS))
        generate_assignments(db, now, trainer, team_ids)
        store.releases.record(db, [m.id for m in modules], store.clock.timestamp(joined))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m modules.demo", description="Generate a large organisation.")
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--teams", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--db", type=Path, required=True, help="a new database file to fill")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    if args.employees < 1 or args.teams < 1 or args.weeks < 1:
        parser.error("--employees, --teams and --weeks must be at least 1")
    db = store.engine.connect(args.db)
    if not store.engine.is_empty(db):
        parser.error(f"{args.db} already has accounts; give a new file")
    modules = current_catalog(settings.content_folder()).for_language("en")
    started = time.perf_counter()
    generate(db, modules, args.employees, args.teams, args.weeks, args.seed)
    seconds = time.perf_counter() - started
    print(
        f"{args.employees} employees in {args.teams} teams over {args.weeks} weeks: "
        f"{store.engine.count(db, 'attempts')} attempts, {store.engine.count(db, 'answers')} answers, "
        f"{store.engine.count(db, 'section_reads')} section reads, {store.engine.count(db, 'ratings')} ratings, "
        f"{store.engine.count(db, 'survey_responses')} survey responses in {seconds:.1f} s -> {args.db}"
    )
    return 0
