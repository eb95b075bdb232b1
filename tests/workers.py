"""Code that runs in other processes during reliability tests (importable by spawn)."""

from __future__ import annotations

import sqlite3
import sys

import psycopg

from modules import store
from modules.content import load_module
from modules.learning import learner


def answers_for(module, n: int) -> dict[str, set[int]]:
    """Deterministic, varied answers: attempt n gets question k right when (n + k) is even."""
    return {
        q.id: (
            set(q.correct) if (n + k) % 2 == 0 else {max(q.correct) + 1 if max(q.correct) + 1 < len(q.options) else 0}
        )
        for k, q in enumerate(module.questions)
    }


def learn(db_path: str, module_file: str, user_ids: list[int], attempts: int) -> dict:
    """Submit `attempts` attempts per user, read every section, and submit some attempts twice."""
    db = store.connect(db_path)
    module = load_module(module_file)
    errors, created, repeats = [], 0, 0
    for n in range(1, attempts + 1):
        for user_id in user_ids:
            try:
                if learner.submit_quiz(db, user_id, module, n, answers_for(module, n)).created:
                    created += 1
                if n % 10 == 0:  # a double click: the same attempt again
                    repeats += 0 if learner.submit_quiz(db, user_id, module, n, answers_for(module, n)).created else 1
                section = module.sections[n % len(module.sections)]
                learner.read_section(db, user_id, module, section.id)
            except (sqlite3.Error, psycopg.Error) as error:  # anything here would reach a user
                errors.append(f"{type(error).__name__}: {error}")
    db.close()
    return {"errors": errors, "created": created, "repeats": repeats}


def endless_writer(db_path: str, module_file: str, user_id: int) -> None:
    """Submit attempts until killed, printing each committed attempt number."""
    db = store.connect(db_path)
    module = load_module(module_file)
    n = 0
    while True:
        n += 1
        learner.submit_quiz(db, user_id, module, n, answers_for(module, n))
        print(n, flush=True)


if __name__ == "__main__":
    endless_writer(sys.argv[1], sys.argv[2], int(sys.argv[3]))
