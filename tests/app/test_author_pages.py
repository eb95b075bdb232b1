"""The trainer's pages in the portal: the studio (edit, refuse, GIFT import) and question analysis."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import signed_in


def test_analysis_page_shows_the_flagged_questions(academy: Path) -> None:
    from tests.helpers import signed_in

    at = signed_in(academy, "theo", "pages/author/analysis.py")
    at.selectbox[0].set_value("moments-of-truth").run()
    at.button_group[0].set_value("All attempts").run()
    assert not at.exception and len(at.get("vega_lite_chart")) == 1
    flagged = "\n".join(m.value for m in at.markdown)
    assert "A customer has just waited twelve minutes" in flagged  # good-ending, the misleading one
    table = at.dataframe[0].value
    assert list(table["#"]) == list(range(1, 11)) and table["Answers"].max() > 0


def test_analysis_in_french_says_when_nothing_needs_looking_at_and_writes_decimals_the_french_way(
    academy: Path,
) -> None:
    from modules import store

    with store.engine.opened(academy) as db:
        store.accounts.set_language(db, store.accounts.user_by_username(db, "theo")["id"], "fr")
    at = signed_in(academy, "theo", "pages/author/analysis.py")
    at.selectbox[0].set_value("complaints").run()
    assert "Aucune question à revoir" in [s.value for s in at.subheader] and not at.exception
    discrimination = at.dataframe[0].value["Discrimination"]
    assert all(v is None or ("," in v and "." not in v) for v in discrimination)  # 0,71, not 0.71


def test_a_trainer_edits_in_the_studio_and_a_learner_sees_it(academy: Path, content_dir: Path) -> None:
    at = signed_in(academy, "theo", "pages/author/studio.py")
    at.selectbox[1].set_value("01-welcome.md").run()
    editor = at.text_area[0]
    editor.input(editor.value.replace("title: Welcome to the academy", "title: Welcome, new colleague")).run()
    assert at.title[-1].value == "Welcome, new colleague"  # the preview follows the text
    next(b for b in at.button if b.label == "Save").click().run()
    assert any("Published: en/01-welcome.md" in s.value for s in at.success)
    learner = signed_in(academy, "alice")
    assert learner.subheader[0].value == "Welcome, new colleague"


def test_the_studio_refuses_to_publish_a_broken_text(academy: Path, content_dir: Path) -> None:
    at = signed_in(academy, "theo", "pages/author/studio.py")
    at.selectbox[1].set_value("01-welcome.md").run()
    at.text_area[0].input(at.text_area[0].value.replace("title: Welcome to the academy\n", "")).run()
    problems = "\n".join(m.value.replace("\\", "") for m in at.markdown)  # a list, shown as text
    assert "- line 1: missing required front-matter key 'title'" in problems
    next(b for b in at.button if b.label == "Save").click().run()
    assert any("Saved as a draft (en/_01-welcome.md)" in w.value for w in at.warning)
    assert "_01-welcome.md" in at.selectbox[1].options  # the draft is in the list at once
    assert signed_in(academy, "alice").subheader[0].value == "Welcome to the academy"


def test_the_studio_imports_gift_into_the_editor(academy: Path, content_dir: Path) -> None:
    at = signed_in(academy, "theo", "pages/author/studio.py")
    at.selectbox[1].set_value("01-welcome.md").run()
    at.text_area(key="gift-text").input("::Imported::Is this imported? {T#No.#Yes.}").run()
    assert "### Is this imported? {#imported}" in at.code[0].value
    assert not at.error  # no false "front matter is not valid YAML" for a good import
    assert any("Is this imported?" in m.value for m in at.markdown)  # the converted question, previewed
    next(b for b in at.button if b.label.startswith("Add 1 question")).click().run()
    editor = at.text_area[0].value
    assert editor.rstrip().endswith("- [ ] False\n  > No.") and editor.count("## Quiz") == 1


def test_the_preview_of_a_new_file_name_never_leaves_the_content_folder(academy: Path, content_dir: Path) -> None:
    outside = content_dir.parent / "secret.png"
    outside.write_bytes(b"\x89PNG\r\n\x1a\n")
    at = signed_in(academy, "theo", "pages/author/studio.py")
    at.text_input[0].input("../../evil.md").run()
    editor = at.text_area[0]
    first_section = editor.value.index("\n## ") + 1
    body = editor.value[:first_section] + "## Look\n\n![leak](secret.png)\n\n" + editor.value[first_section:]
    editor.input(body).run()
    assert not at.exception
    shown = [c.value.replace("\\", "") for c in at.caption]  # captions escape Markdown
    assert not at.get("imgs") and "(missing image: secret.png)" in shown  # not the file beside content/


def test_a_typo_in_one_question_leaves_the_rest_of_the_preview_in_view(academy: Path, content_dir: Path) -> None:
    at = signed_in(academy, "theo", "pages/author/studio.py")
    at.selectbox[1].set_value("01-welcome.md").run()
    text = at.text_area[0].value
    broken = text.replace("- [x]", "- [ ]", 1)  # the first question loses its right answer
    at.text_area[0].input(broken).run()
    assert "needs at least one" in "\n".join(m.value for m in at.markdown) or at.error
    assert any(c.value.startswith("Partial preview") for c in at.caption)
    assert "Welcome to the academy" in [t.value for t in at.title]  # the title and sections still shown
    assert "What a customer takes home" in [h.value for h in at.header]


def test_a_gift_question_with_partial_credit_imports_as_single_choice_and_says_so(academy: Path) -> None:
    at = signed_in(academy, "theo", "pages/author/studio.py")
    at.text_area(key="gift-text").input("::Best:: Which is best? {=[html]<b>Full</b> ~%50%Half ~Wrong}").run()
    assert "- [x] Full\n- [ ] Half\n- [ ] Wrong" in at.code[0].value
    assert at.info[0].value.startswith("GIFT line 1: partial credit dropped for «Half» (50 %)")
    assert not at.error and not [w for w in at.warning if w.value.startswith("GIFT")]


def test_the_studio_warns_of_a_quiz_a_blind_learner_could_pass(academy: Path) -> None:
    from tests.unit.test_quality import PATTERNED

    at = signed_in(academy, "theo", "pages/author/studio.py")
    at.text_input[0].input("05-patterned.md").run()
    at.text_area[0].input(f"---\ntitle: Patterned\nsummary: S\n---\n## Read\nText.\n\n## Quiz\n\n{PATTERNED}").run()
    assert any(w.value.startswith("Quiz quality: a learner who never reads") for w in at.warning)
    hints = "\n".join(m.value.replace("\\", "") for m in at.markdown)
    assert "a learner who never reads scores 100 %" in hints and "same length and precision" in hints
    assert "No problem: saving publishes it to learners." in [s.value for s in at.success]  # a warning, not an error


def test_a_restored_version_is_what_the_editor_holds_and_what_the_next_save_keeps(
    academy: Path, content_dir: Path
) -> None:
    """The editor kept the later text after a Restore, and the next Save wrote it back; restoring a draft's
    version sent the Studio to "+ New module"."""
    at = signed_in(academy, "theo", "pages/author/studio.py")
    at.selectbox[1].set_value("01-welcome.md").run()
    original = at.text_area[0].value
    at.text_area[0].input(original.replace("title: Welcome to the academy", "title: Welcome, later")).run()
    next(b for b in at.button if b.label == "Save").click().run()
    assert "title: Welcome, later" in (content_dir / "en" / "01-welcome.md").read_text()
    earlier = next(b for b in at.button if b.label == "Restore" and b.key != f"restore-{max_version(at)}")
    earlier.click().run()
    assert not at.exception and at.selectbox[1].value == "01-welcome.md"
    assert at.text_area[0].value == original and "title: Welcome to the academy" in original
    next(b for b in at.button if b.label == "Save").click().run()
    assert (content_dir / "en" / "01-welcome.md").read_text() == original  # the Save kept the restored text

    at.text_area[0].input(original.replace("title: Welcome to the academy\n", "")).run()  # broken: a draft
    next(b for b in at.button if b.label == "Save").click().run()
    draft = max_version(at)
    at.button(key=f"restore-{draft}").click().run()
    assert at.selectbox[1].value == "_01-welcome.md" and "title:" not in at.text_area[0].value.split("---")[1]


def max_version(at) -> int:
    return max(int(b.key.split("-")[1]) for b in at.button if (b.key or "").startswith("restore-"))
