"""Search from every page: modules (their titles, sections and quiz questions) in the reader's language, and
the stories and suggestions the reader may see (the store's rights clauses).

Every word typed must appear. Module text is searched in memory (a catalog is a few hundred kilobytes),
ignoring case and accents ("reclamation" finds "réclamation"); stories and suggestions in SQL, newest first,
ignoring case (accents are compared as typed there).
A hit quotes the words around its first match, so a person sees why it was found before opening it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from sqlite_utils import Database

from modules import store
from modules.content.model import TrainingModule
from modules.i18n import N_
from modules.richtext import text_of

MIN_LENGTH = 2  # a single letter matches everything
LIMIT = 20  # hits of each kind shown
CONTEXT = 60  # characters quoted either side of the first match

MODULE, SECTION, QUESTION, STORY, SUGGESTION = "module", "section", "question", "story", "suggestion"
KINDS = {  # the groups of results, in the order shown
    MODULE: N_("Modules"),
    SECTION: N_("Sections"),
    QUESTION: N_("Quiz questions"),
    STORY: N_("Best failures"),
    SUGGESTION: N_("Suggestions"),
}


def _fold(char: str) -> str:
    """One character without case or accent, still one character: positions in the folded text are the
    original's, so a quote is cut from the text as written."""
    base = unicodedata.normalize("NFKD", char)[:1] or char
    return base.lower()[:1] or base


def folded(text: str) -> str:
    return "".join(_fold(c) for c in text)


def words_of(query: str) -> list[str]:
    """The words to find; none when the query is too short to mean anything."""
    words = [w for w in folded(query).split() if w]
    return words if len("".join(words)) >= MIN_LENGTH else []


def quote(text: str, words: list[str]) -> str | None:
    """The text around the first word found, or None when not every word is in it. A word is found where a
    word of the text starts with it ("end" finds "ending", not "depending")."""
    where = folded(text)
    starts = [re.search(rf"(?<!\w){re.escape(w)}", where) for w in words]
    if not all(starts):
        return None
    first = min(found.start() for found in starts if found)
    start, end = max(0, first - CONTEXT), min(len(text), first + CONTEXT + len(words[0]))
    return ("…" if start else "") + text[start:end].strip() + ("…" if end < len(text) else "")


@dataclass(frozen=True)
class Hit:
    kind: str  # one of KINDS
    title: str
    where: str  # the module of a section or question; the author and team of a story or suggestion
    quote: str
    module_id: str | None = None
    section: str | None = None  # a section's id, or QUIZ: where the module opens


QUIZ = "quiz"


@dataclass
class Results:
    words: list[str] = field(default_factory=list)
    hits: dict[str, list[Hit]] = field(default_factory=dict)  # by kind, KINDS' order

    @property
    def count(self) -> int:
        return sum(len(found) for found in self.hits.values())


def search(db: Database, viewer_id: int, modules: list[TrainingModule], query: str) -> Results:
    """What the viewer may open that holds every word of `query`. `modules` are the reader's, in their language."""
    words = words_of(query)
    if not words:
        return Results()
    found: dict[str, list[Hit]] = {kind: [] for kind in KINDS}
    for module in modules:
        _module_hits(module, words, found)
    pattern = [f"%{_like(w)}%" for w in query.lower().split()]  # as typed: SQL compares accents as they are
    for row in store.stories.search(db, viewer_id, pattern, LIMIT):
        text = " ".join((row["title"], row["happened"], row["did"], row["customer_said"]))
        found[STORY].append(Hit(STORY, row["title"], _by(row), quote(text, words) or row["title"]))
    for row in store.suggestions.search(db, viewer_id, pattern, LIMIT):
        text = f"{row['title']} {row['body']}"
        found[SUGGESTION].append(Hit(SUGGESTION, row["title"], _by(row), quote(text, words) or row["title"]))
    return Results(words, {kind: hits[:LIMIT] for kind, hits in found.items() if hits})


def _module_hits(module: TrainingModule, words: list[str], found: dict[str, list[Hit]]) -> None:
    about = quote(f"{module.title} {text_of(module.summary)}", words)
    if about:
        found[MODULE].append(Hit(MODULE, module.title, "", about, module.id))
    for section in module.sections:
        said = quote(f"{section.title} {text_of(section.body)}", words)
        if said:
            found[SECTION].append(Hit(SECTION, section.title, module.title, said, module.id, section.id))
    for question in module.questions:
        asked = quote(text_of(question.prompt), words)  # the prompt only: a search never gives the answers away
        if asked:
            found[QUESTION].append(Hit(QUESTION, text_of(question.prompt), module.title, asked, module.id, QUIZ))


def _by(row: dict) -> str:
    return f"{row['author']} · {row['team']}" if row.get("team") else row["author"]


def _like(word: str) -> str:
    """A word as a LIKE pattern's part: its wildcards taken literally."""
    return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
