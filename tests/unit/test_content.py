"""The content contract: parsing, every kind of error with its line, catalog, checker."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from modules.content import ContentError, load_catalog, load_module, rubric
from modules.content.__main__ import main as checker
from tests.helpers import module_by_id, write_module

ROOT = Path(__file__).resolve().parents[2]

GOOD = """
---
title: Moments of truth
summary: The moments customers remember.
requires: [welcome]
skills: [ending-well]
---

A short introduction.

## Peak and end

Customers remember the peak and the end.

```
## not a section, it is code
- [x] not an option
```

## Journeys

A fuel-station journey has stages.

## Quiz

### What does a customer remember most of a service interaction? {#peak-end}
- [ ] Every moment, each weighted the same
- [x] Its most intense moment and the way it ended
- [ ] Only the price paid

> Memory keeps the peak and the end of an experience; design the ending.

### A customer raises her voice: "This is the third time I call!" Which replies acknowledge the emotion first? {#acknowledge}

She has called about the same delivery three times.

- [x] "Three calls for one problem: I understand you are exasperated."
- [ ] "Please calm down, madam."
  > Asking someone to calm down denies the emotion they feel.
- [x] "I'm sorry you had to call again; let me own this now."
- [ ] "What is your customer number?"

### True or false: procedures exist to protect staff from customers.
- [ ] True
- [x] False
"""


def problems_of(path: Path) -> list[tuple[int, str]]:
    with pytest.raises(ContentError) as caught:
        load_module(path)
    return [(p.line, p.message) for p in caught.value.problems]


def module_text(front: str = "title: T\nsummary: S", body: str = "## Read\n\nText.\n") -> str:
    return f"---\n{front}\n---\n{body}"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return tmp_path / "content" / "en"


def test_valid_module_matches_the_contract(folder: Path) -> None:
    module = load_module(write_module(folder, "03-moments-of-truth.md", GOOD))
    assert (module.id, module.title, module.order, module.pass_mark) == ("moments-of-truth", "Moments of truth", 3, 80)
    assert [s.title for s in module.sections] == ["Peak and end", "Journeys"]
    assert "## not a section" in module.sections[0].body
    assert module.intro == "A short introduction."
    first, second, third = module.questions
    assert first.id == "peak-end" and first.prompt.endswith("service interaction?")
    assert first.options[1] == "Its most intense moment and the way it ended"
    assert first.correct == {1} and not first.multiple
    assert first.explanation.startswith("Memory keeps the peak")
    assert second.multiple and second.correct == {0, 2}
    assert second.scenario == "She has called about the same delivery three times."
    assert second.option_feedback(1) == "Asking someone to calm down denies the emotion they feel."
    assert second.explanation is None
    assert third.id == "true-or-false-procedures-exist-to-protect-staff-from-customers"
    assert third.options == ["True", "False"]
    assert module.requires == ["welcome"] and module.skills == ["ending-well"]


def test_front_matter_defaults_and_overrides(folder: Path) -> None:
    front = "id: custom-id\ntitle: T\nsummary: S\norder: 7\npass_mark: 65\nduration_minutes: 12\nshuffle: true\nmax_attempts: 3\naudience: [manager]"
    module = load_module(write_module(folder, "05-file-name.md", module_text(front)))
    assert (module.id, module.order, module.pass_mark, module.duration_minutes) == ("custom-id", 7, 65, 12)
    assert module.shuffle and module.max_attempts == 3 and module.audience == ["manager"]
    plain = load_module(write_module(folder, "no-number.md", module_text()))
    assert plain.id == "no-number" and plain.order is None and plain.pass_mark == 80 and not plain.questions


@pytest.mark.parametrize(
    "front, line, fragment",
    [
        ("title: T\nsummary: S\npass-mark: 80", 4, "unknown front-matter key 'pass-mark' (did you mean 'pass_mark'?)"),
        ("summary: S", 1, "missing required front-matter key 'title'"),
        ("title: T", 1, "missing required front-matter key 'summary'"),
        ("title: T\nsummary: S\npass_mark: 150", 4, "'pass_mark' must be from 0 to 100"),
        ("title: T\nsummary: S\norder: first", 4, "'order' must be a whole number"),
        ("title: T\nsummary: S\nduration_minutes: 0", 4, "'duration_minutes' must be at least 1"),
        ("title: T\nsummary: S\nshuffle: maybe", 4, "'shuffle' must be true or false"),
        ("title: T\nsummary: S\nmax_attempts: 0", 4, "'max_attempts' must be at least 1"),
        ("title: T\nsummary: S\nid: Not_A_Slug", 4, "'id' must be a slug"),
        ("title: T\nsummary: S\nrequires: [Welcome Module]", 4, "'requires' has 'Welcome Module'"),
        ("title: T\nsummary: S\naudience: [customers]", 4, "'audience' has 'customers'; allowed"),
        ("title: T\nsummary: S\npass_mark: true", 4, "'pass_mark' must be a whole number"),
        ("title: T\nsummary: [S\n", 3, "front matter is not valid YAML"),
        ("- just\n- a list", 2, "front matter must be"),
    ],
)
def test_front_matter_errors_have_lines(folder: Path, front: str, line: int, fragment: str) -> None:
    found = problems_of(write_module(folder, "m.md", module_text(front)))
    assert any(n == line and fragment in message for n, message in found), found


def test_missing_front_matter(folder: Path) -> None:
    assert problems_of(write_module(folder, "m.md", "## Read\n\nText\n")) == [
        (1, "missing front matter: the file must start with a '---' line")
    ]


QUIZ_CASES = [
    # (body, line of the problem, fragment)
    ("## Quiz\n\n### Q?\n- [x] a\n- [ ] b\n\n## After\n\nText\n", 12, "the quiz must be the last section"),
    ("## Read\n\nText\n\n## Quiz\n\nNo questions here.\n", 10, "the quiz has no questions"),
    ("## Quiz\n\n### Q?\n\nJust a scenario.\n", 8, "has no options"),
    ("## Quiz\n\n### Q?\n- [x] only one\n", 9, "needs at least two options"),
    ("## Quiz\n\n### Q?\n- [ ] a\n- [ ] b\n", 9, "has no correct option"),
    ("## Quiz\n\n### Q?\n- [x] a\n- plain item\n", 10, "each option must start with '[ ]'"),
    ("## Quiz\n\n### Q? {#Bad Id}\n- [x] a\n- [ ] b\n", 8, "question id 'Bad Id' must be a slug"),
    (
        "## Quiz\n\n### A? {#same}\n- [x] a\n- [ ] b\n\n### B? {#same}\n- [x] a\n- [ ] b\n",
        12,
        "question id 'same' is already used on line 8",
    ),
    ("## Quiz\n\n### Q?\n- [x] a\n- [ ] b\n\nStray paragraph.\n", 12, "unexpected text after the options"),
    ("## Quiz\n\n### Q?\n- [x] a\n- [ ] b\n\n> one\n\n> two\n", 14, "at most one explanation"),
    ("## Quiz\n\n### Q?\n- [x] a\n- [ ] b\n\n1. [x] c\n2. [ ] d\n", 12, "this is a second one"),
    ("## Quiz\n\n###  {#x}\n- [x] a\n- [ ] b\n", 8, "needs the question's text"),
    ("## Quiz\n\n### Q?\n- [x] a\n- [ ]\n", 10, "needs some text"),
    ("Only an introduction.\n", 5, "no '## ' section to read and no quiz"),
]


@pytest.mark.parametrize("body, line, fragment", QUIZ_CASES)
def test_body_errors_have_lines(folder: Path, body: str, line: int, fragment: str) -> None:
    found = problems_of(write_module(folder, "m.md", module_text(body="\n" + body)))
    assert any(n == line and fragment in message for n, message in found), found


def test_every_problem_is_reported_at_once(folder: Path) -> None:
    body = "\n## Quiz\n\n### A?\n- [x] a\n\n### B?\n- [ ] a\n- [ ] b\n"
    found = problems_of(write_module(folder, "m.md", module_text("title: T\nsummary: S\npass-mark: 3", body)))
    assert [n for n, _ in found] == [4, 10, 13]


def test_french_questionnaire_heading(tmp_path: Path) -> None:
    body = "## Lire\n\nTexte.\n\n## Questionnaire\n\n### Vrai ou faux ?\n- [ ] Vrai\n- [x] Faux\n"
    french = load_module(write_module(tmp_path / "fr", "m.md", module_text(body=body)))
    assert len(french.sections) == 1 and len(french.questions) == 1 and french.lang == "fr"
    english = load_module(write_module(tmp_path / "en", "m.md", module_text(body=body)))
    assert [s.title for s in english.sections] == ["Lire", "Questionnaire"] and not english.questions


def test_large_and_non_utf8_files_are_refused_clearly(folder: Path) -> None:
    big = write_module(folder, "big.md", module_text(body="## Read\n\n" + "word " * 300_000))
    assert "file is too large" in problems_of(big)[0][1]
    broken = folder / "latin1.md"
    broken.write_bytes(module_text().encode() + "\n\ncaf\xe9\n".encode("latin-1"))
    assert problems_of(broken) == [(10, "file is not UTF-8 text; save it as UTF-8")]


def test_catalog_keeps_valid_modules_and_reports_the_rest(folder: Path) -> None:
    write_module(folder, "01-welcome.md", module_text(body="## Read\n\nText.\n"))
    write_module(folder, "02-second.md", module_text("title: Second\nsummary: S\nrequires: [welcome]"))
    write_module(folder, "03-broken.md", module_text("title: Broken"))
    write_module(folder, "04-orphan.md", module_text("title: O\nsummary: S\nrequires: [nowhere]"))
    write_module(folder, "05-loop-a.md", module_text("id: loop-a\ntitle: A\nsummary: S\nrequires: [loop-b]"))
    write_module(folder, "06-loop-b.md", module_text("id: loop-b\ntitle: B\nsummary: S\nrequires: [loop-a]"))
    write_module(folder, "07-twin.md", module_text("id: welcome\ntitle: Twin\nsummary: S"))
    write_module(folder, "_draft.md", "not even front matter")
    write_module(folder, "README.md", "# For trainers")
    modules, problems = load_catalog(folder.parent)
    assert [m.id for m in modules] == ["welcome", "second"]
    messages = "\n".join(str(p) for p in problems)
    assert "03-broken.md:1: missing required front-matter key 'summary'" in messages
    assert "04-orphan.md:4: 'requires' names unknown module(s): nowhere" in messages
    assert "makes a cycle" in messages and "07-twin.md:1: id 'welcome' is already used" in messages
    assert "_draft" not in messages and "README" not in messages


def test_checker_cli_output_and_exit_codes(folder: Path, capsys: pytest.CaptureFixture) -> None:
    write_module(folder, "03-moments-of-truth.md", GOOD.replace("requires: [welcome]\n", ""))
    assert checker(["check", str(folder)]) == 0
    assert capsys.readouterr().out.strip() == "moments-of-truth  Moments of truth  2 sections  3 questions"
    bad = write_module(folder, "04-bad.md", module_text("title: T\nsummary: S\npass-mark: 8"))
    assert checker(["check", str(folder)]) == 1
    assert (
        capsys.readouterr().out.strip() == f"{bad}:4: unknown front-matter key 'pass-mark' (did you mean 'pass_mark'?)"
    )


def test_checker_runs_as_a_module_on_the_shipped_content() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "modules.content", "check", "content"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    lines = done.stdout.splitlines()
    assert lines[:2] == [
        "welcome  Welcome to the academy  5 sections  10 questions",
        "welcome  Bienvenue à l'académie  5 sections  10 questions",
    ]


def test_a_single_file_resolves_its_prerequisites_beside_it(capsys: pytest.CaptureFixture) -> None:
    assert checker(["check", str(ROOT / "content/en/03-moments-of-truth.md")]) == 0


def test_shipped_core_modules_meet_the_brief() -> None:
    modules = {m.id: m for m in load_catalog(ROOT / "content").for_language("en")}
    assert list(modules)[:3] == ["welcome", "emotional-intelligence", "moments-of-truth"]
    assert modules["emotional-intelligence"].requires == ["welcome"]
    assert modules["moments-of-truth"].requires == ["emotional-intelligence"]
    for module in modules.values():
        assert len(module.sections) >= 4 and len(module.questions) >= 8
        assert all(q.explanation for q in module.questions)
        assert any(q.multiple for q in module.questions) and any(not q.multiple for q in module.questions)
        assert any(q.options == ["True", "False"] for q in module.questions)
        assert sum(1 for q in module.questions if q.scenario) >= 2


NEW_MODULES = ("complaints", "phone-email-chat", "regulars", "running-the-practices", "debriefing-your-side")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_four_new_modules_meet_the_brief(lang: str) -> None:
    """Short sections, at least 8 questions with 3 scenarios, explanations that teach, a challenge for the next
    shift tied to a rubric level, skills that have a rubric, in both languages."""
    catalog = load_catalog(ROOT / "content")
    skills = {s.id for s in rubric.load(ROOT / "content", lang)[0]}
    modules = {m.id: m for m in catalog.for_language(lang)}
    for module_id in NEW_MODULES:
        module = modules[module_id]
        assert module.lang == lang and len(module.questions) >= 8 and all(q.explanation for q in module.questions)
        assert sum(1 for q in module.questions if q.scenario) >= 3, module_id
        assert set(module.skills) <= skills and module.skills
        challenge = module.sections[-1]
        assert "3" in challenge.body or "4" in challenge.body  # "Aim for level 3 of …"
        assert any(
            f"**{name.lower()}**" in challenge.body.lower() for name in rubric.names(ROOT / "content", lang).values()
        )
    assert modules["running-the-practices"].audience == ["manager", "trainer"]


def test_languages_of_a_module_must_ask_the_same_questions(tmp_path: Path) -> None:
    english = "---\ntitle: T\nsummary: S\n---\n## Read\n\nx\n\n## Quiz\n\n### A? {#a}\n- [x] y\n- [ ] n\n\n### B? {#b}\n- [x] y\n- [ ] n\n"
    write_module(tmp_path / "en", "m.md", english)
    write_module(tmp_path / "fr", "m.md", english.replace("{#b}", "{#c}").replace("## Quiz", "## Questionnaire"))
    modules, problems = load_catalog(tmp_path)
    assert len(modules) == 2  # both stay usable; the checker reports the disagreement
    assert [(Path(p.path).parent.name, p.line, p.message) for p in problems] == [
        ("fr", 15, f"question ids differ from the 'en' version ({tmp_path / 'en' / 'm.md'}): missing b; extra c")
    ]


def test_the_shipped_french_modules_match_the_english_ones() -> None:
    catalog = load_catalog(ROOT / "content")
    assert catalog.problems == []
    for module_id in ("welcome", "emotional-intelligence", "moments-of-truth", *NEW_MODULES):
        english, french = module_by_id(catalog, module_id, "en"), module_by_id(catalog, module_id, "fr")
        assert french.lang == "fr" and french.title != english.title
        assert [(q.id, q.correct, len(q.options)) for q in french.questions] == [
            (q.id, q.correct, len(q.options)) for q in english.questions
        ]
        assert french.requires == english.requires and len(french.sections) == len(english.sections)


def test_the_checker_on_the_french_content(capsys: pytest.CaptureFixture) -> None:
    assert checker(["check", str(ROOT / "content" / "fr")]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "welcome  Bienvenue à l'académie  5 sections  10 questions",
        "emotional-intelligence  L'intelligence émotionnelle  5 sections  9 questions",
        "moments-of-truth  Les moments de vérité  5 sections  10 questions",
        "complaints  Réclamations et clients difficiles  6 sections  9 questions",
        "phone-email-chat  Téléphone, e-mail et chat  6 sections  9 questions",
        "regulars  Reconnaître les habitués et personnaliser  6 sections  9 questions",
        "running-the-practices  Pour les responsables : faire vivre les pratiques  6 sections  9 questions",
        "debriefing-your-side  Le débriefing, de votre côté  6 sections  9 questions",
    ]


def test_a_partial_module_keeps_what_parses_for_the_studio_preview(tmp_path: Path) -> None:
    from modules.content.parser import partial_module

    text = "---\ntitle: [unclosed\n---\n## First\nRead me.\n\n## Quiz\n### Broken?\n- [ ] a\n- [ ] b\n\n### Fine?\n- [x] a\n- [ ] b\n"
    module = partial_module(text.encode(), tmp_path / "en" / "02-draft.md")
    assert module is not None and module.title == "02-draft"  # the YAML typo: the file name stands in
    assert [s.title for s in module.sections] == ["First"] and [q.prompt for q in module.questions] == ["Fine?"]
    assert partial_module(b"\xff\xfe", tmp_path / "x.md") is None


def test_an_unclosed_heading_id_is_a_problem_not_text_shown_to_learners(tmp_path) -> None:
    """`### Which help you listen? {#listen` passed the checker: learners saw "{#listen" and the id became
    `which-help-you-listen-listen`."""
    path = tmp_path / "en" / "05-listen.md"
    path.parent.mkdir()
    path.write_text(
        "---\ntitle: Listen\nsummary: S\n---\n## Hear them out {#hear\n\nText.\n\n## Quiz\n\n"
        "### Which help you listen? {#listen\n- [x] Silence\n- [ ] Talking\n",
        encoding="utf-8",
    )
    with pytest.raises(ContentError) as refused:
        load_module(path)
    messages = [p.message for p in refused.value.problems]
    assert "the heading's id is not closed: write {#hear}" in messages
    assert "the heading's id is not closed: write {#listen}" in messages


def test_skills_are_read_again_when_their_file_changes(tmp_path):
    """The parsed skills are kept between page runs, never past an edit of the file."""
    folder = tmp_path / rubric.FOLDER
    folder.mkdir()
    levels = "\n".join(f"{n}. Level {n}." for n in range(1, 5))
    (folder / "en.md").write_text(f"## Welcome {{#welcome}}\n\n{levels}\n", encoding="utf-8")
    assert rubric.names(tmp_path, "en") == {"welcome": "Welcome"}
    (folder / "en.md").write_text(
        f"## Warm welcome {{#welcome}}\n\n{levels}\n\n## Listening {{#listening}}\n\n{levels}\n"
    )
    assert rubric.names(tmp_path, "en") == {"welcome": "Warm welcome", "listening": "Listening"}
    skills, _ = rubric.load(tmp_path, "en")
    skills.clear()  # a caller's list is its own
    assert len(rubric.load(tmp_path, "en")[0]) == 2
