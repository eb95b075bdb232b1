"""Statuses, locks and the learner's actions, on the shipped modules."""

from __future__ import annotations

from pathlib import Path

import pytest

from modules import store
from modules.content import load_catalog
from modules.learning import learner, progress

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def learner_id(db) -> int:
    return store.accounts.add_user(db, "ann", "Ann", "h", "employee")


def right_answers(module) -> dict[str, set[int]]:
    return {q.id: set(q.correct) for q in module.questions}


def test_statuses_follow_reads_and_attempts(db, learner_id, modules) -> None:
    modules = modules[:3]  # the core path: welcome, then emotional intelligence, then moments of truth
    welcome = modules[0]
    first = learner.progress_of(db, learner_id, modules)
    assert [p.status for p in first] == ["not started"] * 3
    assert [p.locked_by for p in first] == [(), ("Welcome to the academy",), ("Emotional intelligence",)]

    learner.read_section(db, learner_id, welcome, welcome.sections[0].id)
    row = learner.progress_of(db, learner_id, modules)[0]
    assert row.status == "in progress" and row.fraction == pytest.approx(1 / 6)

    learner.submit_quiz(db, learner_id, welcome, 1, {})
    row = learner.progress_of(db, learner_id, modules)[0]
    assert (row.status, row.best, row.attempts) == (progress.NOT_PASSED_YET, 0.0, 1)

    learner.submit_quiz(db, learner_id, welcome, 2, right_answers(welcome))
    rows = learner.progress_of(db, learner_id, modules)
    assert (rows[0].status, rows[0].best, rows[0].fraction) == ("passed", 100.0, 1.0)
    assert not rows[1].locked and rows[2].locked


def test_summary_figures(db, learner_id, modules) -> None:
    modules = modules[:3]
    welcome = modules[0]
    for section in welcome.sections:
        learner.read_section(db, learner_id, welcome, section.id)
    learner.submit_quiz(db, learner_id, welcome, 1, right_answers(welcome))
    rows = learner.progress_of(db, learner_id, modules)
    summary = progress.summarise(rows)
    assert (summary.passed, summary.total, summary.average_best, summary.attempts) == (1, 3, 100.0, 1)
    assert (summary.sections_read, summary.sections_total) == (5, 15)


def test_submitting_the_same_attempt_twice_records_it_once(db, learner_id, modules) -> None:
    welcome = modules[0]
    first = learner.submit_quiz(db, learner_id, welcome, 1, right_answers(welcome))
    second = learner.submit_quiz(db, learner_id, welcome, 1, right_answers(welcome))
    assert first.created and not second.created and first.attempt_id == second.attempt_id
    assert store.engine.count(db, "attempts") == 1 and store.engine.count(db, "answers") == len(welcome.questions)


def test_review_pairs_answers_with_questions(db, learner_id, modules) -> None:
    welcome = modules[0]
    answers = right_answers(welcome)
    answers["memory-ingredients"] = {0}  # one of three correct: a third of the credit
    submission = learner.submit_quiz(db, learner_id, welcome, 1, answers)
    items = {i.question.id: i for i in learner.review(welcome, store.learning.answers_of(db, submission.attempt_id))}
    partial = items["memory-ingredients"]
    assert partial.partly and not partial.right and partial.chosen == {0}
    assert items["symmetry"].right and items["symmetry"].number == 3


def test_unknown_sections_and_blank_questions(db, learner_id, modules) -> None:
    with pytest.raises(ValueError):
        learner.read_section(db, learner_id, modules[0], "no-such-section")
    assert learner.unanswered(modules[0], {"customer-experience": {1}}) == list(range(2, 11))


def test_max_attempts_counts_down(tmp_path: Path, modules) -> None:
    from dataclasses import replace

    limited = replace(modules[0], max_attempts=2)
    facts: list[store.learning.ModuleFacts] = [
        {"user_id": 1, "module_id": limited.id, "attempts": 1, "best": 10.0, "passed": 0, "sections_read": 0}
    ]
    row = progress.catalog_progress([limited], facts)[0]
    assert row.attempts_left == 1


def test_reading_progress_follows_a_learner_who_switches_language(db, learner_id) -> None:
    catalog = load_catalog(ROOT / "content")
    english, french = (next(m for m in catalog.for_language(lang) if m.id == "welcome") for lang in ("en", "fr"))
    assert [s.id for s in french.sections] == [s.id for s in english.sections]
    for section in english.sections[:2]:
        learner.read_section(db, learner_id, english, section.id)
    in_french = next(p for p in learner.progress_of(db, learner_id, [french]))
    assert in_french.sections_read == 2
    assert learner.sections_read(db, learner_id, french) == {s.id for s in english.sections[:2]}
    assert english.content_hash != french.content_hash and catalog.hashes("welcome") >= {english.content_hash}


