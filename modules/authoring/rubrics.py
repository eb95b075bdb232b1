"""Trainers edit the skill rubrics in the portal: read, check, and save only a valid text."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from modules import store
from modules.authoring.studio import keep_previous, relative, write_atomically
from modules.content import Problem, rubric


def text_of(folder: Path, lang: str) -> str:
    """The rubric file of a language as it is now, empty when there is none yet."""
    path = rubric.path_for(folder, lang)
    return path.read_text(encoding="utf-8") if path.exists() else ""


def check(folder: Path, lang: str, text: str) -> tuple[list[rubric.Skill], list[Problem]]:
    """The skills a text defines and its problems, by line, as the portal will read them."""
    return rubric.parse(text, rubric.path_for(folder, lang).name)


def save_rubric(db: Database, folder: Path, lang: str, text: str, author: str) -> list[Problem]:
    """Save a language's skill rubrics if they are valid; a broken rubric never replaces a working one."""
    path = rubric.path_for(folder, lang)
    problems = rubric.parse(text, relative(folder, path))[1]
    if problems:
        return problems
    keep_previous(db, folder, path, author)
    write_atomically(path, text.encode("utf-8"))
    store.versions.add_module_version(db, relative(folder, path), text, author, "saved")
    return []
