"""Turn one Markdown file into a `TrainingModule`, or into located problems.

The body is read from markdown-it-py's block tokens, never by pattern
matching the raw text, so a `## ` inside a code block or a `- [x]` inside a
quote cannot be mistaken for structure.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.token import Token

from modules.content import front_matter
from modules.content.model import SLUG, ContentError, Problem, Question, SayQuestion, Section, TrainingModule

MAX_FILE_BYTES = 1_000_000
QUIZ_HEADINGS = {"en": {"quiz"}, "fr": {"quiz", "questionnaire"}}
_TASK = re.compile(r"^\[([ xX])\](?:\s+|$)(.*)$", re.DOTALL)
HEADING_ID = re.compile(r"\s*\{#([^}]*)\}\s*$")
UNCLOSED_ID = re.compile(r"\{#([^}\s]*)\s*$")  # `### Which help you listen? {#listen` (its `}` forgotten)
ATTRIBUTES = {"variant-of", "kind", "skill"}  # what a question heading's `{#id key=value}` may add
SAY = "say"  # `kind=say`: a "What would you say?" question
_NUMBER_PREFIX = re.compile(r"^(\d+)-(.*)$")
_MD = MarkdownIt("commonmark").enable("table")


def slugify(text: str) -> str:
    """The contract's slug: accents folded, lower case, dashes between words."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def language_of(path: Path) -> str:
    """A module's language is the two-letter folder it sits in (default English)."""
    for parent in path.parents:
        if re.fullmatch(r"[a-z]{2}", parent.name):
            return parent.name
    return "en"


def load_module(path: str | Path) -> TrainingModule:
    """Parse one module file; raise `ContentError` listing every problem."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise ContentError([Problem(str(path), 1, f"cannot read the file: {error.strerror}")]) from None
    return parse_module(raw, path)


def parse_module(raw: bytes, path: Path) -> TrainingModule:
    """Parse the bytes of a module file whose location is `path`."""
    where = str(path)
    if len(raw) > MAX_FILE_BYTES:
        size = f"{len(raw) / 1_000_000:.1f} MB"
        raise ContentError([Problem(where, 1, f"file is too large ({size}); a module file may be at most 1 MB")])
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise ContentError([Problem(where, line, "file is not UTF-8 text; save it as UTF-8")]) from None
    fm, body = _parts(text, path)
    problems = [Problem(where, line, message) for line, message in fm.problems] + body.problems
    module_id, order, id_problem = _identity(path, fm.values)
    if id_problem:
        problems.append(Problem(where, fm.lines.get("id", 1), id_problem))
    if problems:
        raise ContentError(sorted(problems, key=lambda p: p.line))
    values = dict(fm.values)
    values.pop("id", None)
    values["order"] = values.get("order", order)
    return _assemble(
        path,
        module_id,
        body,
        content_hash=hashlib.sha256(raw).hexdigest(),
        requires_line=fm.lines.get("requires", 1),
        **values,
    )


def partial_module(raw: bytes, path: Path) -> TrainingModule | None:
    """What a file with problems can still show: the sections and questions that parse, under its title
    (or its file name). For the Studio's preview, so one typo does not blank the whole page; never for learners."""
    try:
        text = raw[:MAX_FILE_BYTES].decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    fm, body = _parts(text, path)
    if not body.sections and not body.questions and not body.intro:
        return None
    module_id, order, _problem = _identity(path, fm.values)
    known = {name: fm.values.get(name) for name in ("title", "summary", "duration_minutes", "pass_mark", "skills")}
    return _assemble(
        path,
        module_id if SLUG.match(module_id or "") else "draft",
        body,
        order=order,
        **{**{"title": path.stem, "summary": ""}, **{k: v for k, v in known.items() if v is not None}},
    )


def _parts(text: str, path: Path) -> tuple[front_matter.FrontMatter, _BodyParser]:
    """The front matter and the parsed body of a module's text, each with its own problems."""
    fm = front_matter.split(text.replace("\r\n", "\n").replace("\r", "\n"))
    body = _BodyParser(fm.body, fm.body_offset, language_of(path), str(path))
    body.parse()
    return fm, body


def _assemble(path: Path, module_id: str, body: _BodyParser, **values: Any) -> TrainingModule:
    return TrainingModule(
        id=module_id,
        path=str(path),
        lang=language_of(path),
        intro=body.intro,
        quiz_intro=body.quiz_intro,
        sections=list(body.sections),
        questions=list(body.questions),
        say_questions=list(body.say_questions),
        folder=path.parent,
        **values,
    )


