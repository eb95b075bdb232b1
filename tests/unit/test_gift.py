"""GIFT import: the documented forms of the three question kinds, feedback, escapes, bad input."""

from __future__ import annotations

from pathlib import Path

from modules.authoring import gift
from modules.content import load_module
from tests.helpers import write_module

SAMPLE = r"""// comments and categories are skipped
$CATEGORY: service

::Peak-end::[markdown]What do customers remember most? {
=The most intense moment and the end#Right: peak and end.
~Every moment equally#Memory does not keep everything.
~The price only
####Design the ending.
}

::Procedures:: Procedures exist to protect staff from customers. {F#They serve customers too.#Right: they serve both.}

1 + 1 = 2 {TRUE}

Which replies acknowledge emotion? {~%50%"I understand you are upset" ~%50%"Three calls is too many"#Yes. ~%-100%"Calm down"}

The end of an experience is its {=last ~first} moment.

Escapes: 1\=1, a brace \{ and a hash \# show as text {=yes\# sure ~no\~ way}
"""


def test_documented_forms_convert() -> None:
    result = gift.parse(SAMPLE)
    assert result.problems == []
    peak, procedures, arithmetic, acknowledge, blank, escapes = result.questions
    assert (peak.id, peak.prompt, peak.line) == ("peak-end", "What do customers remember most?", 4)
    assert [(o.text, o.correct, o.feedback) for o in peak.options] == [
        ("The most intense moment and the end", True, "Right: peak and end."),
        ("Every moment equally", False, "Memory does not keep everything."),
        ("The price only", False, ""),
    ]
    assert peak.explanation == "Design the ending."
    assert [(o.text, o.correct, o.feedback) for o in procedures.options] == [
        ("True", False, "They serve customers too."),
        ("False", True, "Right: they serve both."),
    ]
    assert [o.correct for o in arithmetic.options] == [True, False]
    assert [(o.correct, o.feedback) for o in acknowledge.options] == [(True, ""), (True, "Yes."), (False, "")]
    assert blank.prompt == "The end of an experience is its _____ moment."
    assert escapes.prompt == "Escapes: 1=1, a brace { and a hash # show as text"
    assert [o.text for o in escapes.options] == ["yes# sure", "no~ way"]


def test_converted_markdown_passes_the_content_checker(tmp_path: Path) -> None:
    markdown = gift.to_markdown(gift.parse(SAMPLE).questions)
    text = gift.add_to_quiz("---\ntitle: Imported\nsummary: S\n---\n## Read\n\nText.\n", markdown)
    module = load_module(write_module(tmp_path / "en", "m.md", text))
    assert len(module.questions) == 6
    assert module.questions[0].id == "peak-end" and module.questions[0].explanation == "Design the ending."
    assert module.questions[3].multiple and module.questions[3].option_feedback(1) == "Yes."
    more = gift.to_markdown(gift.parse("::Extra::One more? {=yes ~no}").questions)
    again = gift.add_to_quiz(text, more)
    assert again.count("## Quiz") == 1
    assert len(load_module(write_module(tmp_path / "en", "m2.md", again)).questions) == 7


def test_unsupported_and_malformed_questions_are_listed_with_their_line() -> None:
    text = (
        "What is 2 + 2? {#4}\n\nMatch them {=a -> 1 =b -> 2}\n\nCapital of France? {=Paris =paris}\n\n"
        "Tell us about your day. {}\n\nNo braces at all\n\n::Unclosed title {=a ~b}\n\nNobody right {~a ~b}\n\n"
        "Good one {=a ~b}\n"
    )
    result = gift.parse(text)
    assert [q.prompt for q in result.questions] == ["Good one"]
    assert [(line, message.split(" ")[1]) for line, message in result.problems] == [
        (1, "numerical"),
        (3, "matching"),
        (5, "short-answer"),
        (7, "essay"),
        (9, "answer"),
        (11, "title"),
        (13, "answer"),
    ]
    assert gift.parse("\n\n").problems == [(1, "no question found")]