def test_reads_stored_under_a_sections_former_id_still_count_once(db, learner_id, tmp_path: Path) -> None:
    folder = tmp_path / "content"
    body = "---\ntitle: T\nsummary: S\n---\n## Why it matters\nText.\n\n## Next steps\nMore.\n"
    (folder / "en").mkdir(parents=True)
    (folder / "fr").mkdir()
    (folder / "en" / "t.md").write_text(body)
    (folder / "fr" / "t.md").write_text(body.replace("Why it matters", "Pourquoi").replace("Next steps", "Ensuite"))
    before = load_catalog(folder).for_language("fr")[0]
    assert [s.id for s in before.sections] == ["why-it-matters", "next-steps"]
    store.learning.mark_section_read(db, learner_id, "t", "pourquoi")  # read in French before sections were aligned
    store.learning.mark_section_read(db, learner_id, "t", "why-it-matters")  # and again in English
    (folder / "en" / "t.md").write_text(body.replace("## Why it matters", "## Why it matters {#why}"))
    module = load_catalog(folder).for_language("fr")[0]
    assert [s.id for s in module.sections] == ["why", "next-steps"]
    assert learner.progress_of(db, learner_id, [module])[0].sections_read == 1
    assert learner.sections_read(db, learner_id, module) == {"why"}


def test_a_quiz_draft_is_kept_replaced_checked_against_the_module_and_ended_by_the_attempt(
    db, learner_id, modules
) -> None:
    welcome = modules[0]
    single = next(q for q in welcome.questions if not q.multiple)
    several = next(q for q in welcome.questions if q.multiple)
    learner.keep_draft(db, learner_id, welcome, 1, {single.id: {0}})
    learner.keep_draft(db, learner_id, welcome, 1, {single.id: {1}, several.id: {0, 2}})  # replaced, not added
    assert learner.draft(db, learner_id, welcome, 1) == {single.id: {1}, several.id: {0, 2}}
    assert learner.draft(db, learner_id, welcome, 2) == {}  # another attempt's draft is not this one's
    store.learning.save_draft(db, learner_id, welcome.id, 1, {single.id: [0, 1], several.id: [99], "gone": [0]})
    assert learner.draft(db, learner_id, welcome, 1) == {}  # two answers to a single choice, a lost option and question
    learner.keep_draft(db, learner_id, welcome, 1, right_answers(welcome))
    learner.submit_quiz(db, learner_id, welcome, 1, right_answers(welcome))
    assert store.learning.draft_of(db, learner_id, welcome.id, 1) == {} and store.engine.count(db, "quiz_drafts") == 0


def test_the_quiz_rules_hold_whoever_calls_the_service(db, learner_id, modules) -> None:
    """`max_attempts`, prerequisites, attempt numbers and the audience were the page's alone: a call to the
    service stored 3 attempts under `max_attempts: 1` and passed a locked module."""
    import dataclasses

    welcome, emotions = modules[0], modules[1]
    once = dataclasses.replace(welcome, max_attempts=1)
    assert learner.submit_quiz(db, learner_id, once, 1, {}).created
    assert not learner.submit_quiz(db, learner_id, once, 1, {}).created  # the same attempt again: kept once
    with pytest.raises(learner.Refused, match="every attempt"):
        learner.submit_quiz(db, learner_id, once, 2, right_answers(welcome))
    with pytest.raises(learner.Refused, match="locked"):  # its prerequisite is not passed
        learner.submit_quiz(db, learner_id, emotions, 1, right_answers(emotions), catalog=modules)
    with pytest.raises(learner.Refused, match="locked"):  # a catalog without the prerequisite cannot unlock it
        learner.submit_quiz(db, learner_id, emotions, 1, right_answers(emotions))
    other = store.accounts.add_user(db, "bea", "Bea", "h", "employee")
    with pytest.raises(learner.Refused, match="meanwhile"):  # an attempt number from nowhere
        learner.submit_quiz(db, other, welcome, 7, right_answers(welcome))
    learner.submit_quiz(db, other, welcome, 1, right_answers(welcome))
    assert learner.submit_quiz(db, other, emotions, 1, right_answers(emotions), catalog=modules).result.passed
    managers_only = next(m for m in modules if m.audience and "employee" not in m.audience)
    with pytest.raises(learner.Refused, match="not one of yours"):
        learner.submit_quiz(db, other, managers_only, 1, right_answers(managers_only), catalog=modules)
    with pytest.raises(learner.Refused):  # no such account
        learner.submit_quiz(db, 999_999, welcome, 1, right_answers(welcome))
    assert [a["attempt_no"] for a in store.learning.attempts_of(db, learner_id)] == [1]
