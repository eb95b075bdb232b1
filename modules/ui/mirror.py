"""The mirror survey page's Streamlit pieces: the employee's form, the results, the customer import."""

from __future__ import annotations

import streamlit as st
from sqlite_utils import Database

from modules import i18n, store
from modules.i18n import N_, Translate
from modules.measurement import charts, practice_charts
from modules.practices import mirror, service
from modules.richtext import plain
from modules.ui import chart_view, session
from modules.ui.widgets import download

ERRORS = "survey-errors"


def _key(survey_id: int, question: str) -> str:
    return f"survey-{survey_id}-{question}"


def _submit(
    survey: store.surveys.Survey, questions: list[store.surveys.SurveyQuestion], user: store.accounts.User
) -> None:
    answers = {q["key"]: st.session_state.get(_key(survey["id"], q["key"])) for q in questions}
    st.session_state[ERRORS] = service.answer_survey(session.database(), user["id"], survey["id"], answers)


def answer_form(db: Database, user: store.accounts.User, survey: store.surveys.Survey | None, _: Translate) -> None:
    if survey is None:
        st.info(_("No survey is open at the moment."))
        return
    st.subheader(plain(survey["title"]), anchor=False)
    if store.surveys.has_answered(db, survey["id"], user["id"]):
        st.success(
            _(
                "Thank you: your answers are in. They are kept without your name and shown only as team "
                "figures, once at least {count} people of your team have answered."
            ).format(count=mirror.MIN_GROUP)
        )
        return
    questions = store.surveys.survey_questions(db, survey["id"], session.language())
    st.caption(
        _(
            "Your answers are anonymous: your name is not stored with them, and a team's figures stay hidden "
            "until {count} people have answered."
        ).format(count=mirror.MIN_GROUP)
    )
    with st.form(f"survey-{survey['id']}"):
        for q in questions:
            if q["scale"] == "recommend":
                st.radio(
                    plain(q["employee_text"]),
                    list(range(11)),
                    index=None,
                    horizontal=True,
                    key=_key(survey["id"], q["key"]),
                )
                st.caption(_("0 = not at all likely, 10 = extremely likely"))
            else:
                st.radio(
                    plain(q["employee_text"]),
                    list(range(1, 6)),
                    index=None,
                    horizontal=True,
                    key=_key(survey["id"], q["key"]),
                    format_func=lambda n: _(mirror.AGREE_LABELS[n - 1]),
                )
        st.form_submit_button(_("Send my answers"), type="primary", on_click=_submit, args=(survey, questions, user))
    for problem in st.session_state.get(ERRORS, []):
        st.error(_(problem))


def survey_picker(db: Database, key: str, _: Translate) -> int | None:
    """Choose among every survey, newest first; None (with a word why) when there is none yet."""
    titles = {s["id"]: s["title"] for s in store.surveys.surveys(db)}
    if not titles:
        st.info(_("No survey yet. A trainer defines one on this page."))
        return None
    newest = next(iter(titles))  # in the key: a new survey starts the choice on it, not on the one before
    return st.selectbox(_("Survey"), list(titles), format_func=titles.get, key=f"{key}:{newest}")


