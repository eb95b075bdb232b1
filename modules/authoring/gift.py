"""Moodle GIFT to the contract's Markdown: single choice, multiple answer, true/false.

Supported, as Moodle reads them: `::title::`; `[html]`/`[plain]`/`[moodle]`/
`[markdown]` format tags at the start of a question, an answer or a feedback
(dropped; HTML tags become plain text, as the portal never renders raw HTML);
`=` right and `~` wrong answers; `~%50%` weights: with an `=` answer the
question is single choice (Moodle's rule) and partial credit is dropped, with a
note; without one, a positive weight makes an option right (choose all that
apply); `#feedback` per answer, `####general feedback`, true/false with its two
feedbacks, a missing-word blank, comments and `$CATEGORY` lines, and the escapes
`\\~ \\= \\# \\{ \\} \\: \\n`. Short answer, matching, numerical and essay
questions have no equivalent in the contract and are reported with their line.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from pathlib import Path

from modules.content import ContentError, Problem, TrainingModule
from modules.content.parser import parse_module, slugify

ESCAPABLE = "~=#{}:"
TRUE_FALSE = re.compile(r"^(T|TRUE|F|FALSE)$", re.IGNORECASE)
WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
FORMAT_TAG = re.compile(r"^\s*\[(markdown|html|plain|moodle)\]", re.IGNORECASE)
HTML_TAG = re.compile(r"<[^>]*>")
BEFORE_PUNCTUATION = re.compile(r"^[.,;:!?)»]")


@dataclass
class GiftOption:
    text: str
    correct: bool
    feedback: str = ""


@dataclass
class GiftQuestion:
    line: int
    prompt: str
    options: list[GiftOption]
    title: str = ""
    explanation: str = ""

    @property
    def id(self) -> str:
        return slugify(self.title) if self.title and slugify(self.title) else ""


@dataclass
class GiftResult:
    questions: list[GiftQuestion] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)  # questions left out, and why
    notes: list[tuple[int, str]] = field(default_factory=list)  # questions imported with something dropped


def clean(raw: str) -> str:
    """A GIFT text as the portal shows it: its format tag dropped (HTML ones lose their tags), escapes
    resolved, white space collapsed."""
    match = FORMAT_TAG.match(raw)
    text = raw[match.end() :] if match else raw
    if match and match.group(1).lower() == "html":
        text = html.unescape(HTML_TAG.sub(" ", text))
    return " ".join(unescape(text).split())


def unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text) and (text[i + 1] in ESCAPABLE or text[i + 1] in "n\\"):
            out.append("\n" if text[i + 1] == "n" else text[i + 1])
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def _find(text: str, token: str, start: int = 0) -> int:
    """Index of an unescaped token, or -1."""
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(token, i):
            return i
        i += 1
    return -1


def _split_items(body: str) -> list[tuple[str, str]]:
    """Cut an answer block at unescaped '=' and '~' into (marker, raw text) items."""
    items: list[tuple[str, str]] = []
    i, start, marker = 0, None, ""
    while i < len(body):
        if body[i] == "\\":
            i += 2
            continue
        if body[i] in "=~":
            if start is not None:
                items.append((marker, body[start:i]))
            marker, start = body[i], i + 1
        i += 1
    if start is not None:
        items.append((marker, body[start:]))
    return items


def _blocks(text: str) -> list[tuple[int, str]]:
    """Questions are separated by blank lines; comment lines are dropped."""
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    first = 0
    for number, line in enumerate(text.replace("\r\n", "\n").split("\n"), 1):
        if line.strip().startswith("//"):
            continue
        if line.strip():
            if not current:
                first = number
            current.append(line)
        elif current:
            blocks.append((first, "\n".join(current)))
            current = []
    if current:
        blocks.append((first, "\n".join(current)))
    return blocks


def parse(text: str) -> GiftResult:
    result = GiftResult()
    for line, block in _blocks(text.lstrip("\ufeff")):
        if block.lstrip().upper().startswith("$CATEGORY"):
            continue
        question = _question(line, block, result)
        if question:
            result.questions.append(question)
    if not result.questions and not result.problems:
        result.problems.append((1, "no question found"))
    return result


def _question(line: int, block: str, result: GiftResult) -> GiftQuestion | None:
    def refuse(message: str) -> None:
        result.problems.append((line, message))

    opening = _find(block, "{")
    closing = _find(block, "}", opening + 1) if opening >= 0 else -1
    if opening < 0 or closing < 0:
        refuse("no answer block: a question needs its answers between { and }")
        return None
    head, body, tail = block[:opening].strip(), block[opening + 1 : closing].strip(), block[closing + 1 :].strip()
    title = ""
    if head.startswith("::"):
        end = _find(head, "::", 2)
        if end < 0:
            refuse("the title is not closed: write ::Title:: before the question")
            return None
        title, head = unescape(head[2:end]).strip(), head[end + 2 :].strip()
    prompt = clean(head)
    if tail:
        after = clean(tail)
        prompt = f"{prompt} _____{'' if BEFORE_PUNCTUATION.match(after) else ' '}{after}".strip()
    if not prompt:
        refuse("the question has no text")
        return None
    general_at = _find(body, "####")
    general = clean(body[general_at + 4 :]) if general_at >= 0 else ""
    body = body[:general_at].strip() if general_at >= 0 else body
    if not body:
        refuse("an essay question (no answers) has no equivalent in the content format")
        return None
    if body.startswith("#"):
        refuse("a numerical question has no equivalent in the content format")
        return None
    true_false = _true_false(body)
    if true_false is not None:
        return GiftQuestion(line, prompt, true_false, title, general)
    items = _split_items(body)
    if not items or body[0] not in "=~":
        refuse("answers must start with = (right) or ~ (wrong)")
        return None
    if any(_find(raw, "->") >= 0 for _, raw in items):
        refuse("a matching question has no equivalent in the content format")
        return None
    if all(marker == "=" for marker, _ in items):
        refuse("a short-answer question (only = answers) has no equivalent in the content format")
        return None
    single = any(marker == "=" for marker, _ in items)  # Moodle: an '=' answer makes it single choice
    options = [_option(marker, raw, single) for marker, raw in items]
    if any(not o.text for o in options):
        refuse("an answer is empty")
        return None
    if not any(o.correct for o in options):
        refuse("no answer is right: mark one with = or give it a positive %weight%")
        return None
    partial = [text for marker, raw in items if single and (text := _partial_credit(marker, raw))]
    if partial:
        result.notes.append(
            (
                line,
                f"partial credit dropped for {', '.join(partial)}: a single-choice question is right or wrong "
                "here, so only the = answer counts",
            )
        )
    return GiftQuestion(line, prompt, options, title, general)


def _option(marker: str, raw: str, single: bool) -> GiftOption:
    """In a single-choice question only '=' is right; otherwise a positive weight is too."""
    raw = raw.strip()
    weight = WEIGHT.match(raw)
    correct = marker == "=" or (not single and bool(weight and float(weight.group(1)) > 0))
    if weight:
        raw = raw[weight.end() :]
    feedback_at = _find(raw, "#")
    text = raw[:feedback_at] if feedback_at >= 0 else raw
    feedback = raw[feedback_at + 1 :] if feedback_at >= 0 else ""
    return GiftOption(clean(text), correct, clean(feedback))


def _partial_credit(marker: str, raw: str) -> str:
    """'«text» (50 %)' for a '~' answer with a positive weight, else ''."""
    weight = WEIGHT.match(raw.strip())
    if marker != "~" or not weight or float(weight.group(1)) <= 0:
        return ""
    return f"«{_option(marker, raw, False).text}» ({weight.group(1)} %)"


def _true_false(body: str) -> list[GiftOption] | None:
    parts, start = [], 0
    while True:
        at = _find(body, "#", start)
        if at < 0:
            parts.append(body[start:])
            break
        parts.append(body[start:at])
        start = at + 1
    if not TRUE_FALSE.match(parts[0].strip()):
        return None
    answer_is_true = parts[0].strip().upper().startswith("T")
    wrong_feedback = clean(parts[1]) if len(parts) > 1 else ""
    right_feedback = clean(parts[2]) if len(parts) > 2 else ""
    return [
        GiftOption("True", answer_is_true, right_feedback if answer_is_true else wrong_feedback),
        GiftOption("False", not answer_is_true, wrong_feedback if answer_is_true else right_feedback),
    ]


def to_markdown(questions: list[GiftQuestion]) -> str:
    """The questions in the contract's quiz format, ready to go under `## Quiz`."""
    blocks = []
    for question in questions:
        suffix = f" {{#{question.id}}}" if question.id else ""
        lines = [f"### {question.prompt}{suffix}"]
        for option in question.options:
            lines.append(f"- [{'x' if option.correct else ' '}] {option.text}")
            if option.feedback:
                lines.append(f"  > {option.feedback}")
        if question.explanation:
            lines += ["", f"> {question.explanation}"]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks) + "\n"


def add_to_quiz(module_text: str, questions_markdown: str) -> str:
    """Append questions to a module's quiz (the quiz is always the last section), creating it if needed."""
    has_quiz = re.search(r"^##\s+(Quiz|Questionnaire)\s*$", module_text, re.MULTILINE | re.IGNORECASE)
    separator = "\n\n" if has_quiz else "\n\n## Quiz\n\n"
    return module_text.rstrip("\n") + separator + questions_markdown


def preview_module(questions_markdown: str, folder: Path) -> tuple[TrainingModule | None, list[Problem]]:
    """The converted questions as a module of their own, parsed by the portal's parser, to preview them.

    The header is complete and valid, so any problem reported is one of the questions themselves."""
    text = (
        f"---\ntitle: Imported questions\nsummary: Questions converted from GIFT.\n---\n## Quiz\n\n{questions_markdown}"
    )
    try:
        return parse_module(text.encode("utf-8"), folder / "gift-import.md"), []
    except ContentError as error:
        return None, error.problems
