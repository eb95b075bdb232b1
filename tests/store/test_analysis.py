"""Question analysis against figures computed by hand.

Four learners, three questions (a is right in each). First attempts:
    L1: a a a   credits 1 1 1      L2: a a b   credits 1 1 0
    L3: b a b   credits 0 1 0      L4: c b a   credits 0 0 1
q1: facility 2/4; x = 1 1 0 0, rest = 2 1 1 1 -> r = 0.5 / sqrt(1 × 0.75) = 0.5774
q3: facility 2/4; x = 1 0 0 1, rest = 2 2 1 0 -> r = -0.5 / sqrt(1 × 2.75) = -0.3015
q2: facility 3/4. L3 then retakes with everything right (counted in "all attempts" only).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from modules import store
from modules.content import load_module
from modules.learning import learner
from modules.measurement import question_analysis
from tests.helpers import write_module

QUIZ = "".join(f"### Q{n}? {{#q{n}}}\n- [x] a\n- [ ] b\n- [ ] c\n\n" for n in (1, 2, 3))


@pytest.fixture
def setup(tmp_path: Path, database: str):
    module = load_module(
        write_module(tmp_path / "en", "m.md", f"---\ntitle: M\nsummary: S\n---\n## R\n\nx\n\n## Quiz\n\n{QUIZ}")
    )
    db = store.engine.connect(database)
    answers = {"L1": (0, 0, 0), "L2": (0, 0, 1), "L3": (1, 0, 1), "L4": (2, 1, 0)}
    ids = {}
    for name, chosen in answers.items():
        ids[name] = store.accounts.add_user(db, name.lower(), name, "h", "employee")
        learner.submit_quiz(db, ids[name], module, 1, {f"q{n}": {c} for n, c in zip((1, 2, 3), chosen)})
    learner.submit_quiz(db, ids["L3"], module, 2, {"q1": {0}, "q2": {0}, "q3": {0}})
    return db, module


def test_facility_discrimination_and_options_on_first_attempts(setup) -> None:
    db, module = setup
    q1, q2, q3 = question_analysis.analyse(db, module, first_only=True)
    assert (q1.answers, q1.facility, q2.facility, q3.facility) == (4, 0.5, 0.75, 0.5)
    assert q1.discrimination == pytest.approx(0.57735, abs=1e-4)
    assert q3.discrimination == pytest.approx(-0.30151, abs=1e-4)
    assert [o["chosen"] for o in q1.options] == [2, 1, 1] and [o["chosen"] for o in q3.options] == [2, 2, 0]
    assert q1.options[0]["correct"] and q1.options[0]["share"] == 0.5
    assert q1.flags == []  # four answers are too few to judge


def test_all_attempts_include_retakes(setup) -> None:
    db, module = setup
    q1, _, q3 = question_analysis.analyse(db, module, first_only=False)
    assert (q1.answers, q1.facility, q3.facility) == (5, 0.6, 0.6)


@pytest.mark.parametrize(
    "facility, discrimination, options, expected",
    [
        (0.95, 0.4, [(True, 0.95), (False, 0.05)], ["almost everyone gets it right"]),
        (0.30, 0.4, [(True, 0.30), (False, 0.25), (False, 0.25)], ["most learners miss it"]),
        (0.60, -0.3, [(True, 0.60), (False, 0.40)], ["strong learners miss it more than weak ones"]),
        (0.60, 0.05, [(True, 0.60), (False, 0.40)], ["does not separate strong from weak learners"]),
        (0.60, 0.45, [(True, 0.60), (False, 0.40)], []),
        (0.60, -0.01, [(True, 0.60), (False, 0.40)], ["does not separate strong from weak learners"]),
        (
            0.95,
            -0.01,
            [(True, 0.95), (False, 0.05)],
            ["almost everyone gets it right", "does not separate strong from weak learners"],
        ),
    ],
)
@pytest.mark.parametrize("answers", [12, 40])
def test_flags(facility, discrimination, options, expected, answers) -> None:
    if answers < question_analysis.MIN_FOR_SEPARATION and 0 <= discrimination < question_analysis.WEAK:
        expected = []  # a weak positive correlation on few answers means nothing yet
    stats = question_analysis.QuestionStats(
        1,
        "q",
        "Q?",
        answers,
        facility,
        discrimination,
        [{"text": f"o{i}", "correct": c, "chosen": 0, "share": s} for i, (c, s) in enumerate(options)],
    )
    assert question_analysis.flags_for(stats) == expected


def test_a_wrong_option_chosen_more_than_the_right_one_is_misleading() -> None:
    stats = question_analysis.QuestionStats(
        1,
        "q",
        "Q?",
        40,
        0.3,
        0.2,
        [
            {"text": "right", "correct": True, "chosen": 12, "share": 0.3},
            {"text": "the trap", "correct": False, "chosen": 28, "share": 0.7},
        ],
    )
    assert (
        "misleading: a wrong option is chosen more often than the right one («the trap»)"
        in question_analysis.flags_for(stats)
    )


def test_the_demo_history_flags_its_hard_and_misleading_questions_and_no_other(demo_db: Path) -> None:
    from modules.content import load_catalog
    from modules.demo import answers

    db = store.engine.connect(demo_db)
    modules = load_catalog(Path(__file__).resolve().parents[2] / "content").for_language("en")
    for first_only in (True, False):
        flagged = {
            s.question_id: s.flags
            for m in modules
            for s in question_analysis.analyse(db, m, first_only=first_only)
            if s.flags
        }
        for hard in answers.HARD:
            assert "most learners miss it" in flagged[hard]
        for tempting in answers.TEMPTING:
            assert any(f.startswith("misleading") for f in flagged[tempting])
        unintended = {q: f for q, f in flagged.items() if q not in answers.HARD | answers.TEMPTING}
        assert unintended == {}, f"first attempts only: {first_only}"


def test_the_demo_history_covers_every_module_for_employees(demo_db: Path) -> None:
    """Enough first attempts in each for question analysis to judge it, the new modules included."""
    from modules.content import load_catalog

    db = store.engine.connect(demo_db)
    for module in load_catalog(Path(__file__).resolve().parents[2] / "content").for_language("en"):
        answered = question_analysis.analyse(db, module, first_only=True)[0].answers
        assert answered >= (question_analysis.MIN_ANSWERS if module.is_for("employee") else 1), module.id
