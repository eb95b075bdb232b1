"""Scoring, rule by rule, as CONTENT_FORMAT.md states it."""

from __future__ import annotations

from pathlib import Path

import pytest

from modules.content import load_module
from modules.content.scoring import option_order, score
from tests.helpers import write_module
from tests.unit.test_content import GOOD


@pytest.fixture
def module(tmp_path: Path):
    return load_module(write_module(tmp_path / "en", "03-moments-of-truth.md", GOOD))


def test_the_contract_example(module) -> None:
    result = score(module, {"peak-end": {1}, "acknowledge": {0, 2}})
    assert result.credits == {
        "peak-end": 1.0,
        "acknowledge": 1.0,
        "true-or-false-procedures-exist-to-protect-staff-from-customers": 0.0,
    }
    assert result.percent == pytest.approx(200 / 3)
    assert result.passed is False


@pytest.mark.parametrize(
    "chosen, credit", [({1}, 1.0), ({0}, 0.0), (set(), 0.0), (None, 0.0), (1, 1.0), ({0, 1}, 0.0), ([1], 1.0)]
)
def test_single_choice(module, chosen, credit) -> None:
    assert score(module, {"peak-end": chosen}).credits["peak-end"] == credit


@pytest.mark.parametrize(
    "chosen, credit",
    [
        ({0, 2}, 1.0),  # both correct
        ({0}, 0.5),  # one of two correct
        ({0, 1}, 0.0),  # one correct, one wrong
        ({0, 2, 3}, 0.5),  # two correct, one wrong
        ({1, 3}, 0.0),  # only wrong: clipped at zero, never negative
        ({0, 1, 2, 3}, 0.0),  # everything
        (set(), 0.0),
    ],
)
def test_multiple_answer(module, chosen, credit) -> None:
    assert score(module, {"acknowledge": chosen}).credits["acknowledge"] == credit


def test_percent_and_pass_mark_are_exact(tmp_path: Path) -> None:
    questions = "".join(f"### Q{n}? {{#q{n}}}\n- [x] a\n- [x] b\n- [x] c\n- [ ] d\n\n" for n in range(3))
    text = f"---\ntitle: T\nsummary: S\npass_mark: {{mark}}\n---\n## Read\n\nx\n\n## Quiz\n\n{questions}"
    # Credits 1, 1 and 1/3: percent is exactly 700/9 = 77.777...
    answers = {"q0": {0, 1, 2}, "q1": {0, 1, 2}, "q2": {0}}
    for mark, passed in ((77, True), (78, False)):
        module = load_module(write_module(tmp_path / "en", f"m{mark}.md", text.replace("{mark}", str(mark))))
        result = score(module, answers)
        assert result.percent == pytest.approx(700 / 9) and result.passed is passed


def test_a_score_exactly_at_the_pass_mark_passes(tmp_path: Path) -> None:
    questions = "".join(f"### Q{n}? {{#q{n}}}\n- [x] a\n- [ ] b\n\n" for n in range(5))
    module = load_module(
        write_module(tmp_path / "en", "five.md", f"---\ntitle: T\nsummary: S\n---\n## R\n\nx\n\n## Quiz\n\n{questions}")
    )
    result = score(module, {f"q{n}": {0} for n in range(4)})  # 4 of 5 = 80 %, the default pass mark
    assert result.percent == 80.0 and result.passed


def test_partial_credit_can_make_the_difference(module) -> None:
    # Two right and one half right is 83.3 % (pass); two right alone is 66.7 % (fail).
    assert score(
        module,
        {"peak-end": {1}, "acknowledge": {0}, "true-or-false-procedures-exist-to-protect-staff-from-customers": {1}},
    ).passed
    assert not score(
        module, {"peak-end": {1}, "true-or-false-procedures-exist-to-protect-staff-from-customers": {1}}
    ).passed


def test_unknown_questions_and_bad_indexes_are_ignored(module) -> None:
    result = score(module, {"nope": {0}, "peak-end": {1, 99}})
    assert result.credits["peak-end"] == 1.0 and "nope" not in result.credits


def test_module_without_quiz_cannot_be_scored(tmp_path: Path) -> None:
    reading = load_module(write_module(tmp_path / "en", "r.md", "---\ntitle: T\nsummary: S\n---\n## Read\n\nx\n"))
    with pytest.raises(ValueError):
        score(reading, {})


def test_shuffle_is_stable_per_attempt_and_off_by_default(module, tmp_path: Path) -> None:
    question = module.questions[1]
    assert option_order(module, question, "1:1") == [0, 1, 2, 3]
    shuffled = load_module(write_module(tmp_path / "en", "s.md", GOOD.replace("skills:", "shuffle: true\nskills:")))
    orders = {tuple(option_order(shuffled, shuffled.questions[1], f"7:{n}")) for n in range(12)}
    assert option_order(shuffled, shuffled.questions[1], "7:1") == option_order(shuffled, shuffled.questions[1], "7:1")
    assert len(orders) > 1 and all(sorted(o) == [0, 1, 2, 3] for o in orders)
