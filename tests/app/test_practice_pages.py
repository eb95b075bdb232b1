"""The practice pages in the portal, for each role: what each sees, the cycles, what stays hidden."""

from __future__ import annotations

from pathlib import Path

from modules import store
from modules.practices import mirror
from tests.helpers import open_tab, signed_in


def submit(at, form: str):
    return next(b for b in at.button if b.key and b.key.startswith(f"FormSubmitter:{form}-")).click().run()


def ids(db_path: Path, *names: str) -> list[int]:
    db = store.engine.connect(db_path)
    return [store.accounts.user_by_username(db, name)["id"] for name in names]


def test_the_debriefing_cycle(academy: Path) -> None:
    alice, bruno = ids(academy, "alice", "bruno")
    at = signed_in(academy, "alice", "pages/together/debriefing.py")
    at.text_area(key="self-example").input("I walked a lost tourist to the pharmacy.")
    submit(at, "self-form")
    assert at.error[0].value == "Choose the level you observed, from 1 to 4."
    assert at.text_area(key="self-example").value == "I walked a lost tourist to the pharmacy."  # kept
    at.radio(key="self-level").set_value(3)
    submit(at, "self-form")
    assert not at.error and at.success[0].value == "Saved. Thank you."
    at.selectbox(key="ask-peer").set_value(bruno)
    at.button(key="ask-button").click().run()
    assert at.success[0].value.startswith("Bruno Petit will find your request")

    peer = signed_in(academy, "bruno", "pages/together/debriefing.py")
    request = next(
        r for r in store.debriefing.open_requests(store.engine.connect(academy), bruno) if r["subject_id"] == alice
    )
    peer.radio(key=f"peer-{request['id']}-level").set_value(2)
    peer.text_area(key=f"peer-{request['id']}-example").input("She smiled but kept typing for a while.")
    submit(peer, f"peer-{request['id']}")
    assert not peer.error

    manager = signed_in(academy, "marc", "pages/together/debriefing.py")
    manager.selectbox(key="debrief-person").set_value(alice).run()
    manager.radio(key=f"manager-{alice}-level").set_value(3)
    manager.text_area(key=f"manager-{alice}-went_well").input("You noticed the tourist before she asked.")
    manager.text_area(key=f"manager-{alice}-differently").input("Look up from the till a little sooner.")
    manager.checkbox(key=f"manager-{alice}-recognition").check()
    submit(manager, f"manager-{alice}")
    assert not manager.error and manager.success

    home = signed_in(academy, "alice")
    assert any(m.value.startswith("**Well done and thank you** — Marc Dubois") for m in home.markdown)
    assert "You noticed the tourist before she asked." in [t.value for t in home.text]
    mine = signed_in(academy, "alice", "pages/together/debriefing.py")
    assert {"She smiled but kept typing for a while.", "Look up from the till a little sooner."} <= {
        t.value for t in mine.text
    }
    other = signed_in(academy, "nadia", "pages/together/debriefing.py")
    assert alice not in other.selectbox(key="debrief-person").options  # another team's person


def test_the_mirror_survey_cycle(academy: Path) -> None:
    at = signed_in(academy, "alice", "pages/together/mirror.py")
    survey = store.surveys.open_survey(store.engine.connect(academy))["id"]
    at.radio(key=f"survey-{survey}-welcome").set_value(4)
    submit(at, f"survey-{survey}")
    assert at.error[0].value.startswith("Answer every question")
    assert at.radio(key=f"survey-{survey}-welcome").value == 4  # kept
    for key, value in (("listened", 3), ("recognised", 5), ("recommend", 9)):
        at.radio(key=f"survey-{survey}-{key}").set_value(value)
    submit(at, f"survey-{survey}")
    assert not at.error and at.success[0].value.startswith("Thank you: your answers are in.")
    again = signed_in(academy, "alice", "pages/together/mirror.py")
    assert not again.radio  # answered once, no second form
    assert again.subheader[-1].value == "Your team's results" and again.metric[0].label == "eNPS (employees)"
    ugo = signed_in(academy, "ugo", "pages/together/mirror.py")  # the contact centre: 4 answers in the open survey
    assert ugo.warning[0].value.startswith("Fewer than 5 employees of this team answered")
    assert ugo.metric[0].value == "—" and ugo.metric[1].value != "—"  # customers are shown

    manager = signed_in(academy, "marc", "pages/together/mirror.py")
    assert manager.selectbox(key="results-team").options == ["Riverside store"]
    assert [m.label for m in manager.metric] == ["eNPS (employees)", "NPS (customers)"]
    trainer = signed_in(academy, "theo", "pages/together/mirror.py")
    trainer.selectbox(key="results-team").set_value(
        next(
            t["id"]
            for t in store.measurement.visible_teams(
                store.engine.connect(academy),
                store.accounts.user_by_username(store.engine.connect(academy), "theo")["id"],
            )
            if t["name"] == "Customer contact centre"
        )
    ).run()
    assert trainer.warning[0].value.startswith("Fewer than 5 employees of this team answered")
    assert trainer.metric[0].value == "—"
    agreement, recommendation = (t.value for t in trainer.dataframe if "Team" in t.value.columns)  # a scale each
    assert set(recommendation["Question"]) == {"How likely are you to recommend us to a friend?"}
    assert "How likely are you to recommend us to a friend?" not in set(agreement["Question"])
    shown = set(agreement.astype(str).values.ravel()) | set(recommendation.astype(str).values.ravel())
    assert "None" not in shown and "nan" not in shown and "hidden (too few answers)" in shown


