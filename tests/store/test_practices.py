"""The practices' store and computations against hand-computed values: rights, NPS, gaps, anonymity, CSV."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest

from modules import store
from modules.authoring import rubrics
from modules.content import rubric
from modules.measurement import practice_figures
from modules.practices import debriefing, mirror, survey_import
from modules.store import dialect

QUESTIONS = [
    {"key": "welcome", "employee_text": "I feel welcome.", "customer_text": "I felt welcome.", "scale": "agree"},
    {
        "key": "recommend",
        "employee_text": "Recommend us as an employer?",
        "customer_text": "Recommend us to a friend?",
        "scale": "recommend",
    },
]


# --- debriefing ---------------------------------------------------------------


def test_who_may_rate_whom(org) -> None:
    db, ids, _ = org
    assert store.debriefing.add_rating(
        db, ids["ann"], ids["ann"], "self", "welcome", 3, example="I greeted a lost tourist."
    )
    assert store.debriefing.add_rating(db, ids["ann"], ids["amy"], "self", "welcome", 3) is None  # not one's own
    assert store.debriefing.add_rating(db, ids["ann"], ids["amy"], "peer", "welcome", 2) is None  # not asked
    assert not store.debriefing.request_peer(db, ids["ann"], ids["bob"], "welcome")  # another team
    assert store.debriefing.request_peer(db, ids["ann"], ids["amy"], "welcome")
    assert store.debriefing.request_peer(db, ids["ann"], ids["amy"], "welcome")  # a double click
    assert len(store.debriefing.open_requests(db, ids["amy"])) == 1
    assert store.debriefing.add_rating(
        db, ids["ann"], ids["amy"], "peer", "welcome", 2, example="Smiled, but kept typing."
    )
    assert (
        store.debriefing.add_rating(db, ids["ann"], ids["amy"], "peer", "welcome", 2) is None
    )  # the request is answered
    assert store.debriefing.add_rating(db, ids["ann"], ids["max"], "manager", "welcome", 3) is None  # not her manager
    assert store.debriefing.add_rating(
        db, ids["ann"], ids["mia"], "manager", "welcome", 3, went_well="x" * 10, differently="y" * 10, recognition=True
    )
    with pytest.raises(store.dialect.INTEGRITY_ERRORS):  # the schema keeps levels within 1 to 4
        store.debriefing.add_rating(db, ids["ann"], ids["ann"], "self", "welcome", 5)


def test_a_persons_ratings_are_read_by_them_and_their_manager_only(org) -> None:
    db, ids, _ = org
    store.debriefing.request_peer(db, ids["ann"], ids["amy"], "welcome")
    store.debriefing.add_rating(db, ids["ann"], ids["amy"], "peer", "welcome", 2)
    store.debriefing.add_rating(db, ids["ann"], ids["mia"], "manager", "welcome", 4, recognition=True)
    kinds = lambda viewer: sorted(r["kind"] for r in store.debriefing.ratings_of(db, ids[viewer], ids["ann"]))
    assert kinds("ann") == kinds("mia") == ["manager", "peer"]
    assert kinds("amy") == kinds("max") == kinds("tess") == kinds("bob") == []
    assert store.debriefing.person_skill_levels(db, ids["max"], ids["ann"]) == []
    assert [r["manager"] for r in store.debriefing.recognitions(db, ids["ann"])] == ["Mia"]


def test_levels_take_each_raters_latest_and_average_the_team(org) -> None:
    db, ids, teams = org
    store.debriefing.add_rating(db, ids["ann"], ids["ann"], "self", "welcome", 2, stamp="2026-01-01 10:00:00")
    store.debriefing.add_rating(
        db, ids["ann"], ids["ann"], "self", "welcome", 4, stamp="2026-02-01 10:00:00"
    )  # replaces 2
    store.debriefing.add_rating(db, ids["amy"], ids["amy"], "self", "welcome", 1)
    store.debriefing.add_rating(db, ids["ann"], ids["mia"], "manager", "welcome", 3)
    mine = {
        (r["skill"], r["kind"]): r["level"] for r in store.debriefing.person_skill_levels(db, ids["ann"], ids["ann"])
    }
    assert mine == {("welcome", "self"): 4, ("welcome", "manager"): 3}
    team = store.debriefing.team_skill_levels(db, store.scope.Scope(ids["mia"]))
    assert {(r["kind"], r["level"], r["people"]) for r in team} == {("self", 2.5, 2), ("manager", 3.0, 1)}
    assert store.debriefing.team_skill_levels(db, store.scope.Scope(ids["max"])) == []


def test_gaps_between_views() -> None:
    views = debriefing.skill_views(
        [
            {"skill": "welcome", "kind": "self", "level": 4},
            {"skill": "welcome", "kind": "peer", "level": 2},
            {"skill": "welcome", "kind": "manager", "level": 3},
            {"skill": "empathy", "kind": "self", "level": 2},
        ],
        ["welcome", "empathy", "listening"],
    )
    assert [v.gap for v in views] == [1.5, None, None]  # 4 - (2 + 3) / 2; no other view of empathy
    assert [v.worth_talking for v in views] == [True, False, False]
    assert (
        debriefing.skill_views(
            [{"skill": "x", "kind": "self", "level": 2}, {"skill": "x", "kind": "peer", "level": 2.5}], ["x"]
        )[0].worth_talking
        is False
    )


def test_rating_form_validation() -> None:
    assert debriefing.problems(3, {"example": "A real situation."}) == []
    assert len(debriefing.problems(None, {"example": "short"})) == 2
    assert len(debriefing.problems(2, {"went_well": "Fine enough text", "differently": ""})) == 1


# --- rubrics --------------------------------------------------------------------

RUBRIC = """# Skills

