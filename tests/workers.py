"""Code that runs in other processes during reliability tests (importable by spawn)."""

from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

import psycopg

from modules import store
from modules.content import load_module
from modules.learning import learner

ROOT = Path(__file__).resolve().parents[1]


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
    db = store.engine.connect(db_path)
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
    db = store.engine.connect(db_path)
    module = load_module(module_file)
    n = 0
    while True:
        n += 1
        learner.submit_quiz(db, user_id, module, n, answers_for(module, n))
        print(n, flush=True)


# --- the same request at the same instant, from several processes (tests/store/test_once_only.py) -----------

_handles: dict[str, object] = {}


def _handle(url: str):
    """One handle per process and database, opened before the start signal so the race is the request's."""
    if url not in _handles:
        _handles[url] = store.engine.connect(url)
    return _handles[url]


def _catalog():
    from modules.content import load_catalog

    return load_catalog(ROOT / "content").for_language("en")


def at_once(url: str, action: str, args: tuple, start_at: float) -> object:
    """Open the handle, wait for the shared start time, then send the request; returns what the service said
    (or the error's name: any error here would reach a person)."""
    import time as clock_time

    db = _handle(url)
    modules = _catalog()
    clock_time.sleep(max(0.0, start_at - clock_time.time()))
    try:
        return ACTIONS[action](db, modules, *args)
    except Exception as error:  # reported to the test, which fails on it: any error here would reach a person
        return ("error", f"{type(error).__name__}: {error}")


def _story(db, modules, viewer: int, n: int) -> object:
    from modules.practices import service

    return service.tell_story(db, viewer, f"Round {n}", "A parcel was lost.", "I found it.", "Thank you!")


def _suggestion(db, modules, viewer: int, n: int) -> object:
    from modules.practices import service

    return service.suggest(db, viewer, f"Idea {n}", "Open the side door at eight.")


def _rating(db, modules, viewer: int, n: int) -> object:
    from modules.practices import service

    return service.rate(
        db, viewer, viewer, "self", "welcome", 3, {"example": f"Round {n}: a calm welcome at the door."}
    )


def _survey_answer(db, modules, viewer: int, survey: int) -> object:
    from modules.practices import service

    return service.answer_survey(db, viewer, survey, {"welcome": 4, "recommend": 9})


def _survey(db, modules, viewer: int, n: int) -> object:
    from modules.practices import service

    questions = [
        {"key": "welcome", "employee_text": "I feel welcome.", "customer_text": "I felt welcome.", "scale": "agree"},
        {"key": "recommend", "employee_text": "Recommend?", "customer_text": "Recommend?", "scale": "recommend"},
    ]
    return service.start_survey(db, viewer, f"Wave {n}", questions)


def _assignment(db, modules, viewer: int, team: int, module_index: int) -> object:
    from datetime import UTC, date, datetime

    from modules.learning import assignments

    moment = datetime(2026, 12, 1, tzinfo=UTC)
    done = assignments.assign(db, viewer, [modules[module_index].id], [team], [], date(2026, 12, 31), None, moment)
    return done.created


def _certificate(db, modules, user: int) -> object:
    from datetime import UTC, datetime

    from modules import certificates

    return certificates.certificate_for(db, user, modules[0], datetime(2026, 12, 1, tzinfo=UTC)).code


def _practice(db, modules, user: int, question_index: int) -> object:
    from datetime import UTC, datetime

    from modules.learning import recall

    welcome = modules[0]
    item = recall.PracticeItem(welcome, welcome.questions[question_index])
    return recall.answer(db, user, item, set(item.shown.correct), datetime(2026, 12, 2, 9, tzinfo=UTC)).recorded


def _variant_practice(db, modules, user: int, day: int) -> object:
    """The practice of an idea asked in one of its other situations (the welcome's hotel variant)."""
    from datetime import UTC, datetime

    from modules.learning import recall

    welcome = modules[0]
    idea = next(q for q in welcome.questions if q.variants)
    item = recall.PracticeItem(welcome, idea, idea.variants[0])
    return recall.answer(db, user, item, set(item.shown.correct), datetime(2026, 12, day, 9, tzinfo=UTC)).recorded


def _say_practice(db, modules, user: int, level: int) -> object:
    """A "What would you say?" card rated by the learner in the practice."""
    from datetime import UTC, datetime

    from modules.learning import recall

    welcome = modules[0]
    item = recall.PracticeItem(welcome, welcome.say_questions[0])
    return recall.answer_say(db, user, item, level, 3, datetime(2026, 12, 2, 9, tzinfo=UTC)).recorded


def _self_rating(db, modules, user: int, level: int) -> object:
    """The self-rating after the quiz: one a day per question, the day's last one counting."""
    from datetime import UTC, datetime

    from modules.learning import self_rating

    welcome = modules[0]
    self_rating.rate_after_quiz(
        db, user, welcome, welcome.say_questions[0], level, 2, datetime(2026, 12, 2, 9, tzinfo=UTC)
    )
    return level


def _thanks(db, modules, viewer: int, story: int) -> object:
    from modules.practices import service

    return service.thank_story(db, viewer, story)


def _attempt(db, modules, user: int, attempt_no: int) -> object:
    welcome = modules[0]
    right = {q.id: set(q.correct) for q in welcome.questions}
    return learner.submit_quiz(db, user, welcome, attempt_no, right, "2026-11-20 10:00:00").created


def _peer_request(db, modules, viewer: int, peer: int, skill: str) -> object:
    from modules.practices import service

    return service.ask_peer(db, viewer, peer, skill)


def _organisation(db, modules, viewer: int, n: int) -> object:
    """A trainer opening the organisation page, its Practices and its Recall: each computes the teams with news
    and keeps their rows; the figures come back to be compared."""
    from datetime import UTC, datetime

    from modules.measurement import practice_figures, recall_figures, team_reports

    now = datetime(2026, 11, 20, 12, tzinfo=UTC)
    report = team_reports.organisation_report(db, viewer, modules, 4, now)
    practices = practice_figures.practices_report(db, viewer, None, 4, now, ["welcome"])
    memory = recall_figures.recall_report(db, viewer, modules, None, now, by_person=False)
    return repr((report.teams, report.figures, practices.teams, memory.teams))


ACTIONS = {
    "organisation": _organisation,
    "story": _story,
    "suggestion": _suggestion,
    "rating": _rating,
    "survey answer": _survey_answer,
    "survey": _survey,
    "assignment": _assignment,
    "certificate": _certificate,
    "practice": _practice,
    "thanks": _thanks,
    "variant practice": _variant_practice,
    "say practice": _say_practice,
    "self rating": _self_rating,
    "attempt": _attempt,
    "peer request": _peer_request,
}


def started_at(url: str, start_at: float) -> float:
    """When this worker got past the start signal (to check that rounds really overlap)."""
    import time as clock_time

    _handle(url)
    clock_time.sleep(max(0.0, start_at - clock_time.time()))
    return clock_time.time()


if __name__ == "__main__":
    endless_writer(sys.argv[1], sys.argv[2], int(sys.argv[3]))
