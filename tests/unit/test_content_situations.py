"""Variants of a question for the practice, and "What would you say?" questions: the format's optional
additions. A file without them reads as before; a file with them keeps the quiz and its score as they were."""

from __future__ import annotations

from pathlib import Path

import pytest

from modules.content import ContentError, load_catalog, load_module, rubric
from modules.quiz import score
from tests.helpers import write_module

SITUATIONS = """
---
title: Peak and end
summary: What customers remember.
skills: [ending-well]
---
## Read

Customers remember the peak and the end.

## Quiz

### What does a shopper remember of a visit to the store? {#peak-end}
- [ ] Every minute of it, each the same
- [x] Its strongest moment and how it ended

### A hotel guest checks out after a noisy night. What will they remember? {#peak-end-hotel variant-of=peak-end}
- [x] The night and the way the check-out went
- [ ] The price of the room only

### A caller was passed around three times before help came. What stays with them? {#peak-end-call variant-of=peak-end}
- [ ] Only the final answer
- [ ] The hold music
- [x] The worst of the waiting and how the call ended

### True or false: a warm goodbye can change how a whole visit is remembered. {#goodbye}
- [x] True
- [ ] False

### What would you say? {#leaving-late kind=say}

A customer leaves ten minutes after closing; you stayed so they could finish.

> "Thank you for choosing with us tonight; take your time to the door, and see you soon."
"""


def situations_module(tmp_path: Path, text: str = SITUATIONS, name: str = "m.md") -> Path:
    content = tmp_path / "content"
    (content / rubric.FOLDER).mkdir(parents=True, exist_ok=True)
    skills = Path(__file__).resolve().parents[2] / "content" / rubric.FOLDER / "en.md"
    (content / rubric.FOLDER / "en.md").write_text(skills.read_text(encoding="utf-8"), encoding="utf-8")
    return write_module(content / "en", name, text)


def problems_of(path: Path) -> list[tuple[int, str]]:
    with pytest.raises(ContentError) as caught:
        load_module(path)
    return [(p.line, p.message) for p in caught.value.problems]


def test_variants_join_their_question_and_stay_out_of_the_quiz(tmp_path: Path) -> None:
    module = load_module(situations_module(tmp_path))
    assert [q.id for q in module.questions] == ["peak-end", "goodbye"]
    peak = module.questions[0]
    assert [v.id for v in peak.variants] == ["peak-end-hotel", "peak-end-call"]
    assert [s.id for s in peak.situations] == ["peak-end", "peak-end-hotel", "peak-end-call"]
    assert peak.variants[1].correct == {2} and peak.variants[0].variant_of == "peak-end"
    assert score(module, {"peak-end": {1}, "goodbye": {0}}).percent == 100  # the quiz is the two questions
    assert module.question_ids == ["peak-end", "peak-end-hotel", "peak-end-call", "goodbye", "leaving-late"]


def test_a_say_question_has_a_situation_a_model_answer_and_the_modules_skill(tmp_path: Path) -> None:
    module = load_module(situations_module(tmp_path))
    (say,) = module.say_questions
    assert (say.id, say.prompt, say.skill) == ("leaving-late", "What would you say?", None)
    assert say.scenario.startswith("A customer leaves") and say.model_answer.startswith('"Thank you')
    assert module.say_skill(say) == "ending-well"
    catalog = load_catalog(tmp_path / "content")
    assert catalog.problems == [] and catalog.for_language("en")[0].say_questions == [say]


@pytest.mark.parametrize(
    "heading, body, line, fragment",
    [
        ("{#q2 variant-of=nowhere}", "- [x] a\n- [ ] b", 12, "'variant-of=nowhere' names no question above it"),
        ("{#q2 colour=red}", "- [x] a\n- [ ] b", 12, "'colour=red' is not understood"),
        ("{#q2 kind=essay}", "- [x] a\n- [ ] b", 12, "kind=essay is not a kind of question"),
        ("{#q2 skill=welcome}", "- [x] a\n- [ ] b", 12, "skill= belongs to a 'What would you say?'"),
        ("{#q2 kind=say variant-of=q1}", "> model", 12, "cannot be a variant"),
        ("{#q2 kind=say}", "- [x] a\n- [ ] b", 13, "has no options"),
        ("{#q2 kind=say}", "A situation only.", 12, "needs a model answer"),
        ("{#q2 kind=say}", "> model\n\nMore text.", 15, "nothing after it"),
    ],
)
def test_each_wrong_addition_is_said_on_its_line(
    tmp_path: Path, heading: str, body: str, line: int, fragment: str
) -> None:
    front = "---\ntitle: T\nsummary: S\nskills: [welcome]\n---\n"
    text = f"{front}## Quiz\n\n### First? {{#q1}}\n- [x] a\n- [ ] b\n\n### Q? {heading}\n{body}\n"
    found = problems_of(situations_module(tmp_path, text))
    assert (line, next(m for _, m in found if fragment in m)) in found, found


def test_a_say_question_needs_a_skill_with_a_rubric(tmp_path: Path) -> None:
    text = SITUATIONS.replace("skills: [ending-well]\n", "").replace(
        "{#leaving-late kind=say}", "{#leaving-late kind=say skill=juggling}"
    )
    situations_module(tmp_path, text)
    problems = load_catalog(tmp_path / "content").problems
    assert [p.message for p in problems] == [
        "skill 'juggling' has no rubric in _skills/en.md: the learner rates their words on it"
    ]


def test_every_language_shares_the_variants_and_say_questions(tmp_path: Path) -> None:
    situations_module(tmp_path, name="01-peak.md")
    french = SITUATIONS.replace("{#peak-end-call variant-of=peak-end}", "{#peak-end-phone variant-of=peak-end}")
    write_module(tmp_path / "content" / "fr", "01-peak.md", french)
    problems = load_catalog(tmp_path / "content").problems
    assert len(problems) == 1 and "missing peak-end-call; extra peak-end-phone" in problems[0].message


def test_a_quiz_of_say_questions_only_is_refused(tmp_path: Path) -> None:
    text = "---\ntitle: T\nsummary: S\nskills: [welcome]\n---\n## Quiz\n\n### Say? {#s kind=say}\n> words\n"
    assert any("at least one question with options" in m for _, m in problems_of(situations_module(tmp_path, text)))
