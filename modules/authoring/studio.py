"""Writing content in the portal: check, save (published or draft), history, restore, images, rubrics.

The rule that protects learners: a text with problems is saved as a draft
(`_name.md`, which learners never see) and never replaces a published module.
Every save is kept in the database with the text it replaced.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from PIL import Image
from sqlite_utils import Database

from modules import store
from modules.content import ContentError, Problem, TrainingModule, current_catalog
from modules.content.catalog import module_files
from modules.content.parser import parse_module, partial_module

FILE_NAME = re.compile(r"^(\d{2}-)?[a-z0-9][a-z0-9-]*\.md$")
IMAGE_TYPES = {".png", ".jpg", ".jpeg", ".gif", ".webp"}
MAX_IMAGE_BYTES = 5_000_000
TEMPLATE = """---
title: A new module
summary: One or two sentences that make people want to open it.
duration_minutes: 10
pass_mark: 80
skills: [welcome]
---

## The first idea

Write for a colleague on the shop floor: short sentences, one idea per section.

## The second idea

Lists, **bold** and tables work. To show an image, add it below the editor ("Add an image beside the
module") and paste the line it gives you here.

## Quiz

### A first question? {#first-question}

A short scenario can set the scene.

- [x] The right answer
- [ ] A wrong answer
  > Why this answer is wrong, shown to those who chose it.
- [ ] Another wrong answer

> The explanation every learner sees after answering.
"""


@dataclass
class SaveResult:
    path: Path
    draft: bool
    problems: list[Problem] = field(default_factory=list)


def relative(folder: Path, path: Path) -> str:
    return path.relative_to(folder).as_posix()


def published_name(name: str) -> str:
    return name[1:] if name.startswith("_") else name


def check(folder: Path, lang: str, name: str, text: str) -> tuple[TrainingModule | None, list[Problem]]:
    """Parse a text as if saved under `lang/name`, with the catalog's checks (prerequisites, unique id)."""
    path = _where(folder, lang, name)
    try:
        module = parse_module(text.encode("utf-8"), path)
    except ContentError as error:
        return None, error.problems
    others = [m for m in current_catalog(folder).modules if Path(m.path) != path]
    problems = []
    twin = next((m for m in others if m.id == module.id and m.lang == lang), None)
    if twin:
        problems.append(Problem(str(path), 1, f"id '{module.id}' is already used by {twin.path}"))
    known = {m.id for m in others}
    unknown = [r for r in module.requires if r not in known]
    if unknown:
        problems.append(
            Problem(str(path), module.requires_line, f"'requires' names unknown module(s): {', '.join(unknown)}")
        )
    return (None, problems) if problems else (module, [])


def text_of(folder: Path, lang: str, name: str | None) -> str:
    """The text a trainer starts from: a file of `files` as saved, or the template for a new module (None)."""
    if name is None:
        return TEMPLATE
    if name not in files(folder, lang):
        raise ValueError(f"no module file {name!r} in {lang}")
    return (folder / lang / name).read_text(encoding="utf-8")


def preview(folder: Path, lang: str, name: str, text: str) -> TrainingModule | None:
    """What can be shown of a text that fails the checks: the module alone if it parses, else the sections and
    questions that do (a typo in one question leaves the rest in view)."""
    raw, where = text.encode("utf-8"), _where(folder, lang, name)
    try:
        return parse_module(raw, where)
    except ContentError:
        return partial_module(raw, where)


def _where(folder: Path, lang: str, name: str) -> Path:
    """Where a text would be saved; a name that is not a valid file name never leaves the language folder."""
    published = published_name(name)
    return folder / lang / (published if FILE_NAME.match(published) else "new.md")


def write_atomically(path: Path, data: bytes) -> None:
    """Readers see the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".saving-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def keep_previous(db: Database, folder: Path, path: Path, author: str) -> None:
    """Store the text about to be replaced, unless the last stored version already is it."""
    if path.exists():
        previous = path.read_text(encoding="utf-8")
        if store.versions.latest_module_text(db, relative(folder, path)) != previous:
            store.versions.add_module_version(db, relative(folder, path), previous, author, "before this save")


def save(db: Database, folder: Path, lang: str, name: str, text: str, author: str, note: str = "saved") -> SaveResult:
    """Publish a valid text; keep an invalid one as a draft beside it."""
    if not FILE_NAME.match(published_name(name)):
        raise ValueError("a file name is lower-case letters, digits and dashes, ending in .md, e.g. 04-complaints.md")
    _, problems = check(folder, lang, name, text)
    target = folder / lang / (("_" + published_name(name)) if problems else published_name(name))
    keep_previous(db, folder, target, author)
    write_atomically(target, text.encode("utf-8"))
    store.versions.add_module_version(
        db, relative(folder, target), text, author, note if not problems else f"{note} as draft"
    )
    draft = folder / lang / ("_" + published_name(name))
    if not problems and draft.exists():
        draft.unlink()  # the draft has been published
    return SaveResult(target, bool(problems), problems)


def history(db: Database, folder: Path, lang: str, name: str) -> list[store.versions.Version]:
    """Versions of a module and of its draft, newest first."""
    base = published_name(name)
    return store.versions.module_versions(db, [f"{lang}/{base}", f"{lang}/_{base}"])


def restore(
    db: Database, folder: Path, lang: str, name: str, version: store.versions.Version, author: str
) -> SaveResult:
    """Bring back an earlier text through the same rules as any save."""
    return save(db, folder, lang, name, version["text"], author, note=f"restored version {version['id']}")


def files(folder: Path, lang: str) -> list[str]:
    """Module files and drafts of one language, by name."""
    lang_folder = folder / lang
    if not lang_folder.is_dir():
        return []
    drafts = sorted(p.name for p in lang_folder.glob("_*.md"))
    return sorted(p.name for p in module_files(lang_folder)) + drafts


def is_image(data: bytes, suffix: str) -> bool:
    """Whether the bytes are a whole image of the kind the file name says."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
            return f".{(image.format or '').lower()}" in {suffix, ".jpeg" if suffix == ".jpg" else suffix}
    except Exception:  # Pillow's decoders raise many kinds: SyntaxError for a bad PNG checksum, struct.error,
        return False  # EOFError, DecompressionBombError…; each means not a whole image, never a traceback


def save_image(folder: Path, lang: str, filename: str, data: bytes) -> str:
    """Store an uploaded image in `lang/img/`; returns the Markdown that shows it."""
    suffix = Path(filename).suffix.lower()
    if suffix not in IMAGE_TYPES:
        raise ValueError(f"images must be {', '.join(sorted(IMAGE_TYPES))}")
    if len(data) > MAX_IMAGE_BYTES:
        raise ValueError("an image may be at most 5 MB")
    if not is_image(data, suffix):
        raise ValueError(f"{Path(filename).name} is not a {suffix.lstrip('.').upper()} image; nothing was saved")
    stem = re.sub(r"[^a-z0-9-]+", "-", Path(filename).stem.lower()).strip("-") or "image"
    target = folder / lang / "img" / f"{stem}{suffix}"
    write_atomically(target, data)
    return f"![{stem.replace('-', ' ')}](img/{target.name})"