def test_a_trainer_starts_a_new_survey(academy: Path) -> None:
    before = store.surveys.open_survey(store.engine.connect(academy))["id"]
    at = signed_in(academy, "theo", "pages/together/mirror.py")
    at.button(key="survey-start").click().run()
    assert at.error[0].value == "Give the survey a title of 3 to 120 characters."
    at.text_input(key="survey-title").input("Mirror survey, winter")
    at.button(key="survey-start").click().run()
    current = store.surveys.open_survey(store.engine.connect(academy))
    assert current["title"] == "Mirror survey, winter" and current["id"] != before
    assert at.success[0].value == "The survey is open: employees find it on this page."
    assert "«Mirror survey, winter»" in at.info[0].value  # the page shows the new survey as the open one
    at.run()
    pickers = [box for box in at.selectbox if box.label == "Survey"]  # results, customer answers
    assert pickers and all(box.value == current["id"] for box in pickers)  # not the one chosen before
    # The template came with its French texts: a French employee is asked in French, an English one in English.
    db = store.engine.connect(academy)
    store.accounts.set_language(db, store.accounts.user_by_username(db, "alice")["id"], "fr")
    french = signed_in(academy, "alice", "pages/together/mirror.py")
    assert "Je me sens bien accueilli quand j'arrive au travail." in [r.label.replace("\\", "") for r in french.radio]
    english = signed_in(academy, "bruno", "pages/together/mirror.py")
    assert "I feel welcome when I arrive at work." in [r.label.replace("\\", "") for r in english.radio]


def test_a_survey_question_left_blank_in_a_language_reads_the_main_text(org) -> None:
    db, ids, _ = org
    questions = mirror.from_editor(
        [
            {
                "key": "welcome",
                "employee_text": "Welcome at work?",
                "customer_text": "Welcome here?",
                "scale": "agree",
                "employee_text_fr": "Accueilli au travail ?",
                "customer_text_fr": "Accueilli ici ?",
            },
            {
                "key": "recommend",
                "employee_text": "Recommend us?",
                "customer_text": "Recommend us to a friend?",
                "scale": "recommend",
                "employee_text_fr": "",
                "customer_text_fr": "",
            },
        ],
        ["fr"],
    )
    assert mirror.definition_problems("Wave", questions) == []
    survey = store.surveys.create_survey(db, "Wave", questions, ids["tess"])
    french = store.surveys.survey_questions(db, survey, "fr")
    assert [q["customer_text"] for q in french] == ["Accueilli ici ?", "Recommend us to a friend?"]
    assert [q["customer_text"] for q in store.surveys.survey_questions(db, survey, "en")] == [
        "Welcome here?",
        "Recommend us to a friend?",
    ]
    main = store.surveys.survey_questions(db, survey, "en")
    beside = mirror.translations_beside(main, {"fr": french})
    assert mirror.editor_rows(main, beside, ["fr"])[1]["customer_text_fr"] == ""  # no translation, none shown
    half = mirror.from_editor([{**questions[0], "employee_text_fr": "Accueilli ?", "customer_text_fr": ""}], ["fr"])
    assert "A translation gives both texts, each in 5 to 300 characters, or neither." in mirror.definition_problems(
        "W", half
    )


