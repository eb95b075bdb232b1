"""One row per module file for the trainers' content status: valid, or its problems."""

from __future__ import annotations

from pathlib import Path

from modules import i18n
from modules.content import Catalog, rubric
from modules.content.catalog import module_files


def file_rows(folder: Path, catalog: Catalog) -> list[dict]:
    """Every module file (drafts excluded), with its figures or its problems, in file order."""
    modules = {Path(m.path): m for m in catalog.modules}
    problems: dict[Path, list[str]] = {}
    for problem in catalog.problems:
        problems.setdefault(Path(problem.path), []).append(str(problem))
    rows = []
    for path in module_files(folder) if folder.exists() else []:
        module = modules.get(path)
        rows.append(
            {
                "file": path.relative_to(folder).as_posix(),
                "id": module.id if module else "—",
                "languages": ", ".join(catalog.languages(module.id)) if module else "—",
                "sections": len(module.sections) if module else None,
                "questions": len(module.questions) if module else None,
                "pass_mark": module.pass_mark if module else None,
                "status": "valid" if module else "\n".join(problems.get(path, ["not loaded"])),
            }
        )
    return rows


def missing_translations(catalog: Catalog, languages: tuple[str, ...] = tuple(i18n.LANGUAGES)) -> list[dict]:
    """Modules that exist in some language but not in all of them."""
    rows = []
    for module_id in sorted({m.id for m in catalog.modules}):
        have = catalog.languages(module_id)
        lacking = [lang for lang in languages if lang not in have]
        if lacking:
            rows.append({"id": module_id, "has": ", ".join(have), "missing": ", ".join(lacking)})
    return rows


def rubric_rows(folder: Path, catalog: Catalog, languages: tuple[str, ...] = tuple(i18n.LANGUAGES)) -> list[dict]:
    """Per language: the skills its rubric describes, its problems, and skills the modules train without one."""
    named = {skill for module in catalog.modules for skill in module.skills}
    rows = []
    for lang in languages:
        path = rubric.path_for(folder, lang)
        skills, problems = rubric.parse(path.read_text(encoding="utf-8"), str(path)) if path.exists() else ([], [])
        rows.append(
            {
                "file": path.relative_to(folder).as_posix(),
                "exists": path.exists(),
                "skills": ", ".join(s.id for s in skills),
                "problems": [str(p) for p in problems],
                "without_rubric": ", ".join(rubric.used_without_rubric(skills, named)),
            }
        )
    return rows
