"""All modules of a content folder, with the problems that keep some out.

A broken file is reported, never fatal: the catalog keeps every valid module
so one trainer's typo does not empty the portal.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from modules.content import rubric
from modules.content.model import ContentError, Problem, TrainingModule
from modules.content.parser import load_module


def module_files(folder: Path) -> list[Path]:
    """Markdown files that are modules: not README.md, not starting with `_` (drafts)."""
    if folder.is_file():
        return [folder]
    return sorted(
        p
        for p in folder.rglob("*.md")
        if p.name != "README.md"
        and not p.name.startswith("_")
        and not any(part.startswith((".", "_")) for part in p.relative_to(folder).parts[:-1])
    )


class Catalog(NamedTuple):
    """Valid modules (every language) and the problems of the files left out.

    A named tuple, so `modules, problems = load_catalog(folder)` works too.
    """

    modules: list[TrainingModule]
    problems: list[Problem]

    def for_language(self, lang: str = "en") -> list[TrainingModule]:
        """One module per id, in the learner's language when it exists, in catalog order."""
        chosen: dict[str, TrainingModule] = {}
        for module in self.modules:
            current = chosen.get(module.id)
            if (
                current is None
                or (module.lang == lang and current.lang != lang)
                or (current.lang not in (lang, "en") and module.lang == "en")
            ):
                chosen[module.id] = module
        return sorted(chosen.values(), key=sort_key)

    def languages(self, module_id: str) -> list[str]:
        return sorted({m.lang for m in self.modules if m.id == module_id})

    def hashes(self, module_id: str) -> set[str]:
        """The content hashes of a module's files today, every language: an attempt made in another
        language than the one read now is not an attempt at a changed module."""
        return {m.content_hash for m in self.modules if m.id == module_id}


def sort_key(module: TrainingModule) -> tuple:
    """Modules with an order come first, by it; the rest after, by title; English first among languages."""
    return (module.order is None, module.order or 0, module.lang != "en", module.lang, module.title.lower(), module.id)


def load_catalog(folder: str | Path) -> Catalog:
    """Parse every module file under `folder`; never raises for content."""
    folder = Path(folder)
    modules: list[TrainingModule] = []
    problems: list[Problem] = []
    if not folder.exists():
        return Catalog([], [Problem(str(folder), 1, "content folder not found")])
    for path in module_files(folder):
        try:
            modules.append(load_module(path))
        except ContentError as error:
            problems.extend(error.problems)
    # A single file is checked against the modules beside it, so its prerequisites resolve.
    neighbours = {m.id for m in current_catalog(folder.parent).modules} if folder.is_file() else set()
    modules, link_problems = _check_links(modules, neighbours)
    modules = _align_sections(modules)
    skill_problems = _check_say_skills(modules, _content_root(folder))
    return Catalog(sorted(modules, key=sort_key), problems + link_problems + _check_languages(modules) + skill_problems)


def _content_root(target: Path) -> Path:
    """The folder holding `_skills/`, whether the checker was given it, a language folder or one file."""
    folder = target.parent if target.is_file() else target
    return next((f for f in (folder, folder.parent) if (f / rubric.FOLDER).is_dir()), folder)


def _check_say_skills(modules: list[TrainingModule], content: Path) -> list[Problem]:
    """A "What would you say?" question is self-rated on its skill's rubric: the skill must have one."""
    problems = []
    for module in modules:
        if not module.say_questions:
            continue
        known = {skill.id for skill in rubric.load(content, module.lang)[0]}
        for question in module.say_questions:
            skill = module.say_skill(question)
            if skill is None:
                problems.append(
                    Problem(
                        module.path, question.line, "a kind=say question needs a skill: add skill=<id> or 'skills:'"
                    )
                )
            elif skill not in known:
                problems.append(
                    Problem(
                        module.path,
                        question.line,
                        f"skill '{skill}' has no rubric in {rubric.FOLDER}/{module.lang}.md: the learner rates "
                        "their words on it",
                    )
                )
    return problems


