"""The shapes a parsed training module takes.

They are frozen so that one parsed catalog can be shared safely by every
Streamlit session of the process; collections are lists, as the contract
documents them (nothing may mutate them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

SLUG = re.compile(r"^[a-z0-9-]+$")  # the contract's slug: module ids, question ids, skills


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a content file, located so a trainer can fix it."""

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


class ContentError(Exception):
    """Raised by `load_module`; carries every problem found, not just the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


@dataclass(frozen=True)
class Section:
    """A reading step: one level-2 heading and the Markdown under it.

    `id` is the same in every language of a module (the heading's `{#id}`, else
    the reference language's section at the same place), so reading progress
    follows a learner who switches language; `aliases` are ids the section's
    reads were stored under before (its own title's slug).
    """

    id: str
    title: str
    body: str
    line: int
    aliases: tuple[str, ...] = ()
    explicit: bool = False

    @property
    def keys(self) -> tuple[str, ...]:
        """Every id a read of this section may be stored under."""
        return (self.id, *self.aliases)


@dataclass(frozen=True)
class Question:
    """One quiz question; option indexes always refer to file order."""

    id: str
    prompt: str
    options: list[str]
    correct: frozenset[int]
    explanation: str | None = None
    scenario: str = ""
    feedback: list[str | None] = field(default_factory=list)
    line: int = 0
    variants: tuple[Question, ...] = ()  # the same idea in other situations, asked in the daily practice only
    variant_of: str | None = None  # on a variant: the quiz question whose idea it asks again

    @property
    def situations(self) -> tuple[Question, ...]:
        """Every wording of this question's idea, the quiz's first: practice asks them in turn."""
        return (self, *self.variants)

    @property
    def multiple(self) -> bool:
        """Two or more correct options make a "choose all that apply" question."""
        return len(self.correct) > 1

    def option_feedback(self, index: int) -> str | None:
        return self.feedback[index] if index < len(self.feedback) else None


@dataclass(frozen=True)
class SayQuestion:
    """A "What would you say?" question: the learner puts a situation in their own words, then compares them with
    a model answer and rates themselves on the skill's rubric. Never scored in the quiz (no key to grade free
    words by); it comes back in the daily practice, where the self-rating schedules it."""

    id: str
    prompt: str
    model_answer: str
    scenario: str = ""
    skill: str | None = None  # its rubric; the module's first skill when the heading names none
    line: int = 0


@dataclass(frozen=True)
class TrainingModule:
    """A training module as trainers wrote it, validated against the contract."""

    id: str
    title: str
    summary: str
    path: str
    lang: str = "en"
    order: int | None = None
    duration_minutes: int | None = None
    pass_mark: int = 80
    requires: list[str] = field(default_factory=list)
    skills: list[str] = field(default_factory=list)
    audience: list[str] = field(default_factory=list)
    shuffle: bool = False
    practice: bool = True  # its questions come back in the daily practice once the module is passed
    show_answers: bool = False  # the right answers in the review of a failed attempt (else only after a pass)
    max_attempts: int | None = None
    intro: str = ""
    quiz_intro: str = ""
    sections: list[Section] = field(default_factory=list)
    questions: list[Question] = field(default_factory=list)
    say_questions: list[SayQuestion] = field(default_factory=list)
    content_hash: str = ""
    requires_line: int = 1
    folder: Path = field(default=Path("."), compare=False)

    @property
    def has_quiz(self) -> bool:
        return bool(self.questions)

    @property
    def question_ids(self) -> list[str]:
        """Every question id of the file in order, variants and "What would you say?" included: the ids every
        language of the module must share."""
        return [s.id for q in self.questions for s in q.situations] + [s.id for s in self.say_questions]

    def say_skill(self, question: SayQuestion) -> str | None:
        return question.skill or (self.skills[0] if self.skills else None)

    def is_for(self, role: str) -> bool:
        """An empty audience means everyone must take the module."""
        return not self.audience or role in self.audience
