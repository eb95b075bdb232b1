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


# Cases from Moodle's own tests (question/format/gift/tests/giftformat_test.php), read as Moodle reads them.
MOODLE_SINGLE = """
// multiple choice with specified feedback for right and wrong answers
::Q2:: What's between orange and green in the spectrum?
{
    =yellow # right; good!
    ~red # [html]wrong, it's yellow
    ~[plain]blue # wrong, it's yellow
}"""
MOODLE_MULTI = """
::colours:: What's between orange and green in the spectrum?
{
    ~%50%yellow # right; good!
    ~%-100%red # [html]wrong
    ~%50%off-beige # right; good!
    ~%-100%[plain]blue # wrong
}"""


def test_moodles_format_tags_are_dropped_from_answers_and_feedback() -> None:
    (question,) = gift.parse(MOODLE_SINGLE).questions
    assert [(o.text, o.correct, o.feedback) for o in question.options] == [
        ("yellow", True, "right; good!"),
        ("red", False, "wrong, it's yellow"),
        ("blue", False, "wrong, it's yellow"),
    ]
    (multi,) = gift.parse(MOODLE_MULTI).questions
    assert [(o.text, o.correct) for o in multi.options] == [
        ("yellow", True),
        ("red", False),
        ("off-beige", True),
        ("blue", False),
    ]  # no '=': positive weights are the right answers of a choose-all-that-apply question
    (tagged,) = gift.parse("::T::[html]Pick the <b>right</b> one &amp; go {=[html]<i>this</i> ~that}").questions
    assert tagged.prompt == "Pick the right one & go" and tagged.options[0].text == "this"


def test_a_single_choice_question_with_partial_credit_stays_single_choice_with_a_note() -> None:
    result = gift.parse("::Best:: Which is best? {=The full answer ~%50%A half answer ~A wrong one}")
    (question,) = result.questions
    assert [o.correct for o in question.options] == [True, False, False]  # one right answer: radio buttons
    assert result.notes == [
        (
            1,
            "partial credit dropped for «A half answer» (50 %): a single-choice question is right or wrong here, "
            "so only the = answer counts",
        )
    ]
    assert "- [x] The full answer\n- [ ] A half answer" in gift.to_markdown(result.questions)


def test_the_missing_word_blank_sits_against_the_punctuation_that_follows() -> None:
    (question,) = gift.parse("Moodle costs {~lots of money =nothing ~a small amount} to download.").questions
    assert question.prompt == "Moodle costs _____ to download."
    (ending,) = gift.parse("The capital of France is {=Paris ~Lyon}.").questions
    assert ending.prompt == "The capital of France is _____."