def _align_sections(modules: list[TrainingModule]) -> list[TrainingModule]:
    """Give each language's sections the reference language's ids, place by place, so a learner who switches
    language keeps their reading progress. Headings with their own `{#id}` keep it; a version with another
    number of sections is left as written (no place to match)."""
    reference: dict[str, TrainingModule] = {}
    for module in sorted(modules, key=sort_key):
        reference.setdefault(module.id, module)
    aligned = []
    for module in modules:
        first = reference[module.id]
        if module is first or len(module.sections) != len(first.sections):
            aligned.append(module)
            continue
        sections = [
            mine if mine.explicit or mine.id == theirs.id else replace(mine, id=theirs.id, aliases=(mine.id,))
            for mine, theirs in zip(module.sections, first.sections, strict=True)
        ]
        unique = len({s.id for s in sections}) == len(sections)
        aligned.append(replace(module, sections=sections) if unique else module)
    return aligned


def _check_links(modules: list[TrainingModule], neighbours: set[str]) -> tuple[list[TrainingModule], list[Problem]]:
    """Drop duplicates, unknown prerequisites and prerequisite cycles, saying why."""
    problems: list[Problem] = []
    kept: dict[tuple[str, str], TrainingModule] = {}
    for module in modules:
        twin = kept.get((module.lang, module.id))
        if twin:
            problems.append(Problem(module.path, 1, f"id '{module.id}' is already used by {twin.path}"))
        else:
            kept[(module.lang, module.id)] = module
    ids = {m.id for m in kept.values()} | neighbours
    valid = []
    for module in kept.values():
        unknown = [r for r in module.requires if r not in ids]
        if unknown:
            problems.append(
                Problem(module.path, module.requires_line, f"'requires' names unknown module(s): {', '.join(unknown)}")
            )
        elif _in_cycle(module, {m.id: m for m in kept.values()}):
            problems.append(
                Problem(
                    module.path,
                    module.requires_line,
                    f"'requires' makes a cycle: '{module.id}' ends up requiring itself",
                )
            )
        else:
            valid.append(module)
    return valid, problems


def _check_languages(modules: list[TrainingModule]) -> list[Problem]:
    """The languages of one module must ask the same questions, so progress and analysis are shared."""
    problems = []
    by_id: dict[str, list[TrainingModule]] = {}
    for module in sorted(modules, key=sort_key):
        by_id.setdefault(module.id, []).append(module)
    for versions in by_id.values():
        reference = versions[0]
        expected = reference.question_ids
        for other in versions[1:]:
            found = other.question_ids
            if found != expected:
                missing = [q for q in expected if q not in found]
                extra = [q for q in found if q not in expected]
                detail = "; ".join(
                    filter(
                        None,
                        [
                            f"missing {', '.join(missing)}" if missing else "",
                            f"extra {', '.join(extra)}" if extra else "",
                            "same questions in another order" if not missing and not extra else "",
                        ],
                    )
                )
                line = next(
                    (q.line for q in other.questions if q.id in extra),
                    other.questions[0].line if other.questions else 1,
                )
                problems.append(
                    Problem(
                        other.path,
                        line,
                        f"question ids differ from the '{reference.lang}' version ({reference.path}): {detail}",
                    )
                )
    return problems


def _in_cycle(module: TrainingModule, by_id: dict[str, TrainingModule]) -> bool:
    seen: set[str] = set()
    todo = list(module.requires)
    while todo:
        current = todo.pop()
        if current == module.id:
            return True
        if current not in seen and current in by_id:
            seen.add(current)
            todo.extend(by_id[current].requires)
    return False


def fingerprint(folder: Path) -> tuple:
    """Changes whenever a module file is added, removed or edited."""
    stamps = []
    for path in module_files(folder) if folder.exists() else []:
        try:
            stat = path.stat()
        except OSError:
            continue
        stamps.append((str(path), stat.st_mtime_ns, stat.st_size))
    return tuple(stamps)


@lru_cache(maxsize=8)
def _cached(folder: str, stamp: tuple) -> Catalog:
    return load_catalog(folder)


def current_catalog(folder: str | Path) -> Catalog:
    """The catalog, parsed again only when a file changed, so edits show without a restart."""
    folder = Path(folder)
    return _cached(str(folder), fingerprint(folder))