def results(db: Database, user: store.accounts.User, _: Translate, lang: str) -> None:
    survey_id = survey_picker(db, "results-survey", _)
    if survey_id is None:
        return
    teams = {t["id"]: t["name"] for t in store.measurement.visible_teams(db, user["id"])}
    if not teams:
        st.info(_("You do not manage a team yet."))
        return
    questions = store.surveys.survey_questions(db, survey_id, lang)
    texts = {q["key"]: q["customer_text"] for q in questions}
    scope = store.scope.Scope(user["id"])
    rows = store.surveys.question_results(db, scope, survey_id)
    mirrors = mirror.mirrors(rows, questions)
    team = st.selectbox(_("Team"), list(teams), format_func=teams.get, key="results-team")
    _team_panel([m for m in mirrors if m.team == teams[team]], texts, _, lang)
    st.subheader(_("Largest gaps first, all your teams"), anchor=False)
    agreement = [m for m in mirrors if m.scale != "recommend"]
    recommend = [m for m in mirrors if m.scale == "recommend"]
    if agreement:
        st.caption(_("Agreement, mean from 1 (disagree) to 5 (agree)."))
        _gap_table(agreement, texts, 1, "mirror-gaps-agreement", _, lang)
    if recommend:
        st.caption(_("Recommendation: eNPS and NPS, from −100 to 100."))
        _gap_table(recommend, texts, 0, "mirror-gaps-recommendation", _, lang)
    trend = mirror.scores_over_time(store.surveys.recommendation_over_time(db, scope))
    st.subheader(_("eNPS and NPS, survey after survey"), anchor=False)
    if trend:
        chart_view.show(charts.spec(practice_charts.recommendation_trend(trend, _), lang), lang, _)
    st.caption(
        _(
            "Promoters (9–10) minus detractors (0–6), in percent. Employee scores of fewer than {count} "
            "answers are left out."
        ).format(count=mirror.MIN_GROUP)
    )


def own_team_results(
    db: Database, user: store.accounts.User, survey: store.surveys.Survey | None, _: Translate, lang: str
) -> None:
    """An employee sees their own team's figures too, under the same anonymity threshold."""
    if survey is None or user["team_id"] is None:
        return
    st.subheader(_("Your team's results"), anchor=False)
    questions = store.surveys.survey_questions(db, survey["id"], lang)
    rows = store.surveys.own_team_results(db, user["id"], survey["id"])
    _team_panel(mirror.mirrors(rows, questions), {q["key"]: q["customer_text"] for q in questions}, _, lang)


GAP_COLUMNS = {
    "team": N_("Team"),
    "question": N_("Question"),
    "employees": N_("Employees"),
    "customers": N_("Customers"),
    "gap": N_("Gap (employees − customers)"),
}


def _gap_table(mirrors: list[mirror.Mirror], texts: dict[str, str], digits: int, name: str, _: Translate, lang: str):
    """One scale per table, so a 1–5 gap is never ranked against an NPS gap; a missing side says why."""
    hidden = _("hidden (too few answers)")

    def shown(value: float | None, is_hidden: bool = False) -> str:
        return hidden if is_hidden else "—" if value is None else i18n.number(value, lang, digits)

    table = [
        {"team": m.team, "question": texts[m.key], "employees": m.employee, "customers": m.customer, "gap": m.gap}
        for m in mirrors
    ]
    shown_rows = [
        {
            **row,
            "employees": shown(m.employee, m.employee_hidden and m.employee is None),
            "customers": shown(m.customer),
            "gap": shown(m.gap),
        }
        for m, row in zip(mirrors, table, strict=True)
    ]
    st.dataframe(
        [{_(label): row[column] for column, label in GAP_COLUMNS.items()} for row in shown_rows],
        hide_index=True,
        width="stretch",
    )
    download(table, GAP_COLUMNS, name, f"csv-{name}", _)


def _team_panel(team_mirrors: list[mirror.Mirror], texts: dict[str, str], _: Translate, lang: str) -> None:
    if any(m.employee_hidden for m in team_mirrors):
        st.warning(
            _(
                "Fewer than {count} employees of this team answered: their figures stay hidden to keep "
                "answers anonymous."
            ).format(count=mirror.MIN_GROUP)
        )
    for m in team_mirrors:
        if m.scale == "recommend":
            left, right = st.columns(2)
            left.metric(_("eNPS (employees)"), "—" if m.employee is None else f"{m.employee:+.0f}")
            right.metric(_("NPS (customers)"), "—" if m.customer is None else f"{m.customer:+.0f}")
    rows = [
        {"question": texts[m.key], "side": side, "mean": getattr(m, side)}
        for m in team_mirrors
        if m.scale == "agree"
        for side in ("employee", "customer")
        if getattr(m, side) is not None
    ]
    if rows:
        chart_view.show(charts.spec(practice_charts.mirror_means(rows, _), lang), lang, _)
    else:
        st.caption(_("No answer from this team yet."))