## Welcome {#welcome}
First seconds.

1. Waits to be noticed.
2. Greets with a set phrase.
3. Eye contact and a smile.
4. Adapts the welcome to the person.
"""


def test_rubric_parsing_reports_each_broken_skill_by_line() -> None:
    skills, problems = rubric.parse(RUBRIC)
    assert [(s.id, s.name, s.description, len(s.levels)) for s in skills] == [
        ("welcome", "Welcome", "First seconds.", 4)
    ]
    assert problems == []
    broken = RUBRIC + "\n## Listening\n1. one\n2. two\n\n## Welcome again {#welcome}\n1. a\n2. b\n3. c\n4. d\n"
    skills, problems = rubric.parse(broken)
    assert [s.id for s in skills] == ["welcome"]
    assert [(p.line, p.message.split(" ")[0]) for p in problems] == [(11, "skill"), (15, "skill")]
    assert "has 2 level(s)" in problems[0].message and "already used on line 3" in problems[1].message
    assert rubric.parse("no heading at all")[1][0].line == 1


def test_the_shipped_rubrics_cover_every_skill_the_modules_train(content_dir: Path) -> None:
    from modules.content import load_catalog

    named = {s for m in load_catalog(content_dir).modules for s in m.skills}
    for lang in ("en", "fr"):
        skills, problems = rubric.load(content_dir, lang)
        assert problems == [] and rubric.used_without_rubric(skills, named) == []


def test_a_broken_rubric_never_replaces_a_working_one(org, content_dir: Path) -> None:
    db = org[0]
    before = rubric.path_for(content_dir, "en").read_text()
    problems = rubrics.save_rubric(db, content_dir, "en", "## Welcome {#welcome}\n1. only one\n", "tess")
    assert problems and rubric.path_for(content_dir, "en").read_text() == before
    assert rubrics.save_rubric(db, content_dir, "en", RUBRIC, "tess") == []
    assert rubric.path_for(content_dir, "en").read_text() == RUBRIC
    assert {v["text"] for v in store.versions.module_versions(db, ["_skills/en.md"])} == {before, RUBRIC}  # both kept


# --- mirror survey --------------------------------------------------------------


def test_scores_the_standard_way() -> None:
    assert mirror.score(5, 2, 10) == 30
    assert mirror.score(1, 2, 3) == -33
    assert mirror.score(0, 4, 4) == -100 and mirror.score(0, 0, 0) is None


def test_employee_figures_of_small_groups_stay_hidden() -> None:
    assert not mirror.shown("employee", 4) and mirror.shown("employee", 5) and mirror.shown("customer", 1)
    row = lambda team, source, key, responses, mean=None, p=0, d=0: {
        "team": team,
        "source": source,
        "key": key,
        "responses": responses,
        "answers": responses,
        "mean": mean,
        "promoters": p,
        "detractors": d,
    }
    rows = [
        row("A", "employee", "welcome", 5, 4.0),
        row("A", "customer", "welcome", 8, 3.0),
        row("A", "employee", "recommend", 5, p=3, d=1),
        row("A", "customer", "recommend", 4, p=2, d=2),
        row("B", "employee", "welcome", 4, 5.0),
        row("B", "customer", "welcome", 3, 2.0),
    ]
    result = mirror.mirrors(rows, QUESTIONS)
    assert [(m.team, m.key, m.employee, m.customer, m.gap) for m in result] == [
        ("A", "welcome", 4.0, 3.0, 1.0),  # 1 level of 4 = 0.25 of the scale
        ("A", "recommend", 40, 0, 40),  # 40 points of 200 = 0.2 of the scale
        ("B", "welcome", None, 2.0, None),  # 4 employees: hidden
    ]
    assert result[2].employee_hidden


def test_answers_are_stored_without_a_name_and_once(org) -> None:
    db, ids, teams = org
    survey = store.surveys.create_survey(db, "Wave 1", QUESTIONS, ids["tess"])
    assert store.surveys.answer_survey(db, survey, ids["ann"], {"welcome": 4, "recommend": 9}, "2026-11-02")
    assert not store.surveys.answer_survey(db, survey, ids["ann"], {"welcome": 1, "recommend": 0}, "2026-11-02")
    assert (
        "user_id" not in dialect.of(db).columns(db, "survey_responses")
        and store.engine.count(db, "survey_responses") == 1
    )
    second = store.surveys.create_survey(db, "Wave 2", QUESTIONS, ids["tess"])
    assert store.surveys.open_survey(db)["id"] == second
    assert not store.surveys.answer_survey(db, survey, ids["amy"], {"welcome": 4, "recommend": 9}, "2026-11-03")


def test_results_are_scoped_and_computed(org) -> None:
    db, ids, teams = org
    survey = store.surveys.create_survey(db, "Wave 1", QUESTIONS, ids["tess"])
    for n, (welcome, recommend) in enumerate([(5, 10), (4, 9), (4, 8), (3, 6), (2, 3)]):
        person = store.accounts.add_user(db, f"p{n}", f"P{n}", "h", "employee", teams["A"])
        store.surveys.answer_survey(db, survey, person, {"welcome": welcome, "recommend": recommend}, "2026-11-02")
    store.surveys.import_customer_responses(
        db, survey, "d1", "c.csv", [(teams["B"], "2026-11-02", {"welcome": 1})], ids["tess"]
    )
    mine = store.surveys.question_results(db, store.scope.Scope(ids["mia"]), survey)
    assert {r["team"] for r in mine} == {"A"}
    welcome = next(r for r in mine if r["key"] == "welcome")
    recommend = next(r for r in mine if r["key"] == "recommend")
    assert (welcome["responses"], welcome["mean"]) == (5, 3.6)
    assert (recommend["promoters"], recommend["detractors"], recommend["answers"]) == (2, 2, 5)  # score 0
    everyone = store.surveys.question_results(db, store.scope.Scope(ids["tess"]), survey)
    assert {r["team"] for r in everyone} == {"A", "B"}
    assert store.surveys.question_results(db, store.scope.Scope(ids["ann"]), survey) == []
    assert {r["team"] for r in store.surveys.own_team_results(db, ids["ann"], survey)} == {"A"}  # her own team only
    assert {r["team"] for r in store.surveys.own_team_results(db, ids["bob"], survey)} == {"B"}


# --- customer CSV import --------------------------------------------------------

TEAMS = {"Riverside store": 1, "Old Town store": 2}


def test_a_good_file_imports_every_row() -> None:
    data = b"team,date,welcome,recommend\nRiverside store,2026-11-01,5,10\nold town store,02/11/2026,3,\n"
    parsed = survey_import.parse(data, QUESTIONS, TEAMS)
    assert parsed.problems == []
    assert parsed.rows == [(1, "2026-11-01", {"welcome": 5, "recommend": 10}), (2, "2026-11-02", {"welcome": 3})]


def test_a_bad_file_is_refused_with_its_reason() -> None:
    parsed = survey_import.parse(b"team,when,welcome\nRiverside store,2026-11-01,5\n", QUESTIONS, TEAMS)
    assert parsed.rows == [] and parsed.problems == [(1, "missing columns: {columns}", {"columns": "date, recommend"})]
    assert survey_import.parse(b"", QUESTIONS, TEAMS).problems[0][0] == 1


def test_a_mixed_file_keeps_the_good_rows_and_reports_the_bad_by_line() -> None:
    data = (
        "\ufeffteam;date;welcome;recommend\n"  # BOM and semicolons, as a French spreadsheet saves
        "Riverside store;2026-11-01;5;10\n"  # line 2: good
        "Nowhere;2026-11-01;5;10\n"  # line 3: unknown team
        "Riverside store;yesterday;4;9\n"  # line 4: bad date
        "Riverside store;2026-11-01;6;9\n"  # line 5: out of the 1-5 scale
        "Old Town store;2026-11-03;;11\n"  # line 6: out of the 0-10 scale
        "Old Town store;2026-11-03;;\n"  # line 7: nothing answered
        "Old Town store;2026-11-03;2;0\n"
    ).encode()  # line 8: good
    parsed = survey_import.parse(data, QUESTIONS, TEAMS)
    assert [r[0] for r in parsed.rows] == [1, 2]
    assert [(line, values) for line, _, values in parsed.problems] == [
        (3, {"team": "Nowhere"}),
        (4, {"value": "yesterday"}),
        (5, {"column": "welcome", "value": "6", "low": 1, "high": 5}),
        (6, {"column": "recommend", "value": "11", "low": 0, "high": 10}),
        (7, {}),
    ]


def test_the_same_file_is_not_imported_twice(org) -> None:
    db, ids, teams = org
    survey = store.surveys.create_survey(db, "Wave 1", QUESTIONS, ids["tess"])
    rows = [(teams["A"], "2026-11-01", {"welcome": 4})]
    assert store.surveys.import_customer_responses(db, survey, "same", "c.csv", rows, ids["tess"]) == 1
    assert store.surveys.import_customer_responses(db, survey, "same", "c.csv", rows, ids["tess"]) is None
    assert store.engine.count(db, "survey_responses") == 1


def test_survey_definition_validation() -> None:
    for template in mirror.TEMPLATES.values():
        assert mirror.definition_problems("Wave", list(template)) == []
    assert [q["key"] for q in mirror.TEMPLATES["fr"]] == [q["key"] for q in mirror.TEMPLATES["en"]]
    bad = [dict(q) for q in mirror.TEMPLATE]
    bad[0]["key"], bad[1]["key"], bad[2]["scale"] = "Welcome!", "Welcome!", "recommend"
    assert len(mirror.definition_problems("", bad)) == 3


# --- best failures ----------------------------------------------------------------


def test_a_story_is_seen_by_everyone_only_once_approved(org) -> None:
    db, ids, teams = org
    story = store.stories.add_story(db, ids["ann"], "Late suit", "It came late.", "I drove it over.", "Thanks!")
    seen = lambda name: [s["id"] for s in store.stories.stories_for(db, ids[name])]
    assert seen("ann") == seen("mia") == seen("tess") == [story]
    assert seen("bob") == seen("max") == seen("amy") == []
    assert not store.stories.review_story(db, story, ids["max"], True)
    assert not store.stories.pin_story(db, story, ids["mia"], True)  # not approved yet
    assert store.stories.review_story(db, story, ids["mia"], True, "Lovely.")
    assert seen("bob") == seen("max") == [story]
    assert store.stories.pin_story(db, story, ids["mia"], True)
    assert [s["id"] for s in store.stories.stories_for(db, ids["bob"], pinned_only=True)] == [story]


def test_thanks_count_once_and_never_from_the_author(org) -> None:
    db, ids, teams = org
    story = store.stories.add_story(db, ids["ann"], "Late suit", "It came late.", "I drove it over.", "Thanks!")
    assert not store.stories.thank_story(db, story, ids["bob"])  # not approved yet
    store.stories.review_story(db, story, ids["mia"], True)
    assert store.stories.thank_story(db, story, ids["bob"]) and not store.stories.thank_story(db, story, ids["bob"])
    assert not store.stories.thank_story(db, story, ids["ann"])
    assert store.stories.stories_for(db, ids["bob"])[0]["thanks"] == 1


# --- the measurement figures --------------------------------------------------------


def test_practices_report_figures(org) -> None:
    db, ids, teams = org
    store.debriefing.add_rating(db, ids["ann"], ids["ann"], "self", "welcome", 4)
    store.debriefing.add_rating(db, ids["ann"], ids["mia"], "manager", "welcome", 2, stamp="2026-11-10 10:00:00")
    idea = store.suggestions.add_suggestion(
        db, ids["ann"], "Chairs", "Two chairs by the fitting rooms.", "2026-11-01 10:00:00"
    )
    store.suggestions.answer_suggestion(db, idea, ids["mia"], "done", "Ordered.", "2026-11-04 10:00:00")
    store.suggestions.answer_suggestion(
        db, idea, ids["mia"], "done", "Arrived.", "2026-11-09 10:00:00"
    )  # not the first
    story = store.stories.add_story(
        db, ids["amy"], "Suit", "It came late.", "I drove it over.", "Thanks!", "2026-11-02 10:00:00"
    )
    store.stories.review_story(db, story, ids["mia"], True, stamp="2026-11-03 22:00:00")
    survey = store.surveys.create_survey(db, "Wave", QUESTIONS, ids["tess"], "2026-11-01 09:00:00")
    store.surveys.import_customer_responses(
        db,
        survey,
        "d",
        "c.csv",
        [(teams["A"], "2026-11-02", {"recommend": 10}), (teams["A"], "2026-11-02", {"recommend": 5})],
        ids["tess"],
    )
    report = practice_figures.practices_report(db, ids["mia"], None, 4, datetime(2026, 11, 20, tzinfo=UTC), ["welcome"])
    figures = {f.label: f.value for f in report.figures}
    assert figures["People debriefed"] == 50  # ann of ann and amy
    assert figures["Largest self-view gap"] == 2  # 4 against 2
    assert figures["NPS"] == 0 and figures["eNPS"] is None  # one promoter, one detractor; no employee answer
    assert figures["Days to answer a suggestion"] == 3.0 and figures["Days to review a story"] == 1.5
    row = report.teams[0]
    assert (
        row["team"],
        row["debriefings"],
        row["stories"],
        row["stories_approved"],
        row["suggestions"],
        row["suggestions_answered"],
    ) == ("A", 1, 1, 1, 1, 1)


def test_the_practice_charts_are_valid_vega_lite() -> None:
    from modules.measurement import practice_charts

    views = debriefing.skill_views(
        [{"skill": "welcome", "kind": "self", "level": 4}, {"skill": "welcome", "kind": "manager", "level": 3}],
        ["welcome"],
    )
    practice_charts.skill_views(debriefing.chart_rows(views, {"welcome": "Welcome"})).to_dict()  # validates
    means = practice_charts.mirror_means(
        [
            {"question": "Welcome?", "side": "employee", "mean": 4.2},
            {"question": "Welcome?", "side": "customer", "mean": 3.1},
        ]
    ).to_dict()
    assert means["encoding"]["x"]["axis"]["values"] == [1, 2, 3, 4, 5]  # five ticks on a 1–5 scale, not 21
    trend = practice_charts.recommendation_trend(
        [
            {
                "wave": "2026-11-01",
                "survey": "W",
                "team": "Riverside store",
                "source": "customer",
                "score": 12,
                "answers": 30,
            }
        ]
    ).to_dict()
    encoding = trend["encoding"]
    assert encoding["shape"]["field"] == encoding["strokeDash"]["field"] == "side"  # markers differ, not only dashes
    assert encoding["color"]["legend"]["labelLimit"] == 0  # "Riverside store" in full, not "Riversid"


def test_a_double_click_saves_a_rating_a_story_a_suggestion_and_a_survey_once(org) -> None:
    db, ids, _ = org
    first = store.debriefing.add_rating(
        db, ids["ann"], ids["ann"], "self", "welcome", 3, example="I greeted a lost tourist."
    )
    assert (
        store.debriefing.add_rating(
            db, ids["ann"], ids["ann"], "self", "welcome", 3, example="I greeted a lost tourist."
        )
        == first
    )
    assert (
        store.debriefing.add_rating(
            db, ids["ann"], ids["ann"], "self", "welcome", 4, example="I greeted a lost tourist."
        )
        != first
    )
    story = store.stories.add_story(db, ids["ann"], "Late suit", "It came late.", "I drove it over.", "Thanks!")
    assert store.stories.add_story(db, ids["ann"], "Late suit", "It came late.", "I drove it over.", "Thanks!") == story
    idea = store.suggestions.add_suggestion(db, ids["ann"], "Chairs", "Two chairs by the fitting rooms.")
    assert store.suggestions.add_suggestion(db, ids["ann"], "Chairs", "Two chairs by the fitting rooms.") == idea
    survey = store.surveys.create_survey(db, "Wave 1", QUESTIONS, ids["tess"])
    assert store.surveys.create_survey(db, "Wave 1", QUESTIONS, ids["tess"]) == survey
    assert store.surveys.open_survey(db)["id"] == survey and len(store.surveys.surveys(db)) == 1
    assert (
        store.engine.count(db, "ratings"),
        store.engine.count(db, "stories"),
        store.engine.count(db, "suggestions"),
    ) == (2, 1, 1)
    later = store.stories.add_story(
        db, ids["ann"], "Late suit", "It came late.", "I drove it over.", "Thanks!", stamp="2999-01-01 10:00:00"
    )
    assert later != story  # the same story told again later is a new one


def test_a_trainer_reviews_a_story_and_answers_a_suggestion_that_belong_to_no_team(org) -> None:
    db, ids, _ = org
    other = store.accounts.add_user(db, "tom", "Tom", "h", "trainer")  # trainers have no team
    story = store.stories.add_story(db, other, "At the desk", "It happened.", "I did it.", "Thanks!")
    idea = store.suggestions.add_suggestion(db, other, "Training room", "A quieter room for the sessions.")
    assert store.stories.review_story(db, story, ids["tess"], True)
    assert store.suggestions.answer_suggestion(db, idea, ids["tess"], "under study", "Looking at it.")
    assert not store.stories.review_story(db, story, ids["mia"], True)  # a manager manages teams, not this


def test_a_surveymonkey_file_with_two_header_rows_and_question_text_columns() -> None:
    data = (
        b"Respondent ID,Start Date,Store,I felt welcome when I arrived.,How likely are you to recommend us to a friend?,\n"
        b",,Response,Response,Response,Other (please specify)\n"
        b"1001,2026-11-20 10:15:32,Riverside store,5,9,\n"
        b"1002,2026-11-21 08:01:00,Old Town store,4,7,\n"
    )
    table = survey_import.read_table(data)
    assert table.columns[:3] == ["Respondent ID", "Start Date", "Store"] and len(table.rows) == 2
    texts = {q["key"]: [q["customer_text"]] for q in QUESTIONS}
    texts["welcome"] = ["I felt welcome when I arrived."]
    texts["recommend"] = ["How likely are you to recommend us to a friend?"]
    mapping = survey_import.suggest(table.columns, QUESTIONS, texts)
    assert mapping == {
        "team": "Store",
        "date": "Start Date",
        "welcome": "I felt welcome when I arrived.",
        "recommend": "How likely are you to recommend us to a friend?",
    }
    parsed = survey_import.parse(data, QUESTIONS, TEAMS, mapping)
    assert parsed.problems == []
    assert parsed.rows == [
        (1, "2026-11-20", {"welcome": 5, "recommend": 9}),
        (2, "2026-11-21", {"welcome": 4, "recommend": 7}),
    ]


@pytest.mark.parametrize(
    "dates, order",
    [
        (["03/04/2026", "04/13/2026"], "mdy"),  # 13 can only be a day: month first, for every row
        (["03/04/2026 10:15:32", "13/04/2026 09:00"], "dmy"),
        (["03/04/2026", "04/05/2026"], None),  # every date could be read both ways: the trainer says
        (["13/04/2026", "04/13/2026"], "conflict"),
        (["2026-11-20 10:15:32"], None),
    ],
)
def test_day_and_month_are_read_in_one_order_per_file(dates, order) -> None:
    assert survey_import.date_order(dates) == order


def test_dates_that_read_both_ways_are_read_the_way_that_falls_within_the_survey() -> None:
    """A Google Forms export with US dates, every day ≤ 12, was read day first: December's answers went to
    January–March without a word."""
    us = ["12/1/2026 9:14:02", "12/3/2026 17:40:10", "12/2/2026 8:01:00"]
    assert survey_import.date_order(us) is None  # each could be read both ways
    assert survey_import.order_within(us, "2026-11-30", "2026-12-04") == "mdy"
    assert survey_import.order_within(["1/12/2026", "3/12/2026"], "2026-11-30", "2026-12-04") == "dmy"
    assert survey_import.order_within(["12/12/2026"], "2026-12-01", "2026-12-31") is None  # both fit: ask
    rows = [(1, "2026-12-01", {"welcome": 5}), (1, "2026-01-12", {"welcome": 4})]
    assert survey_import.outside(rows, "2026-11-30", "2026-12-04") == 1


def test_one_order_applies_to_every_row_of_a_file() -> None:
    data = b"team,date,welcome\nRiverside store,03/04/2026 10:15:32,5\nRiverside store,04/13/2026,4\n"
    parsed = survey_import.parse(data, QUESTIONS[:1], TEAMS)
    assert [day for _, day, _ in parsed.rows] == ["2026-03-04", "2026-04-13"]  # 3 April would be the mistake
    chosen = survey_import.parse(
        b"team,date,welcome\nRiverside store,03/04/2026,5\n", QUESTIONS[:1], TEAMS, order="dmy"
    )
    assert chosen.rows[0][1] == "2026-04-03"


def test_a_files_column_mapping_is_remembered_by_its_shape(org) -> None:
    db, ids, _ = org
    table = survey_import.read_table(b"Store,When,Welcome?\nA,2026-11-01,5\n")
    assert store.surveys.import_mapping(db, table.shape) is None
    store.surveys.save_import_mapping(db, table.shape, {"team": "Store", "date": "When", "welcome": "Welcome?"}, "mdy")
    store.surveys.save_import_mapping(db, table.shape, {"team": "Store", "date": "When", "welcome": None}, "dmy")
    again = survey_import.read_table(b"store,when,welcome?\nB,2026-11-02,4\n")  # same columns, another file
    assert store.surveys.import_mapping(db, again.shape) == ({"team": "Store", "date": "When", "welcome": None}, "dmy")


def test_a_file_far_wider_than_any_survey_export_is_refused_at_once() -> None:
    """85,000 columns (4.7 MB) used to cost 47 s of column matching on the trainer's page; it is now said."""
    header = ",".join(f"column {n}" for n in range(85_000))
    table = survey_import.read_table(f"{header}\n{','.join('5' for _ in range(85_000))}\n".encode())
    assert table.columns == [] and [p.message for p in table.problems] == [
        "the file has {count} columns; a survey export has at most {limit}"
    ]
    assert table.problems[0].values == {"count": 85_000, "limit": survey_import.MAX_COLUMNS}


