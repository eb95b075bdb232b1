"""Every page and role through Streamlit's AppTest, on a temp demo database."""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from modules import store
from modules.content import load_catalog
from modules.richtext import as_shown
from tests.helpers import APP, module_by_id, open_tab, signed_in, write_module


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def texts(at: AppTest) -> str:
    return "\n".join(
        str(e.value)
        for kind in ("markdown", "caption", "info", "success", "warning", "error", "title", "subheader", "header")
        for e in at.get(kind)
    )


def test_wrong_then_right_password(academy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert [t.label for t in at.text_input] == ["Username", "Password"]
    at.text_input[0].input("alice")
    at.text_input[1].input("not-the-password")
    at.button(key="FormSubmitter:Login-Sign in").click().run()
    assert [e.value for e in at.error] == ["Wrong username or password. Check both and try again."]
    at.text_input[0].input("alice")
    at.text_input[1].input("academy")
    at.button(key="FormSubmitter:Login-Sign in").click().run()
    at.run()  # stands in for the rerun the cookie component triggers in a browser
    assert not at.exception
    assert at.title[0].value == "Welcome, Alice"
    assert "Alice Martin" in texts(at) and "Employee · Riverside store" in texts(at)


def test_unknown_user_gets_the_same_message(academy: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    at.text_input[0].input("nobody")
    at.text_input[1].input("academy")
    at.button(key="FormSubmitter:Login-Sign in").click().run()
    assert [e.value for e in at.error] == ["Wrong username or password. Check both and try again."]


def test_home_lists_modules_with_status_and_locks(academy: Path) -> None:
    at = signed_in(academy, "alice")
    assert [s.value for s in at.subheader][:3] == [
        "Welcome to the academy",
        "Emotional intelligence",
        "Moments of truth",
    ]
    assert at.subheader[-1].value == "Best failures of the month"  # pinned stories, below the modules
    opens = [p.proto for p in at.main.get("page_link") if p.proto.query_string.startswith("module=")]
    assert [
        (p.label, p.query_string) for p in opens
    ] == [  # links (Back works); her locked assignment says where to start
        ("Start there", "module=welcome"),
        ("Continue", "module=welcome"),
    ]
    assert [b.label for b in at.button if b.key and b.key.startswith("open-")] == ["Locked"] * 6
    assert "Pass «Welcome to the academy» first to unlock it." in texts(at)
    assert "33 % done" in [p.proto.text for p in at.get("progress")]


def test_reading_a_section_records_it(academy: Path) -> None:
    at = signed_in(academy, "alice", "pages/learn/module.py", module="welcome")
    db = store.engine.connect(academy)
    alice = store.accounts.user_by_username(db, "alice")["id"]
    assert at.header[0].value == "Success, effort and emotion"  # resumes at the first unread section
    button(at, "Next").click().run()
    assert store.learning.sections_read(db, alice)["welcome"] == {
        "what-a-customer-takes-home",
        "happy-teams-happy-customers",
        "success-effort-and-emotion",
    }
    assert at.header[0].value == "A welcome that counts"
    button(at, "Previous").click().run()
    assert at.header[0].value == "Success, effort and emotion"


def open_quiz(academy: Path, module: str = "welcome") -> AppTest:
    at = signed_in(academy, "alice", "pages/learn/module.py", module=module)
    at.button(key="toc-quiz").click().run()
    return at


def answer(at: AppTest, module_id: str, attempt_no: int, answers: dict[str, set[int]], lang: str = "en") -> None:
    module = module_by_id(load_catalog(Path(os.environ["ACADEMY_CONTENT"])), module_id, lang)
    for question in module.questions:
        key = f"q:{module_id}:{lang}:{attempt_no}:{question.id}"
        chosen = answers.get(question.id, set())
        if question.multiple:
            for i in range(len(question.options)):
                at.checkbox(key=f"{key}:{i}").set_value(i in chosen)
        elif chosen:
            at.radio(key=key).set_value(next(iter(chosen)))


def right(module_id: str) -> dict[str, set[int]]:
    module = module_by_id(load_catalog(Path(os.environ["ACADEMY_CONTENT"])), module_id)
    return {q.id: set(q.correct) for q in module.questions}


def test_submitting_the_quiz_records_exactly_one_attempt_and_shows_the_result(academy: Path) -> None:
    at = open_quiz(academy)
    assert "Choose all that apply." in texts(at)
    answer(at, "welcome", 1, right("welcome"))
    at.button(key="submit-welcome-1").click().run()
    db = store.engine.connect(academy)
    alice = store.accounts.user_by_username(db, "alice")["id"]
    assert [(a["attempt_no"], a["percent"], a["passed"]) for a in store.learning.attempts_of(db, alice)] == [
        (1, 100.0, True)
    ]
    assert "You scored **100 %** (pass mark 80 %): passed." in [s.value for s in at.success]
    assert [t.value for t in at.toast] == ["You scored **100 %** (pass mark 80 %): passed."]  # in view, scrolled or not
    assert any("Memory" in i.value or "experience" in i.value for i in at.info)  # explanations shown
    # The same attempt submitted again (double click, second tab) is not recorded twice.
    at.session_state["attempt_no:welcome"] = 1
    at.session_state["retake:welcome"] = True
    at.run()
    answer(at, "welcome", 1, right("welcome"))
    at.button(key="submit-welcome-1").click().run()
    assert len(store.learning.attempts_of(db, alice)) == 1 and store.engine.count(db, "answers") == store.engine.count(
        db, "answers"
    )


def test_after_a_pass_the_certificate_and_the_next_module_after_a_fail_a_way_back_to_the_sections(
    academy: Path,
) -> None:
    """A pass ended on "Retake the quiz" alone; a fail gave no way back to what to reread."""
    at = open_quiz(academy)
    answer(at, "welcome", 1, right("welcome"))
    at.button(key="submit-welcome-1").click().run()
    assert any(b.proto.label == "Certificate (PDF)" for b in at.get("download_button"))
    onward = [link.proto for link in at.main.get("page_link") if link.proto.label.startswith("Next: ")]
    assert len(onward) == 1 and "module=" in onward[0].query_string and not at.exception
    assert "Reread the sections" not in [b.label for b in at.button]  # passed: nothing to reread
    failed = open_quiz(academy, "emotional-intelligence")
    answer(failed, "emotional-intelligence", 1, {})
    module = module_by_id(load_catalog(Path(os.environ["ACADEMY_CONTENT"])), "emotional-intelligence")
    wrong = {q.id: {next(i for i in range(len(q.options)) if i not in q.correct)} for q in module.questions}
    answer(failed, "emotional-intelligence", 1, wrong)
    failed.button(key="submit-emotional-intelligence-1").click().run()
    assert not any(link.proto.label.startswith("Next: ") for link in failed.main.get("page_link"))
    failed.button(key="reread").click().run()
    assert failed.session_state["step:emotional-intelligence"] == 0 and not failed.exception


def test_answers_chosen_before_a_reload_are_kept(academy: Path) -> None:
    at = open_quiz(academy)
    chosen = right("welcome")
    first_three = dict(list(chosen.items())[:3])
    answer(at, "welcome", 1, first_three)
    at.run()  # each answer is sent as it is chosen (no form holding them back)
    reloaded = open_quiz(academy)  # a new browser session: the reload
    assert any(i.value.startswith("Your answers chosen before were kept") for i in reloaded.info)
    module = module_by_id(load_catalog(Path(os.environ["ACADEMY_CONTENT"])), "welcome")
    for question in module.questions[:3]:
        key = f"q:welcome:en:1:{question.id}"
        if question.multiple:
            assert {i for i in range(len(question.options)) if reloaded.checkbox(key=f"{key}:{i}").value} == chosen[
                question.id
            ]
        else:
            assert reloaded.radio(key=key).value == next(iter(chosen[question.id]))
    answer(reloaded, "welcome", 1, chosen)
    reloaded.button(key="submit-welcome-1").click().run()
    assert "You scored **100 %** (pass mark 80 %): passed." in [s.value for s in reloaded.success]
    again = open_quiz(academy)  # the draft ended with the attempt
    assert not any(i.value.startswith("Your answers chosen before") for i in again.info)


def test_a_half_filled_quiz_is_refused_and_keeps_its_answers(academy: Path) -> None:
    at = open_quiz(academy)
    at.radio(key="q:welcome:en:1:customer-experience").set_value(1)
    at.button(key="submit-welcome-1").click().run()
    assert at.error[0].value.startswith(  # each a link to the question left blank
        "Answer every question before submitting. Still blank: [question 2](#question-memory-ingredients), "
        "[question 3](#question-symmetry)"
    )
    assert at.radio(key="q:welcome:en:1:customer-experience").value == 1
    db = store.engine.connect(academy)
    assert store.learning.attempts_of(db, store.accounts.user_by_username(db, "alice")["id"]) == []


def test_retake_keeps_history_and_best_score(academy: Path) -> None:
    at = open_quiz(academy)
    wrong = {qid: ({0} if 0 not in chosen else {1}) for qid, chosen in right("welcome").items()}
    answer(at, "welcome", 1, wrong)
    at.button(key="submit-welcome-1").click().run()
    assert "not passed yet" in at.warning[0].value
    button(at, "Retake the quiz").click().run()
    answer(at, "welcome", 2, right("welcome"))
    at.button(key="submit-welcome-2").click().run()
    history = at.dataframe[0].value
    assert list(history["Attempt"]) == [2, 1] and list(history["Passed"]) == [True, False]
    assert "Best score 100 % over 2 attempts." in texts(at)
    button(at, "Retake the quiz").click().run()  # a third try, below the mark, after the pass
    answer(at, "welcome", 3, wrong)
    at.button(key="submit-welcome-3").click().run()
    review = at.warning[0].value
    assert "You have already passed this module, with 100 %" in review and "not passed yet" not in review


def test_leaving_the_last_section_through_the_contents_counts_it_as_read(academy: Path) -> None:
    at = signed_in(academy, "alice", "pages/learn/module.py", module="welcome")
    last = len(module_by_id(load_catalog(Path(os.environ["ACADEMY_CONTENT"])), "welcome").sections) - 1
    at.sidebar.button(key=f"toc-{last}").click().run()  # jump to the last section
    at.sidebar.button(key="toc-quiz").click().run()  # and leave it for the quiz through the contents
    with store.engine.opened(academy) as db:
        welcome = module_by_id(load_catalog(Path(os.environ["ACADEMY_CONTENT"])), "welcome")
        assert (
            welcome.sections[last].id
            in store.learning.sections_read(db, store.accounts.user_by_username(db, "alice")["id"])["welcome"]
        )
        first = store.learning.sections_read(db, store.accounts.user_by_username(db, "alice")["id"])["welcome"]
    at.sidebar.button(key="toc-0").click().run()  # going back records nothing new
    with store.engine.opened(academy) as db:
        assert store.learning.sections_read(db, store.accounts.user_by_username(db, "alice")["id"])["welcome"] == first


def test_a_locked_module_says_what_unlocks_it(academy: Path) -> None:
    at = signed_in(academy, "alice", "pages/learn/module.py", module="moments-of-truth")
    assert "This module is locked. Pass «Emotional intelligence» first." in [i.value for i in at.info]
    assert not at.header and not any(b.label == "Next" for b in at.button)


def test_an_unknown_module_offers_a_choice(academy: Path) -> None:
    at = signed_in(academy, "alice", "pages/learn/module.py", module="gone")
    assert "There is no module «gone» any more" in at.warning[0].value and at.selectbox


def test_my_progress_empty_then_with_charts(academy: Path) -> None:
    at = signed_in(academy, "alice", "pages/learn/my_progress.py")
    assert [m.value for m in at.metric][:3] == ["0 / 7", "—", "0"] and not at.get("vega_lite_chart")
    db = store.engine.connect(academy)
    busy = db.execute(
        "SELECT u.username FROM users u JOIN attempts a ON a.user_id = u.id"
        " GROUP BY u.id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    at = signed_in(academy, busy, "pages/learn/my_progress.py")
    practised = store.recall.cards_of(db, store.accounts.user_by_username(db, busy)["id"])
    assert len(at.get("vega_lite_chart")) == (3 if practised else 2) and not at.exception  # recall per skill


def demo_people(db, team: str | None = None) -> set[str]:
    return {
        u["name"]
        for u in store.accounts.accounts(db)
        if u["role"] == "employee" and (team is None or u["team"] == team)
    }


RECALL_FIGURES = ["Predicted recall today", "Practising weekly", "Due today", "Overdue"]
PRACTICE_FIGURES = [
    "People debriefed",
    "Largest self-view gap",
    "eNPS",
    "NPS",
    "Days to answer a suggestion",
    "Days to review a story",
]


def test_team_page_shows_exactly_the_managers_team(academy: Path) -> None:
    at = signed_in(academy, "marc", "pages/measure/team.py")
    db = store.engine.connect(academy)
    assert (
        set(at.selectbox(key="person").options) == demo_people(db, "Riverside store")
        and len(at.selectbox(key="person").options) == 10
    )
    assert at.selectbox[0].options == ["Riverside store (10)"]
    headline = ["Completion", "Average best score", "Pass rate at first attempt", "Learners active this week"]
    assert [m.label for m in at.metric] == headline
    # learning charts: the coaching heatmap, the modules' two, the activity's two (drawn from the report)
    assert len(at.get("vega_lite_chart")) == 5 and not at.exception
    open_tab(at, "team-view", "Assignments")  # each assignment's completion: one more chart
    assert len(at.get("vega_lite_chart")) == 5 + 1 and not at.exception
    late = at.dataframe[0].value  # late and due soon: Marc's people only, on the company-wide assignment
    assert set(late["Team"]) == {"Riverside store"} and set(late["Module"]) == {"Emotional intelligence"}
    assert set(late["Status"]) == {"late"} and "Alice Martin" not in set(late["Person"])  # she is new: not due yet
    open_tab(at, "team-view", "Practices")
    assert [m.label for m in at.metric] == headline + PRACTICE_FIGURES and len(at.get("vega_lite_chart")) == 5 + 2
    assert at.dataframe[0].value["Team"].tolist() == ["Riverside store"]  # practices per team: only Marc's
    open_tab(at, "team-view", "Recall")  # recall per skill and the retention curve
    assert [m.label for m in at.metric] == headline + RECALL_FIGURES and len(at.get("vega_lite_chart")) == 5 + 2
    recall = at.dataframe[0].value  # recall per person: only Marc's team, everyone who practised
    assert set(recall["Team"]) == {"Riverside store"} and set(recall["Person"]) <= demo_people(db, "Riverside store")
    # The completion figure agrees with the stored attempts: the assigned module, passed, out of ten people.
    passed = db.execute(
        "SELECT COUNT(DISTINCT a.user_id) FROM attempts a JOIN users u ON u.id = a.user_id"
        " JOIN teams t ON t.id = u.team_id WHERE a.passed AND t.name = 'Riverside store'"
        " AND a.module_id = 'emotional-intelligence'"
    ).fetchone()[0]
    assert at.metric[0].value == f"{100 * passed / 10:.0f} %"
    assert len(late) == 10 - passed - 1  # everyone else but Alice is late


def test_a_persons_detail_lists_attempts_and_missed_questions(academy: Path) -> None:
    at = signed_in(academy, "marc", "pages/measure/team.py")
    db = store.engine.connect(academy)
    busy = db.execute(
        "SELECT u.id FROM users u JOIN attempts a ON a.user_id = u.id JOIN teams t ON t.id = u.team_id"
        " WHERE t.name = 'Riverside store' GROUP BY u.id ORDER BY COUNT(*) DESC LIMIT 1"
    ).fetchone()[0]
    at.selectbox(key="person").set_value(busy).run()
    assert not at.exception
    labels = [m.label for m in at.metric]
    assert labels[-3:] == ["Modules passed", "Quiz attempts", "Sections read"] and int(at.metric[-2].value) > 0
    assert any("Attempt" in table.value.columns for table in at.dataframe)  # the person's attempts


def test_trainer_sees_every_team(academy: Path) -> None:
    at = signed_in(academy, "theo", "pages/measure/team.py")
    db = store.engine.connect(academy)
    assert len(at.selectbox[0].options) == 4  # all teams, then each of the three
    assert set(at.selectbox(key="person").options) == demo_people(db) and len(demo_people(db)) == 30
    org = signed_in(academy, "theo", "pages/measure/organisation.py")
    teams = {"Riverside store", "Old Town store", "Customer contact centre"}
    assert set(org.dataframe[0].value["Team"]) == teams
    assert len(org.get("vega_lite_chart")) == 2 and not org.exception  # the Teams tab; the others run when opened
    org.session_state["organisation-view"] = "Practices"
    org.run()
    assert set(org.dataframe[0].value["Team"]) == teams  # the practices per team
    assert len(org.get("vega_lite_chart")) == 2 and not org.exception
    org.session_state["organisation-view"] = "Recall"
    org.run()
    assert len(org.get("vega_lite_chart")) == 2 and not org.exception
    assert "How well each team remembers what it passed, from the daily practice." in [c.value for c in org.caption]


def test_measurement_pages_refresh_after_a_submission(academy: Path) -> None:
    at = signed_in(academy, "marc", "pages/measure/team.py")
    before = [m.value for m in at.metric[:4]]  # the headline figures
    db = store.engine.connect(academy)
    alice = store.accounts.user_by_username(db, "alice")["id"]
    from modules.learning import learner

    welcome = module_by_id(load_catalog(Path(os.environ["ACADEMY_CONTENT"])), "welcome")
    learner.submit_quiz(db, alice, welcome, 1, {q.id: set(q.correct) for q in welcome.questions})
    at.run()
    assert [m.value for m in at.metric[:4]] != before  # the cache is keyed on the data, so a pass shows at once


def test_content_status_lists_problems_without_hiding_valid_modules(academy: Path, content_dir: Path) -> None:
    write_module(content_dir / "en", "09-broken.md", "---\ntitle: Broken\n---\n## A\n\ntext\n")
    at = signed_in(academy, "theo", "pages/author/content_status.py")
    assert [m.value for m in at.metric] == ["17", "16", "1"]  # eight modules in two languages, and the broken one
    assert "09-broken.md:1: missing required front-matter key 'summary'" in at.code[0].value
    table = at.dataframe[0].value
    english = table[table["File"].str.startswith("en/0") & (table["File"] != "en/09-broken.md")]
    assert list(english["Status"]) == ["valid"] * 8 and list(english["Languages"]) == ["en, fr"] * 8
    broken = table[table["File"] == "en/09-broken.md"].iloc[0]
    assert broken["Id"] == "—" and "09-broken.md:1: missing required front-matter key 'summary'" in broken["Status"]
    assert "Every module exists in every language." in [c.value for c in at.caption]


def test_raw_html_in_a_module_is_shown_as_text(academy: Path, content_dir: Path) -> None:
    write_module(
        content_dir / "en",
        "00-html.md",
        "---\ntitle: Html\nsummary: S\n---\n## Read\n\n<script>alert('x')</script>\n\nHi <b>there</b>\n",
    )
    at = signed_in(academy, "alice", "pages/learn/module.py", module="html")
    shown = "\n".join(m.value for m in at.markdown)
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in shown and "Hi &lt;b&gt;there&lt;/b&gt;" in shown
    assert "<script>" not in shown and "<b>" not in shown


def test_a_file_that_is_not_an_image_shows_a_caption_and_the_rest_of_the_section(
    academy: Path, content_dir: Path
) -> None:
    (content_dir / "en" / "img").mkdir(exist_ok=True)
    (content_dir / "en" / "img" / "bad.png").write_text("<html>not an image</html>")
    write_module(
        content_dir / "en",
        "00-pictures.md",
        "---\ntitle: Pictures\nsummary: S\n---\n## Look\n\nBefore.\n\n![Map](img/bad.png)\n\nAfter the picture.\n",
    )
    at = signed_in(academy, "alice", "pages/learn/module.py", module="pictures")
    assert not at.exception
    assert "(missing image: img/bad\\.png)" in texts(at) and "After the picture." in texts(at)  # shown as text


def test_a_trainers_edit_appears_without_restart(academy: Path, content_dir: Path) -> None:
    at = signed_in(academy, "alice")
    path = content_dir / "en" / "01-welcome.md"
    path.write_text(path.read_text().replace("title: Welcome to the academy", "title: Welcome aboard"))
    at.run()
    assert at.subheader[0].value == "Welcome aboard"


def test_a_manager_of_one_team_is_not_offered_all_teams(academy: Path) -> None:
    at = signed_in(academy, "marc", "pages/together/debriefing.py")
    assert at.selectbox(key="skills-team").options == ["Riverside store"]
    at = signed_in(academy, "theo", "pages/together/debriefing.py")
    assert at.selectbox(key="skills-team").options[0] == "All teams"


def test_content_status_does_not_show_the_servers_folder(academy: Path, content_dir: Path) -> None:
    at = signed_in(academy, "theo", "pages/author/content_status.py")
    assert "Content folder: content/" in texts(at) and str(content_dir.parent) not in texts(at)


def test_the_practice_of_the_day_on_home(academy: Path) -> None:
    at = signed_in(academy, "bruno")
    assert "Practice of the day" in [s.value for s in at.subheader]
    check = next(b for b in at.button if b.key and b.key.startswith("recall:") and b.key.endswith(":check"))
    _prefix, day, module_id, question_id, lang, _check = check.key.split(":")
    module = module_by_id(load_catalog(Path(os.environ["ACADEMY_CONTENT"])), module_id)
    question = next(q for q in module.questions if q.id == question_id)
    key = f"recall:{day}:{module_id}:{question_id}:{lang}"
    check.click().run()
    assert at.warning[0].value == "Choose an answer first."  # nothing recorded for a blank answer
    if question.multiple:
        for i in question.correct:
            at.checkbox(key=f"{key}:{i}").check()
    else:
        at.radio(key=key).set_value(next(iter(question.correct)))
    at.button(key=f"{key}:check").click().run()
    assert any(s.value.startswith("Right: «") for s in at.success) and not at.exception
    db = store.engine.connect(academy)
    bruno = store.accounts.user_by_username(db, "bruno")["id"]
    assert [(r["module_id"], r["question_id"]) for r in store.recall.reviews_on(db, bruno, day)] == [
        (module_id, question_id)
    ]
    assert all(not (b.key or "").startswith(key) for b in at.button)  # the next question is another one


def test_a_practice_answer_survives_a_change_of_language(academy: Path) -> None:
    """Issue 25: the answer chosen in English is still chosen once the page is in French, and counts."""
    at = signed_in(academy, "bruno")
    check = next(b for b in at.button if b.key and b.key.startswith("recall:") and b.key.endswith(":en:check"))
    _prefix, day, module_id, question_id, _lang, _check = check.key.split(":")
    catalog = load_catalog(Path(os.environ["ACADEMY_CONTENT"]))
    question = next(q for q in module_by_id(catalog, module_id).questions if q.id == question_id)
    english, french = f"recall:{day}:{module_id}:{question_id}:en", f"recall:{day}:{module_id}:{question_id}:fr"
    if question.multiple:
        for i in question.correct:
            at.checkbox(key=f"{english}:{i}").check()
    else:
        at.radio(key=english).set_value(next(iter(question.correct)))
    at.run()
    at.selectbox(key="language-choice").select("fr").run()
    assert not at.exception
    if question.multiple:
        assert all(at.checkbox(key=f"{french}:{i}").value for i in question.correct)
    else:
        assert at.radio(key=french).value == next(iter(question.correct))
    at.button(key=f"{french}:check").click().run()
    assert any(s.value.startswith("Juste : «") for s in at.success), [s.value for s in at.success]
    prompt = (
        module_by_id(catalog, module_id, "fr")
        .questions[[q.id for q in module_by_id(catalog, module_id).questions].index(question_id)]
        .prompt
    )
    shown = next(s.value for s in at.success if s.value.startswith("Juste"))
    assert as_shown(prompt, "fr") in shown  # the feedback keeps the French typography of the question


def test_an_unusable_data_folder_is_said_in_words_not_a_generic_error(
    tmp_path: Path, monkeypatch, content_dir: Path
) -> None:
    """A data folder that cannot be created or a database that cannot be opened: the sign-in page says what
    is wrong and to tell the administrator, instead of "This app has encountered an error"."""
    import streamlit as st

    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the data folder should be")
    for target in (blocked / "academy.db", tmp_path):  # a folder that cannot be made; a folder, not a database
        monkeypatch.setenv("ACADEMY_DB", str(target))
        monkeypatch.setenv("ACADEMY_CONTENT", str(content_dir))
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=30).run()
        assert not at.exception
        assert any("cannot use its data right now" in e.value for e in at.error), [e.value for e in at.error]


def chosen_in_widgets(at: AppTest, lang: str) -> dict[str, set[int]]:
    module = module_by_id(load_catalog(Path(os.environ["ACADEMY_CONTENT"])), "welcome", lang)
    found = {}
    for question in module.questions:
        key = f"q:welcome:{lang}:1:{question.id}"
        if question.multiple:
            found[question.id] = {i for i in range(len(question.options)) if at.checkbox(key=f"{key}:{i}").value}
        else:
            value = at.radio(key=key).value
            found[question.id] = set() if value is None else {value}
    return found


def test_switching_language_mid_quiz_keeps_every_answer_shown_in_the_new_language(academy: Path) -> None:
    """The radios vanished, a checkbox stayed ticked and the next click crashed (a radio keeps its choice by
    its text, which the switch changes). The answers now stay, shown in French, and back in English."""
    at = open_quiz(academy)
    chosen = right("welcome")
    answer(at, "welcome", 1, chosen)
    at.run()
    at.selectbox(key="language-choice").set_value("fr").run()
    assert not at.exception and at.header[0].value == "Questionnaire"
    assert chosen_in_widgets(at, "fr") == chosen
    first = next(iter(chosen))
    other = {0 if chosen[first] != {0} else 1}
    answer(at, "welcome", 1, {**chosen, first: other}, "fr")  # a change made in French
    at.run()
    at.selectbox(key="language-choice").set_value("en").run()
    assert not at.exception
    assert chosen_in_widgets(at, "en") == {**chosen, first: other}  # kept, back in English
    answer(at, "welcome", 1, chosen)
    at.button(key="submit-welcome-1").click().run()
    assert "You scored **100 %** (pass mark 80 %): passed." in [s.value for s in at.success]


def test_jumping_to_the_quiz_from_the_contents_marks_nothing_read(academy: Path) -> None:
    """After a few visits every section was ticked though one was read: a jump is not a read."""
    at = signed_in(academy, "alice", "pages/learn/module.py", module="welcome")
    with store.engine.opened(academy) as db:
        alice = store.accounts.user_by_username(db, "alice")["id"]
        before = store.learning.sections_read(db, alice).get("welcome", set())
    at.sidebar.button(key="toc-quiz").click().run()
    at.sidebar.button(key="toc-0").click().run()
    at.sidebar.button(key="toc-quiz").click().run()
    with store.engine.opened(academy) as db:
        assert store.learning.sections_read(db, alice).get("welcome", set()) == before


def test_a_failed_attempt_hides_the_right_answers_until_a_pass(academy: Path, content_dir: Path) -> None:
    """A failed quiz's review marked every right answer just above "Retake the quiz", so a retake was passed by
    reading them. Now they show after a pass, or when the module says `show_answers: true`."""
    at = open_quiz(academy)
    module = module_by_id(load_catalog(Path(os.environ["ACADEMY_CONTENT"])), "welcome")
    wrong = {q.id: {next(i for i in range(len(q.options)) if i not in q.correct)} for q in module.questions}
    answer(at, "welcome", 1, wrong)
    at.button(key="submit-welcome-1").click().run()
    shown = " ".join(m.value for m in at.markdown)
    assert "correct answer, not chosen" not in shown and "your answer:" in shown
    assert any(i.value.startswith("The right answers are shown once you pass") for i in at.info)

    path = content_dir / "en" / "01-welcome.md"
    path.write_text(path.read_text(encoding="utf-8").replace("---\n", "---\nshow_answers: true\n", 1), encoding="utf-8")
    again = open_quiz(academy)
    assert "correct answer, not chosen" in " ".join(m.value for m in again.markdown)


def test_an_assigned_module_locked_by_a_prerequisite_links_to_where_to_start(academy: Path) -> None:
    """Home said "Pass «Welcome to the academy» first" with no link to it (on a phone, no action at all)."""
    from datetime import UTC, datetime, timedelta

    from modules.learning import assignments

    db = store.engine.connect(academy)
    theo, alice = (store.accounts.user_by_username(db, name)["id"] for name in ("theo", "alice"))
    now = datetime.now(UTC)
    done = assignments.assign(
        db, theo, ["emotional-intelligence"], [], [alice], (now + timedelta(days=3)).date(), None, now
    )
    assert done.created == 1
    home = signed_in(academy, "alice")
    links = [(link.proto.label, link.proto.page) for link in home.main.get("page_link")]
    assert any(label == "Start there" for label, _page in links), links


def test_a_head_office_of_many_teams_finds_any_team_and_reads_its_ends(academy: Path) -> None:
    db = store.engine.connect(academy)
    for n in range(30):
        team = store.accounts.add_team(db, f"Franchise {n:02d}")
        store.accounts.add_user(db, f"franchise{n:02d}", f"Person {n:02d}", "x", "employee", team)
    org = signed_in(academy, "theo", "pages/measure/organisation.py")
    assert not org.exception and len(org.dataframe[0].value) == 25  # a page of the 33 teams
    assert "1–25 of 33" in [c.value for c in org.caption]
    assert "The 10 lowest and 10 highest of 33 teams; the table finds any other." in [c.value for c in org.caption]
    assert len(org.get("vega_lite_chart")) == 3  # the two ends, the spread of every team, modules that stall
    org.button(key="organisation-teams-next").click().run()
    assert len(org.dataframe[0].value) == 8 and "26–33 of 33" in [c.value for c in org.caption]
    org.text_input(key="organisation-team-search").input("river").run()
    assert list(org.dataframe[0].value["Team"]) == ["Riverside store"]  # back to the first page of what matches
    org.text_input(key="organisation-team-search").input("nowhere").run()
    assert "No team's name holds «nowhere»." in [i.value for i in org.info] and not org.exception


def test_a_head_office_trainer_picks_one_team_at_a_time_on_team_progress(academy: Path) -> None:
    """With every team of a head office, "All teams" on Team progress took 17 s at 100,000 people: past 20
    teams the page shows one team (searchable) and points to Organisation for every team together."""
    db = store.engine.connect(academy)
    for n in range(25):
        store.accounts.add_team(db, f"Franchise {n:02d}")
    at = signed_in(academy, "theo", "pages/measure/team.py")
    picker = at.selectbox[0]
    assert "All teams" not in picker.options and len(picker.options) == 28 and not at.exception
    assert "28 teams: type to find one. Every team together is on the Organisation page." in [
        c.value for c in at.caption
    ]
