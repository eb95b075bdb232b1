"""The demo organisation and the scale generator.

History is simulated learner by learner and scored by the app's own function
(`learner.scored`). The named demo writes it through the services a learner's
clicks call, the scale generator in bulk with the summaries computed after
(`history.py`). A fixed seed makes every new install show the same organisation.

    python -m modules.demo --employees 10000 --teams 200 --weeks 52 --db PATH
"""

from __future__ import annotations

import argparse
import os
import random
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from modules import settings, store
from modules.accounts import passwords, roles
from modules.content import current_catalog, slugify
from modules.content.model import TrainingModule
from modules.demo import history
from modules.demo.assignments import generate_assignments, seed_assignments
from modules.demo.history import ThroughServices
from modules.demo.practices import generate_practices, seed_practices
from modules.demo.recall import generate_practice, simulate_practice
from modules.demo.walk import DEMO_WALK, SCALE_WALK, SimulatedLearner, simulate
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


def _now() -> datetime:
    return datetime.now(UTC).replace(minute=0, second=0, microsecond=0)


PRACTICE_WEEKS = 4  # of daily practice in a generated organisation (the named demo has 8)


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


def generate(
    db: Database,
    modules: list[TrainingModule],
    employees: int,
    teams: int,
    weeks: int,
    seed: int = SEED,
    now: datetime | None = None,
    workers: int = 1,
    bulk: bool = True,
) -> None:
    """A large organisation for benchmarks: `teams` stores of employees, each with a manager. The learners'
    history is simulated by `workers` processes and written in bulk (`history.write_in_bulk`); `bulk=False`
    writes the same history through the services, to compare."""
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
        people = []
        for n in range(employees):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            user_id = store.accounts.add_user(
                db, f"employee{n:05d}", name, password, "employee", team_ids[n % teams], joined=joined
            )
            start = now - timedelta(weeks=weeks) + timedelta(days=rng.uniform(0, weeks * 7 * 0.6))
            people.append(SimulatedLearner(user_id, rng.uniform(0.4, 1.0), abilities[n], start))
        if bulk:  # the summaries too, before the practice that starts from each pass
            history.write_in_bulk(db, people, for_employees, now, seed, workers)
        else:
            for person in people:
                simulate(ThroughServices(db), history.draws(seed, person.user_id), person, for_employees, now,
                         SCALE_WALK, history.REFRESH_WEEKS)  # fmt: skip
        generate_practices(db, rng, now, team_ids, trainer)
        generate_practice(db, seed, modules, now, min(weeks, PRACTICE_WEEKS), workers)
        generate_assignments(db, now, trainer, team_ids)
        store.releases.record(db, [m.id for m in modules], store.clock.timestamp(joined))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m modules.demo", description="Generate a large organisation.")
    parser.add_argument("--employees", type=int, default=10_000)
    parser.add_argument("--teams", type=int, default=200)
    parser.add_argument("--weeks", type=int, default=52)
    parser.add_argument("--db", type=Path, required=True, help="a new database file to fill")
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="processes simulating learners")
    args = parser.parse_args(argv)
    if args.employees < 1 or args.teams < 1 or args.weeks < 1:
        parser.error("--employees, --teams and --weeks must be at least 1")
    db = store.engine.connect(args.db)
    if not store.engine.is_empty(db):
        parser.error(f"{args.db} already has accounts; give a new file")
    modules = current_catalog(settings.content_folder()).for_language("en")
    started = time.perf_counter()
    generate(db, modules, args.employees, args.teams, args.weeks, args.seed, workers=args.workers)
    seconds = time.perf_counter() - started
    print(
        f"{args.employees} employees in {args.teams} teams over {args.weeks} weeks: "
        f"{store.engine.count(db, 'attempts')} attempts, {store.engine.count(db, 'answers')} answers, "
        f"{store.engine.count(db, 'section_reads')} section reads, {store.engine.count(db, 'ratings')} ratings, "
        f"{store.engine.count(db, 'survey_responses')} survey responses in {seconds:.1f} s -> {args.db}"
    )
    return 0