def test_the_best_failure_cycle(academy: Path) -> None:
    at = signed_in(academy, "alice", "pages/together/stories.py")
    at.text_input(key="story-title").input("The umbrella")
    at.text_area(key="story-happened").input("A customer came in soaked; her taxi had left without her.")
    submit(at, "new-story")
    assert at.error[0].value.startswith("Tell each part") and at.text_input(key="story-title").value == "The umbrella"
    at.text_area(key="story-did").input("I called her another taxi and lent her the shop umbrella.")
    at.text_area(key="story-said").input("She came back to return it and bought a coat.")
    submit(at, "new-story")
    assert not at.error
    handle = store.engine.connect(academy)
    story = next(
        s
        for s in store.stories.stories_for(handle, store.accounts.user_by_username(handle, "theo")["id"])
        if s["title"] == "The umbrella"
    )
    assert "The umbrella" not in " ".join(
        m.value for m in signed_in(academy, "karine", "pages/together/stories.py").markdown
    )
    assert "The umbrella" not in " ".join(
        m.value for m in signed_in(academy, "nadia", "pages/together/stories.py").markdown
    )

    manager = signed_in(academy, "marc", "pages/together/stories.py")
    manager.button(key=f"approve-{story['id']}").click().run()
    assert [s.value for s in manager.success] == ["«The umbrella» is published: everyone sees it now."]
    manager.button(key=f"pin-{story['id']}").click().run()
    assert not manager.success  # said once
    home = signed_in(academy, "karine")
    assert ":material/push_pin: **The umbrella**" in [m.value for m in home.markdown]
    colleague = signed_in(academy, "karine", "pages/together/stories.py")
    colleague.button(key=f"thank-{story['id']}").click().run()
    assert colleague.button(key=f"thank-{story['id']}").label == "Thanked (1)"
    assert colleague.button(key=f"thank-{story['id']}").disabled


def test_content_status_reports_a_broken_rubric_and_skills_without_one(academy: Path, content_dir: Path) -> None:
    path = content_dir / "_skills" / "fr.md"
    path.write_text("## Accueil {#welcome}\n1. un\n2. deux\n", encoding="utf-8")
    at = signed_in(academy, "theo", "pages/author/content_status.py")
    assert any("_skills/fr.md:1: skill 'Accueil' has 2 level(s)" in c.value for c in at.code)
    assert any(
        w.value.startswith("Skills trained by modules but with no rubric yet:") and "empathy, ending" in w.value
        for w in at.warning
    )


def test_a_trainer_edits_the_rubrics_and_a_broken_text_is_kept_not_saved(academy: Path, content_dir: Path) -> None:
    path = content_dir / "_skills" / "en.md"
    before = path.read_text()
    at = signed_in(academy, "theo", "pages/together/debriefing.py")
    at.text_area(key="rubric-text-en").input("## Welcome {#welcome}\n1. only one level\n").run()
    assert at.warning[0].value.startswith("Line 1: skill 'Welcome' has 1 level")
    at.button(key="rubric-save").click().run()
    assert at.error[0].value.startswith("Not saved") and path.read_text() == before
    assert at.text_area(key="rubric-text-en").value.startswith("## Welcome {#welcome}\n1. only one level")
    fixed = before.replace("The customer waits to be noticed", "The customer waits, unnoticed")
    at.text_area(key="rubric-text-en").input(fixed).run()
    at.button(key="rubric-save").click().run()
    assert at.success and path.read_text() == fixed


def test_the_practices_figures_follow_a_new_debriefing(academy: Path) -> None:
    at = open_tab(signed_in(academy, "marc", "pages/measure/team.py"), "team-view", "Practices")
    debriefed = lambda: next(m.value for m in at.metric if m.label == "People debriefed")
    before = debriefed()
    alice, marc = ids(academy, "alice", "marc")
    assert store.debriefing.add_rating(store.engine.connect(academy), alice, marc, "manager", "welcome", 3)
    at.run()
    assert debriefed() == f"{int(before.split()[0]) + 10} %"  # Alice is one of ten people, never debriefed before


def test_a_managers_home_says_what_waits_for_an_answer(academy: Path) -> None:
    labels = [link.proto.label for link in signed_in(academy, "marc").main.get("page_link")]
    assert {"A story waits for your approval", "A new suggestion waits for your answer"} <= set(labels)  # David, Hugo
    nadia = [link.proto.label for link in signed_in(academy, "nadia").main.get("page_link")]
    assert not any("waits for your" in label for label in nadia)  # nothing waits in her team