def test_practices_kept_per_team_are_the_whole_computation_after_each_change(org, monkeypatch) -> None:
    """The practices report reads each team's kept parts and computes only the teams with news: after each
    kind of change its figures are those of the whole scope computed from nothing (every kept row dropped,
    one query for every team), and a team without news is not computed again."""
    db, ids, teams = org
    now, admin = datetime(2026, 11, 20, tzinfo=UTC), store.accounts.add_user(db, "ada", "Ada", "h", "admin")
    survey = store.surveys.create_survey(db, "Wave", QUESTIONS, ids["tess"], "2026-11-01 09:00:00")

    def report() -> practice_figures.PracticesReport:
        return practice_figures.practices_report(db, ids["tess"], None, 4, now, ["welcome"])

    def from_nothing() -> practice_figures.PracticesReport:
        with store.transactions.write(db):
            store.kept_reports.forget(db)
        with monkeypatch.context() as m:
            m.setattr(store.kept_reports, "FEW", 0)
            return report()

    idea = store.suggestions.add_suggestion(db, ids["bob"], "Chairs", "Two.", "2026-11-01 10:00:00")
    changes = [
        lambda: store.debriefing.add_rating(
            db, ids["ann"], ids["mia"], "manager", "welcome", 2, stamp="2026-11-10 10:00:00"
        ),
        lambda: store.debriefing.add_rating(db, ids["amy"], ids["amy"], "self", "welcome", 4),
        lambda: store.suggestions.answer_suggestion(db, idea, ids["max"], "done", "Ordered.", "2026-11-04 10:00:00"),
        lambda: store.stories.add_story(db, ids["amy"], "Suit", "Late.", "Drove.", "Thanks!", "2026-11-02 10:00:00"),
        lambda: store.surveys.answer_survey(db, survey, ids["bob"], {"welcome": 4, "recommend": 9}, "2026-11-02"),
        lambda: store.people.update(db, admin, ids["amy"], {"team_id": teams["B"]}),
    ]
    for change in changes:
        change()
        assert report() == from_nothing()
    report()
    asked: list[int | None] = []
    sizes = store.debriefing.debriefings_per_team
    monkeypatch.setattr(
        store.debriefing, "debriefings_per_team", lambda d, s, *a: asked.append(s.team_id) or sizes(d, s, *a)
    )
    store.debriefing.add_rating(db, ids["ann"], ids["ann"], "self", "welcome", 3)
    assert report().teams[0]["team"] == "A" and asked == [teams["A"]]