def _identity(path: Path, values: dict) -> tuple[str, int | None, str | None]:
    """The id and order the file name implies, unless the front matter says otherwise."""
    stem = path.stem
    match = _NUMBER_PREFIX.match(stem)
    order = int(match.group(1)) if match else None
    if "id" in values:
        return values["id"], order, None
    default = match.group(2) if match else stem
    if not SLUG.match(default):
        return default, order, f"the file name '{path.name}' gives no valid id; add an 'id:' key (a slug)"
    return default, order, None


@dataclass
class _Block:
    """A top-level block: its opening token and every token inside it."""

    tokens: list[Token]

    @property
    def kind(self) -> str:
        return self.tokens[0].type

    @property
    def start(self) -> int:
        return self.tokens[0].map[0] if self.tokens[0].map else 0

    @property
    def end(self) -> int:
        return self.tokens[0].map[1] if self.tokens[0].map else self.start + 1

    def inline(self) -> str:
        return next((t.content for t in self.tokens if t.type == "inline"), "")


def _blocks(tokens: list[Token]) -> list[_Block]:
    """Group a flat token stream into top-level blocks."""
    blocks: list[_Block] = []
    depth = 0
    for token in tokens:
        if depth == 0:
            blocks.append(_Block([token]))
        else:
            blocks[-1].tokens.append(token)
        depth += token.nesting
    return blocks