def test_the_suggestion_cycle_in_the_portal(academy: Path) -> None:
    at = signed_in(academy, "alice", "pages/together/suggestions.py")
    submit = "FormSubmitter:new-suggestion-Send my suggestion"
    at.text_input(key="suggestion-title").input("Faster returns desk")
    at.button(key=submit).click().run()
    assert (
        at.error[0].value.startswith("Describe your idea")
        and at.text_input(key="suggestion-title").value == "Faster returns desk"
    )  # what was typed is kept
    too_long = "Customers wait at returns. " * 100  # 2,700 characters, over the 2,000 limit
    at.text_area(key="suggestion-body").input(too_long)
    at.button(key=submit).click().run()
    assert at.error[0].value.startswith("Describe your idea in 10 to 2,000 characters")
    assert at.text_area(key="suggestion-body").value == too_long  # kept whole, not emptied or cut
    assert at.text_area(key="suggestion-body").help == "Up to 2000 characters."  # the limit, said before sending
    assert any("700 over the limit of 2000" in c.value for c in at.caption)
    at.text_area(key="suggestion-body").input("Customers wait 15 minutes at returns; a second till would help.")
    at.button(key=submit).click().run()
    assert not at.error and "**Faster returns desk**" in [m.value for m in at.markdown]
    manager = signed_in(academy, "marc", "pages/together/suggestions.py")
    assert manager.subheader[0].value == "Suggestions from your teams"
    manager.selectbox[0].set_value("done")
    manager.text_area[0].input("A second till opens on Saturdays from next week.")  # the team comes first
    manager.button(
        key=next(b.key for b in manager.button if b.key and b.key.startswith("FormSubmitter:answer-"))
    ).click().run()
    closed = signed_in(academy, "marc", "pages/together/suggestions.py")
    done = closed.get("expander")
    assert [e.label for e in done if e.label == "Change the answer"]  # a settled idea folds its answer form away
    assert [s.value for s in closed.subheader][:2] == ["Suggestions from your teams", "Your suggestions"]
    home = signed_in(academy, "alice")
    news = [p.proto.label for p in home.main.get("page_link") if "has an answer" in p.proto.label]
    assert news == ["Your suggestion «Faster returns desk» has an answer: done"]
    back = signed_in(academy, "alice", "pages/together/suggestions.py")
    assert any("A second till opens on Saturdays" in i.value for i in back.info)
    again = signed_in(academy, "alice")
    assert not [p for p in again.main.get("page_link") if "has an answer" in p.proto.label]  # told once
    other = signed_in(academy, "nadia", "pages/together/suggestions.py")
    assert "Faster returns desk" not in "\n".join(m.value for m in other.markdown)


def test_a_long_list_of_stories_shows_ten_then_more_on_request(academy: Path) -> None:
    with store.engine.opened(academy) as db:
        marc, bruno, alice = (store.accounts.user_by_username(db, name)["id"] for name in ("marc", "bruno", "alice"))
        for n in range(12):
            story = store.stories.add_story(db, bruno, f"Story number {n}", "It happened.", "I did it.", "Thanks!")
            store.stories.review_story(db, story, marc, True)
        published = [s["title"] for s in store.stories.stories_for(db, alice) if s["status"] == "approved"]
        page, total = store.stories.published(db, alice, 10)  # the page is fetched in SQL, not cut in Python
        assert [s["title"] for s in page] == published[:10] and total == len(published)
    at = signed_in(academy, "alice", "pages/together/stories.py")
    shown = lambda: sum(1 for m in at.markdown if m.value.strip("*").split("*")[0] in published)
    assert shown() == 10 and len(published) > 12
    more = next(b for b in at.button if b.label.startswith("Show "))
    assert more.label == f"Show {min(10, len(published) - 10)} more"
    more.click().run()
    assert shown() == min(20, len(published))


def default_tab(at) -> int | None:
    """The tab a page opens on: the tab container's default, as the browser receives it."""

    def walk(node):
        proto = getattr(node, "proto", None)
        if proto is not None and type(proto).__name__ == "Block" and proto.HasField("tab_container"):
            return proto.tab_container.default_tab_index
        return next((found for c in getattr(node, "children", {}).values() if (found := walk(c)) is not None), None)

    return walk(at._tree)


def test_homes_rating_link_opens_the_colleagues_requests(academy: Path) -> None:
    home = signed_in(academy, "alice")  # Chloé waits for her rating in the demo
    link = next(p for p in home.main.get("page_link") if "for your rating" in p.proto.label)
    assert link.proto.query_string == "tab=requests"
    page = signed_in(academy, "alice", "pages/together/debriefing.py", tab="requests")
    assert default_tab(page) == 3 and page.tabs[3].label.startswith("Colleagues' requests")
    assert default_tab(signed_in(academy, "bruno", "pages/together/debriefing.py")) == 0
