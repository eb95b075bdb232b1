"""The quiz-quality check: what lets a learner who never reads pass, found at authoring time."""

from __future__ import annotations

from pathlib import Path

from modules.content import load_catalog, quality
from modules.content.__main__ import main as checker
from modules.content.parser import parse_module

ROOT = Path(__file__).resolve().parents[2]


def module(
    quiz: str, front: str = "", body: str = "## Read\nThe customer remembers the peak and the end of a visit.\n"
):
    text = f"---\ntitle: T\nsummary: S\n{front}---\n{body}\n## Quiz\n\n{quiz}"
    return parse_module(text.encode(), Path("/c/en/t.md"))


PATTERNED = """### One?
- [ ] Red
- [x] A long and careful answer
- [ ] Blue

### Two?
- [ ] Cat
- [x] Another long and careful answer
- [ ] Dog

### Three?
- [ ] Up
- [x] Yet another long and careful answer
- [ ] Down

### True or false: one.
- [ ] True
- [x] False

### True or false: two.
- [ ] True
- [x] False
"""


def test_a_patterned_quiz_gets_every_warning_with_its_line_and_a_hint() -> None:
    found = quality.warnings(module(PATTERNED))
    messages = [w.message for w in found]
    assert "the right answer is the longest option in 3 of 3 single-choice questions" in messages
    assert "option B is the right answer in 3 of 3 single-choice questions" in messages
    assert "all 2 true/false questions have the same answer (false)" in messages
    blind = quality.blind_score(module(PATTERNED))
    assert blind.percent == 100.0 and blind.passes and blind.strategy.startswith("always choosing")
    assert found[-1].message.startswith("a learner who never reads scores 100 %")
    assert all(w.line > 1 and w.hint for w in found)
    assert str(found[0]).startswith("/c/en/t.md:") and ": warning: " in str(found[0])


def test_shuffled_options_have_no_habitual_place() -> None:
    messages = [w.message for w in quality.warnings(module(PATTERNED, "shuffle: true\n"))]
    assert not any(m.startswith("option B") for m in messages)


def test_catch_alls_near_duplicates_and_answers_copied_from_the_section() -> None:
    quiz = """### Which?
- [x] The customer remembers the peak and the end of a visit
- [ ] All of the above
- [ ] Only the price paid
- [ ] Only the price paid.
"""
    messages = [w.message for w in quality.warnings(module(quiz))]
    assert "'which' offers 'all / none of the above'" in messages
    assert any(m.startswith("'which' has two options that say nearly the same") for m in messages)
    assert any(m.startswith("'which': the right answer «The customer remembers") for m in messages)


def test_a_balanced_quiz_is_quiet() -> None:
    quiz = """### One?
- [x] Red
- [ ] A long and careful wrong answer
- [ ] Blue

### Two?
- [ ] Cat
- [ ] Another long and careful wrong answer
- [x] Dog

### Three?
- [ ] A third long and careful wrong answer
- [x] Up
- [ ] Down

### True or false: one.
- [x] True
- [ ] False

### True or false: two.
- [ ] True
- [x] False
"""
    assert quality.warnings(module(quiz)) == []
    assert not quality.blind_score(module(quiz)).passes


def test_the_checker_prints_warnings_apart_and_fails_on_them_only_when_strict(capsys, tmp_path: Path) -> None:
    target = tmp_path / "en" / "04-patterned.md"
    target.parent.mkdir()
    target.write_text(f"---\ntitle: Patterned\nsummary: S\n---\n## Read\nText.\n\n## Quiz\n\n{PATTERNED}")
    assert checker(["check", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out.strip() == "patterned  Patterned  1 sections  5 questions"  # the contract's output, unchanged
    assert "warning: a learner who never reads scores 100 %" in err
    assert checker(["check", "--strict", str(target)]) == 1
    assert load_catalog(tmp_path).problems == []  # warnings never keep a module out


def test_the_shipped_quizzes_cannot_be_passed_blind() -> None:
    for shipped in load_catalog(ROOT / "content").modules:
        blind = quality.blind_score(shipped)
        assert not blind.passes, f"{shipped.path}: {blind.percent:.0f} % by {blind.strategy}"


def test_blind_habits_of_place_do_not_count_when_options_are_shuffled() -> None:
    shuffled = quality.blind_score(module(PATTERNED, "shuffle: true\n"))
    assert "option" not in shuffled.strategy.replace("longest option", "") and "first two" not in shuffled.strategy


def test_the_shipped_content_passes_the_strict_check(capsys) -> None:
    assert checker(["check", "--strict", str(ROOT / "content")]) == 0
    assert "warning" not in capsys.readouterr().err


TEST_WISE = """### A customer is upset about a late delivery. What do you say first?
- [x] Acknowledge the delay and ask what it cost her
- [ ] "It is never our fault, the carrier is always late"
- [ ] Send her to the website to track it

### A guest cannot find the lift. What do you do?
- [ ] Point vaguely down the corridor
- [x] Offer to walk with him and check he finds it
- [ ] Tell him it is only a short walk, every guest manages

### True or false: a smile is enough to make every customer happy.
- [ ] True
- [x] False

### Which help a customer decide?
- [x] Ask what the product is for
- [x] Offer to compare two models side by side
- [ ] Tell him all our models are always the best
- [ ] Transfer him to another department
"""


def test_a_quiz_that_the_test_wise_rule_passes_is_flagged() -> None:
    """Issue 26: favour what asks, acknowledges, checks or offers; shun absolutes and sending elsewhere; call
    "only / enough / every" false. A quiz whose distractors are caricatures falls to it without reading."""
    blind = quality.blind_score(module(TEST_WISE, "shuffle: true\n"))
    assert blind.percent == 100.0 and blind.passes and quality.TEST_WISE in blind.strategy


def test_two_shortest_keys_and_excuses_only_in_wrong_options_are_flagged() -> None:
    quiz = """### First?
- [x] Yes
- [x] Fine
- [ ] A much longer option that is wrong
- [ ] Another long option that is also wrong

### Second?
- [x] Ok
- [x] Good
- [ ] A much longer option that is wrong here
- [ ] Another long option that is wrong here

### Third?
- [x] Listen to her first
- [ ] Give her a voucher, since she is a good customer
- [ ] Call the manager straight away
"""
    messages = [w.message for w in quality.warnings(module(quiz, "shuffle: true\n"))]
    assert "the right answers are the two shortest options in 2 of 2 two-answer questions" in messages
    assert any("only wrong options give an excuse" in m and "since she is a good customer" in m for m in messages)
    dated = quiz.replace("Give her a voucher, since she is a good customer", "Do what we have done since May")
    assert not any("excuse" in w.message for w in quality.warnings(module(dated, "shuffle: true\n")))  # a date


def test_no_shipped_quiz_falls_to_a_blind_habit_or_the_test_wise_rule() -> None:
    """Issue 26: the best habit of a learner who never reads, the test-wise rule included, stays below 50 % on
    every shipped quiz, in both languages (the pass mark is 80 %)."""
    catalog = load_catalog(ROOT / "content")
    scores = {(lang, m.id): quality.blind_score(m).percent for lang in ("en", "fr") for m in catalog.for_language(lang)}
    assert len(scores) == 16 and max(scores.values()) < 50, {k: v for k, v in scores.items() if v >= 50}
