"""Skill rubrics: four observable levels per service skill, written by trainers.

One Markdown file per language, `content/_skills/<lang>.md` (a `_` folder, so
never mistaken for a module). Each `## Skill name {#skill-id}` heading starts
a skill; an optional paragraph says what it is; one numbered list of exactly
four items describes what an observer sees at levels 1 to 4.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt

from modules.content.model import SLUG, Problem
from modules.content.parser import HEADING_ID, slugify

FOLDER = "_skills"
LEVELS = 4
EXPECTED = 3  # the level a contact should reach: what a self-rating counts as right
MAX_BYTES = 200_000
_MD = MarkdownIt("commonmark")


@dataclass(frozen=True)
class Skill:
    id: str
    name: str
    description: str
    levels: tuple[str, ...]


def path_for(content: Path, lang: str) -> Path:
    return Path(content) / FOLDER / f"{lang}.md"


def source(content: Path, lang: str) -> Path | None:
    """The file a language's skills are read from: its own, else the English one, else none."""
    return next((p for p in (path_for(content, lang), path_for(content, "en")) if p.exists()), None)


def load(content: Path, lang: str) -> tuple[list[Skill], list[Problem]]:
    """The skills of one language, falling back to English when that language has no file.

    Parsed again only when the file changes (its size or time), as the catalog is: nearly every page asks
    for the skills' names, and parsing the file on each run was a tenth of a learner page's work."""
    path = source(content, lang)
    if path is None:
        return [], []
    try:
        stat = path.stat()
    except OSError:
        return [], []
    skills, problems = _parsed(str(path), stat.st_mtime_ns, stat.st_size)
    return list(skills), list(problems)


@lru_cache(maxsize=16)
def _parsed(path: str, _mtime_ns: int, _size: int) -> tuple[tuple[Skill, ...], tuple[Problem, ...]]:
    skills, problems = parse(Path(path).read_text(encoding="utf-8", errors="replace"), path)
    return tuple(skills), tuple(problems)


def names(content: Path, lang: str) -> dict[str, str]:
    """Each skill's name in one language, for captions and charts that would otherwise show its id."""
    return {skill.id: skill.name for skill in load(content, lang)[0]}


def parse(text: str, where: str = "skills.md") -> tuple[list[Skill], list[Problem]]:
    """Valid skills, and every problem with its line; a broken skill is left out, not the file."""
    if len(text.encode()) > MAX_BYTES:
        return [], [Problem(where, 1, f"the file is larger than {MAX_BYTES:,} bytes")]
    tokens = _MD.parse(text)
    skills: list[Skill] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    starts = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag == "h2"]
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(tokens)
        line = (tokens[start].map or [0])[0] + 1
        skill, problem = _skill(tokens[start:end], line)
        if problem or skill is None:
            problems.append(Problem(where, line, problem or "this skill cannot be read"))
        elif skill.id in seen:
            problems.append(Problem(where, line, f"skill id '{skill.id}' is already used on line {seen[skill.id]}"))
        else:
            seen[skill.id] = line
            skills.append(skill)
    if not starts:
        problems.append(
            Problem(where, 1, "no skill found: start each skill with a '## Skill name {#skill-id}' heading")
        )
    return skills, problems


def _skill(tokens: list, line: int) -> tuple[Skill | None, str | None]:
    heading = tokens[1].content
    match = HEADING_ID.search(heading)
    name = HEADING_ID.sub("", heading).strip()
    skill_id = match.group(1).strip() if match else slugify(name)
    if not name or not SLUG.match(skill_id):
        return None, f"'{heading}' needs a name and an id made of a-z, 0-9 and '-', e.g. '## Welcome {{#welcome}}'"
    description = " ".join(
        t.content
        for i, t in enumerate(tokens)
        if t.type == "inline" and tokens[i - 1].type == "paragraph_open" and tokens[i - 1].level == 0
    )
    lists = [i for i, t in enumerate(tokens) if t.type == "ordered_list_open" and t.level == 0]
    if len(lists) != 1:
        return None, f"skill '{name}' needs one numbered list of its {LEVELS} levels (found {len(lists)})"
    levels = tuple(t.content.strip() for t in tokens[lists[0] :] if t.type == "inline" and t.level == 3)
    levels = levels[: _list_length(tokens, lists[0])]
    if len(levels) != LEVELS or not all(levels):
        return (
            None,
            f"skill '{name}' has {len(levels)} level(s); describe exactly {LEVELS}, from 1 (lowest) to {LEVELS}",
        )
    return Skill(skill_id, name, description, levels), None


def _list_length(tokens: list, start: int) -> int:
    """Items of the list opening at `start` (nested lists are not levels)."""
    depth, items = 0, 0
    for token in tokens[start:]:
        depth += token.nesting if token.type.endswith(("list_open", "list_close")) else 0
        if token.type == "list_item_open" and depth == 1:
            items += 1
        if depth == 0:
            break
    return items


def used_without_rubric(skills: list[Skill], named: set[str]) -> list[str]:
    """Skills the modules train that no rubric describes yet (the content status lists them)."""
    return sorted(named - {s.id for s in skills})