@dataclass
class _BodyParser:
    body: str
    offset: int
    lang: str
    path: str
    intro: str = ""
    quiz_intro: str = ""
    sections: list[Section] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    say_questions: list[SayQuestion] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.lines = self.body.split("\n")

    def line(self, index: int) -> int:
        return index + self.offset + 1

    def problem(self, index: int, message: str) -> None:
        self.problems.append(Problem(self.path, self.line(index), message))

    def source(self, start: int, end: int) -> str:
        return "\n".join(self.lines[start:end]).strip()

    def parse(self) -> None:
        blocks = _blocks(_MD.parse(self.body))
        heads = [i for i, b in enumerate(blocks) if b.kind == "heading_open" and b.tokens[0].tag == "h2"]
        first = blocks[heads[0]].start if heads else len(self.lines)
        self.intro = self.source(0, first)
        quiz_at = None
        for n, index in enumerate(heads):
            head = blocks[index]
            stop = heads[n + 1] if n + 1 < len(heads) else len(blocks)
            end = blocks[stop].start if stop < len(blocks) else len(self.lines)
            title = head.inline().strip()
            if quiz_at is not None:
                self.problem(head.start, f"the quiz must be the last section: move '## {title}' above '## Quiz'")
            elif title.lower() in QUIZ_HEADINGS.get(self.lang, {"quiz"}):
                quiz_at = head.start
                self._quiz(blocks[index + 1 : stop], head.end, end)
            else:
                self._section(title, head, end)
        if not self.sections and quiz_at is None:
            self.problem(0, "the module has no '## ' section to read and no quiz")

    def _unclosed_id(self, heading: str, head: _Block) -> bool:
        """A heading whose `{#id` lacks its `}`: said, instead of showing "{#listen" to learners."""
        if HEADING_ID.search(heading) or not (found := UNCLOSED_ID.search(heading)):
            return False
        self.problem(head.start, f"the heading's id is not closed: write {{#{found.group(1)}}}")
        return True

    def _section(self, title: str, head: _Block, end: int) -> None:
        if self._unclosed_id(title, head):
            return
        match = HEADING_ID.search(title)
        explicit = match.group(1).strip() if match else None
        title = title[: match.start()].strip() if match else title
        if not title:
            self.problem(head.start, "a section heading needs a title")
            return
        taken = {s.id for s in self.sections}
        if explicit is not None:
            if not SLUG.match(explicit) or explicit in taken:
                self.problem(
                    head.start,
                    f"section id '{explicit}' must be a slug (lower-case letters, digits and dashes) used once",
                )
                return
            slug = slugify(title)
            aliases = (slug,) if slug and slug != explicit else ()
            self.sections.append(
                Section(explicit, title, self.source(head.end, end), self.line(head.start), aliases, True)
            )
            return
        base = slugify(title) or f"section-{len(self.sections) + 1}"
        section_id, n = base, 2
        while section_id in taken:
            section_id, n = f"{base}-{n}", n + 1
        self.sections.append(Section(section_id, title, self.source(head.end, end), self.line(head.start)))

    def _quiz(self, blocks: list[_Block], body_start: int, end: int) -> None:
        heads = [i for i, b in enumerate(blocks) if b.kind == "heading_open" and b.tokens[0].tag == "h3"]
        if not heads:
            self.problem(body_start - 1, "the quiz has no questions: start each one with a '### ' heading")
        first = blocks[heads[0]].start if heads else end
        self.quiz_intro = self.source(body_start, first)
        seen: dict[str, int] = {}
        for n, index in enumerate(heads):
            stop = heads[n + 1] if n + 1 < len(heads) else len(blocks)
            question = self._question(blocks[index], blocks[index + 1 : stop])
            if question is None:
                continue
            if question.id in seen:
                self.problem(
                    blocks[index].start,
                    f"question id '{question.id}' is already used on line {seen[question.id]}; give this question its own {{#id}}",
                )
                continue
            seen[question.id] = question.line
            self._place(blocks[index], question)
        if heads and not self.questions and not self.problems:
            self.problem(body_start - 1, "the quiz needs at least one question with options to score")

    def _place(self, head: _Block, question: Question | SayQuestion) -> None:
        """A variant joins the quiz question it asks again; the others take their place in the quiz."""
        if isinstance(question, SayQuestion):
            self.say_questions.append(question)
        elif question.variant_of is None:
            self.questions.append(question)
        else:
            at = next((i for i, q in enumerate(self.questions) if q.id == question.variant_of), None)
            if at is None:
                self.problem(
                    head.start,
                    f"'variant-of={question.variant_of}' names no question above it: write the quiz question first, "
                    "then its variants",
                )
                return
            base = self.questions[at]
            self.questions[at] = replace(base, variants=(*base.variants, question))

    def _heading(self, head: _Block) -> tuple[str, str | None, dict[str, str]] | None:
        """A question heading's prompt, its `{#id}` and the `key=value` attributes after the id."""
        heading = head.inline()
        if self._unclosed_id(heading, head):
            return None
        match = HEADING_ID.search(heading)
        if not match:
            return heading.strip(), None, {}
        words = match.group(1).split()
        question_id, attributes = (words[0] if words else ""), {}
        if any("=" not in word for word in words[1:]):  # `{#Bad Id}`: an id with spaces, not attributes
            question_id, words = match.group(1).strip(), []
        for word in words[1:]:
            key, equals, value = word.partition("=")
            if key not in ATTRIBUTES or not equals or not SLUG.match(value):
                self.problem(
                    head.start,
                    f"'{word}' is not understood in a question's {{#id}}: write variant-of=<question id>, kind=say "
                    "or skill=<skill id>",
                )
                return None
            attributes[key] = value
        if not SLUG.match(question_id):
            self.problem(
                head.start, f"question id '{question_id}' must be a slug: lower-case letters, digits and dashes"
            )
            return None
        return heading[: match.start()].strip(), question_id, attributes

    def _question(self, head: _Block, blocks: list[_Block]) -> Question | SayQuestion | None:
        parsed = self._heading(head)
        if parsed is None:
            return None
        prompt, question_id, attributes = parsed
        if not prompt:
            self.problem(head.start, "a question heading needs the question's text")
            return None
        question_id = question_id or slugify(prompt) or f"question-{len(self.questions) + 1}"
        if not self._attributes_fit(head, attributes):
            return None
        if attributes.get("kind") == SAY:
            return self._say(head, prompt, question_id, attributes.get("skill"), blocks)
        parts = _QuestionParts()
        before = len(self.problems)
        for block in blocks:
            self._question_block(block, parts)
        if len(self.problems) > before:
            return None
        question = self._finish(head, prompt, question_id, parts)
        return (
            replace(question, variant_of=attributes["variant-of"])
            if question and "variant-of" in attributes
            else question
        )

    def _attributes_fit(self, head: _Block, attributes: dict[str, str]) -> bool:
        kind = attributes.get("kind")
        if kind not in (None, SAY):
            self.problem(head.start, f"kind={kind} is not a kind of question: the only kind is kind=say")
        elif kind == SAY and "variant-of" in attributes:
            self.problem(head.start, "a 'What would you say?' question (kind=say) cannot be a variant")
        elif kind != SAY and "skill" in attributes:
            self.problem(head.start, "skill= belongs to a 'What would you say?' question: add kind=say")
        else:
            return True
        return False

    def _say(
        self, head: _Block, prompt: str, question_id: str, skill: str | None, blocks: list[_Block]
    ) -> SayQuestion | None:
        """Situation paragraphs, then one '>' block quote: the model answer the learner compares their words with."""
        scenario: list[str] = []
        model: str | None = None
        for block in blocks:
            if block.kind == "blockquote_open" and model is None:
                model = self._unquote(block.start, block.end)
            elif block.kind in ("bullet_list_open", "ordered_list_open") and self._is_task_list(block):
                self.problem(
                    block.start,
                    "a 'What would you say?' question has no options: the learner writes their own words; "
                    "put the model answer in a '>' block quote",
                )
                return None
            elif model is None:
                scenario.append(self.source(block.start, block.end))
            else:
                self.problem(
                    block.start, "put the situation above the model answer ('>' block quote), nothing after it"
                )
                return None
        if not model:
            self.problem(
                head.start, f"question '{question_id}' (kind=say) needs a model answer: add it in a '>' block quote"
            )
            return None
        return SayQuestion(
            question_id, prompt, model, "\n\n".join(s for s in scenario if s), skill, self.line(head.start)
        )

    def _question_block(self, block: _Block, parts: _QuestionParts) -> None:
        is_list = block.kind in ("bullet_list_open", "ordered_list_open")
        if parts.options is None:
            if is_list and self._is_task_list(block):
                parts.options = self._options(block)
                parts.options_line = block.start
            else:
                parts.scenario.append(self.source(block.start, block.end))
        elif block.kind == "blockquote_open" and parts.explanation is None:
            parts.explanation = self._unquote(block.start, block.end)
        elif is_list and self._is_task_list(block):
            self.problem(
                block.start, "a question has one list of options; this is a second one: join them into one list"
            )
        elif block.kind == "blockquote_open":
            self.problem(block.start, "a question has at most one explanation ('>' block quote) after its options")
        else:
            self.problem(
                block.start,
                "unexpected text after the options: put the scenario above the options and the explanation in one '>' block quote",
            )

    def _is_task_list(self, block: _Block) -> bool:
        return any(_TASK.match(text) for text in self._item_texts(block))

    def _item_texts(self, block: _Block) -> list[str]:
        texts, depth = [], 0
        for token in block.tokens:
            if token.type == "list_item_open" and depth == 1:
                texts.append("")
            if token.type == "inline" and depth == 3 and texts and texts[-1] == "":
                texts[-1] = token.content
            depth += token.nesting
        return texts

    def _options(self, block: _Block) -> list[tuple[str, bool, str | None, int]]:
        """Each item: text, whether marked [x], its own feedback, its line index."""
        options = []
        for item in _blocks(block.tokens[1:-1]):
            inner = _blocks(item.tokens[1:-1])
            first = inner[0].inline() if inner and inner[0].kind == "paragraph_open" else ""
            match = _TASK.match(first)
            if not match:
                self.problem(item.start, "each option must start with '[ ]' (wrong) or '[x]' (correct)")
                continue
            text = " ".join(match.group(2).split())
            if not text:
                self.problem(item.start, "an option needs some text after its box")
            feedback = None
            for extra in inner[1:]:
                if extra.kind == "blockquote_open" and feedback is None:
                    feedback = self._unquote(extra.start, extra.end)
                else:
                    self.problem(
                        extra.start,
                        "an option is one line of text; put a comment on it in a '>' block quote indented under it",
                    )
            options.append((text, match.group(1) != " ", feedback, item.start))
        return options

    def _unquote(self, start: int, end: int) -> str:
        lines = [re.sub(r"^\s*>? ?", "", line, count=1) for line in self.lines[start:end]]
        return "\n".join(lines).strip()

    def _finish(self, head: _Block, prompt: str, question_id: str, parts: _QuestionParts) -> Question | None:
        if parts.options is None:
            self.problem(
                head.start, f"question '{question_id}' has no options: add a list of '- [ ]' and '- [x]' lines"
            )
            return None
        options = parts.options
        if len(options) < 2:
            self.problem(parts.options_line, f"question '{question_id}' needs at least two options")
            return None
        correct = frozenset(i for i, option in enumerate(options) if option[1])
        if not correct:
            self.problem(
                parts.options_line, f"question '{question_id}' has no correct option: mark at least one with '[x]'"
            )
            return None
        return Question(
            id=question_id,
            prompt=prompt,
            options=[o[0] for o in options],
            correct=correct,
            explanation=parts.explanation or None,
            scenario="\n\n".join(s for s in parts.scenario if s),
            feedback=[o[2] for o in options],
            line=self.line(head.start),
        )


@dataclass
class _QuestionParts:
    scenario: list[str] = field(default_factory=list)
    options: list[tuple[str, bool, str | None, int]] | None = None
    options_line: int = 0
    explanation: str | None = None
