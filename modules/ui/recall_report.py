"""The recall sections of the measurement pages: how well people remember what they passed."""

from __future__ import annotations

import streamlit as st
from sqlite_utils import Database

from modules import i18n, settings, store
from modules.content import TrainingModule, rubric
from modules.i18n import N_, Translate
from modules.measurement import charts, recall_charts
from modules.measurement.recall_figures import RecallReport
from modules.ui import cached_reports, chart_view
from modules.ui.widgets import download

PEOPLE = {
    "name": N_("Person"),
    "team": N_("Team"),
    "recall": N_("Predicted recall today %"),
    "due": N_("Due today"),
    "overdue": N_("Overdue"),
    "questions": N_("Questions in practice"),
    "practised_this_week": N_("Practised this week"),
}
TEAMS = {
    "team": N_("Team"),
    "people": N_("People"),
    "recall": N_("Predicted recall today %"),
    "practising": N_("Practising weekly %"),
    "due": N_("Due today"),
    "overdue": N_("Overdue"),
}


def recall_section(
    db: Database,
    user: store.accounts.User,
    modules: list[TrainingModule],
    team_id: int | None,
    _: Translate,
    lang: str,
    per_person: bool = True,
) -> None:
    """Figures, per-skill recall and the retention curve; a table per person (team page) or per team."""
    report = cached_reports.recall_report(db, user, modules, team_id, lang, by_person=per_person)
    if report.recall is None:
        st.info(_("Nobody in this view has practised yet: the daily practice starts the day after a module is passed."))
        return
    _figures(report, _, lang)
    left, right = st.columns(2, gap="large")
    with left:
        st.subheader(_("Who keeps each skill up"), anchor=False)
        st.caption(
            _(
                "People who passed a module of the skill: practising it and up to date, with questions overdue,"
                " or not practising it at all — the last two are the ones to follow up."
            )
        )
        names = rubric.names(settings.content_folder(), lang)
        if report.upkeep:
            spec = charts.spec(recall_charts.skill_upkeep(report.upkeep, names, _), lang)
            chart_view.show(spec, lang, _)
    with right:
        st.subheader(_("How memory holds"), anchor=False)
        if report.retention:
            chart_view.show(charts.spec(recall_charts.retention_curve(report.retention, _), lang), lang, _)
        else:
            st.caption(_("Not enough practice answers yet."))
    if per_person:
        rows = [
            {
                **p.__dict__,
                "recall": _rounded(p.recall),
                "practised_this_week": _("yes") if p.practised_this_week else _("no"),
            }
            for p in report.people
        ]
        _table(rows, PEOPLE, "recall-per-person", _)
    else:
        rows = [
            {**t.__dict__, "recall": _rounded(t.recall), "practising": _rounded(t.practising)} for t in report.teams
        ]
        _table(rows, TEAMS, "recall-per-team", _)


def _figures(report: RecallReport, _: Translate, lang: str) -> None:
    a, b, c, d = st.columns(4)
    a.metric(
        _("Predicted recall today"),
        i18n.percent(report.recall, lang),
        help=_("FSRS's estimate of the chance each question practised would be answered right today, averaged."),
    )
    b.metric(
        _("Practising weekly"),
        i18n.percent(report.practising, lang),
        help=_("Share of the people in this view who answered the daily practice in the last 7 days."),
    )
    c.metric(_("Due today"), report.due)
    d.metric(_("Overdue"), report.overdue)


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _table(rows: list[dict], columns: dict[str, str], name: str, _: Translate) -> None:
    st.dataframe(
        [{_(label): row[key] for key, label in columns.items()} for row in rows], hide_index=True, width="stretch"
    )
    download(rows, columns, name, f"csv-{name}", _)
