"""Writing modules in the portal: the draft rule, atomic saves, history, restore, images."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from modules import store
from modules.authoring import studio
from modules.content import load_catalog
from tests.helpers import module_by_id


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), "teal").save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


@pytest.fixture
def place(database: str, content_dir: Path):
    with store.engine.opened(database) as db:
        yield db, content_dir


def welcome_text(folder: Path) -> str:
    return (folder / "en" / "01-welcome.md").read_text(encoding="utf-8")


def test_a_valid_text_is_published_and_the_old_text_kept(place) -> None:
    db, folder = place
    old = welcome_text(folder)
    new = old.replace("title: Welcome to the academy", "title: Welcome aboard")
    result = studio.save(db, folder, "en", "01-welcome.md", new, "theo")
    assert not result.draft and result.path == folder / "en" / "01-welcome.md"
    assert welcome_text(folder) == new and module_by_id(load_catalog(folder), "welcome").title == "Welcome aboard"
    versions = studio.history(db, folder, "en", "01-welcome.md")
    assert [(v["text"], v["note"]) for v in versions] == [(new, "saved"), (old, "before this save")]
    assert not list((folder / "en").glob(".saving-*"))


def test_a_text_with_problems_becomes_a_draft_and_never_replaces_the_module(place) -> None:
    db, folder = place
    old = welcome_text(folder)
    broken = old.replace("pass_mark: 80", "pass-mark: 80")
    result = studio.save(db, folder, "en", "01-welcome.md", broken, "theo")
    assert result.draft and result.path.name == "_01-welcome.md"
    assert "unknown front-matter key 'pass-mark'" in result.problems[0].message
    assert welcome_text(folder) == old  # learners keep the published module
    assert [m.id for m in load_catalog(folder).for_language("en")][0] == "welcome"
    assert "_01-welcome.md" in studio.files(folder, "en")
    fixed = studio.save(db, folder, "en", "_01-welcome.md", old.replace("Welcome to", "Hello and welcome to"), "theo")
    assert not fixed.draft and not (folder / "en" / "_01-welcome.md").exists()  # publishing clears the draft


def test_catalog_rules_apply_to_a_save(place) -> None:
    db, folder = place
    duplicate = welcome_text(folder).replace("id: welcome", "id: moments-of-truth")
    result = studio.save(db, folder, "en", "01-welcome.md", duplicate, "theo")
    assert result.draft and "already used by" in result.problems[0].message
    orphan = welcome_text(folder).replace("skills: [welcome, listening]", "skills: [welcome]\nrequires: [nothing-here]")
    assert (
        "unknown module(s): nothing-here"
        in studio.save(db, folder, "en", "01-welcome.md", orphan, "theo").problems[0].message
    )


def test_restore_brings_back_an_earlier_version_through_the_same_rules(place) -> None:
    db, folder = place
    old = welcome_text(folder)
    studio.save(db, folder, "en", "01-welcome.md", old.replace("Welcome to the academy", "Version two"), "theo")
    first = next(v for v in studio.history(db, folder, "en", "01-welcome.md") if v["text"] == old)
    result = studio.restore(db, folder, "en", "01-welcome.md", first, "theo")
    assert not result.draft and welcome_text(folder) == old
    assert studio.history(db, folder, "en", "01-welcome.md")[0]["note"] == f"restored version {first['id']}"


def test_new_module_from_the_template_and_file_names(place) -> None:
    db, folder = place
    result = studio.save(db, folder, "en", "04-handling-complaints.md", studio.TEMPLATE, "theo")
    assert not result.draft
    module = module_by_id(load_catalog(folder), "handling-complaints")
    assert module.order == 4 and len(module.questions) == 1 and module.sections
    for bad in ("../escape.md", "Spaces here.md", "no-extension", "sub/dir.md"):
        with pytest.raises(ValueError):
            studio.save(db, folder, "en", bad, studio.TEMPLATE, "theo")


def test_images_are_stored_beside_the_module(place) -> None:
    _, folder = place
    snippet = studio.save_image(folder, "en", "Fuel Journey.PNG", PNG)
    assert snippet == "![fuel journey](img/fuel-journey.png)" and (folder / "en" / "img" / "fuel-journey.png").exists()
    with pytest.raises(ValueError):
        studio.save_image(folder, "en", "page.svg", b"<svg onload=alert(1)>")
    with pytest.raises(ValueError):
        studio.save_image(folder, "en", "big.png", b"0" * (studio.MAX_IMAGE_BYTES + 1))


def test_an_upload_that_is_not_an_image_is_refused(place) -> None:
    _, folder = place
    with pytest.raises(ValueError, match="is not a PNG image; nothing was saved"):
        studio.save_image(folder, "en", "journey.png", b"<html>not an image</html>")
    assert not (folder / "en" / "img" / "journey.png").exists()
    with pytest.raises(ValueError, match="is not a JPG image"):
        studio.save_image(folder, "en", "photo.jpg", PNG)  # a PNG named .jpg
    assert studio.save_image(folder, "en", "Journey Map.png", PNG) == "![journey map](img/journey-map.png)"


def test_a_damaged_image_is_refused_in_words_never_a_traceback(tmp_path: Path) -> None:
    """Fuzzed PNGs (one byte changed: wrong checksums, broken chunks, lengths) are refused with a message;
    Pillow's SyntaxError for a bad checksum used to reach the Studio as "This app has encountered an error"."""
    import random

    rng = random.Random(7)
    folder = tmp_path / "content"
    refused = 0
    for _ in range(1500):
        data = bytearray(PNG)
        data[rng.randrange(8, len(data))] = rng.randrange(256)
        try:
            studio.save_image(folder, "en", "journey.png", bytes(data))
        except ValueError as error:
            assert "is not a PNG image" in str(error)
            refused += 1
    assert refused > 1000  # most changes break the image, and every one of those was said in words
