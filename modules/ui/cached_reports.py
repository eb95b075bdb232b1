"""Measurement reports behind `st.cache_data`, invalidated by the data itself.

The cache key holds the data stamps of the teams a report covers (moved by
each read and attempt of their people) and the highest account id, so a
learner's submission invalidates the reports that show it and no other, the
content hashes, so a trainer's edit does too, and the install's day. The run's own
database handle is passed as `_db`, which Streamlit leaves out of the key.
"""

from __future__ import annotations

from datetime import datetime, timedelta

import altair as alt
import streamlit as st
from sqlite_utils import Database

from modules import i18n, settings, store
from modules.content import TrainingModule, current_catalog, rubric
from modules.measurement import (
    assignment_charts,
    assignment_reports,
    charts,
    practice_charts,
    practice_figures,
    recall_figures,
    team_ranking,
    team_reports,
)
from modules.practices import debriefing
from modules.ui import chart_view
from modules.ui.chart_view import Drawn


def _modules(ids: tuple[str, ...], lang: str) -> list[TrainingModule]:
    by_id = {m.id: m for m in current_catalog(settings.content_folder()).for_language(lang)}
    return [by_id[i] for i in ids if i in by_id]


def _key(db: Database, modules: list[TrainingModule], viewer_id: int, team_id: int | None = None) -> tuple:
    return (
        settings.database(),
        store.measurement.activity_stamp(db, viewer_id, team_id),
        store.assignments.assignments_stamp(db),
        tuple(m.content_hash for m in modules),
    )


def _past_key(key: tuple) -> tuple:
    """A report's key without the teams' data stamps: what people do now cannot change a past period's figures
    (new accounts and assignments can: their stamps stay)."""
    database, (_teams, accounts), *rest = key
    return (database, accounts, *rest)


@st.cache_data(show_spinner=False, max_entries=256)
def _past_team(
    _db: Database,
    key: tuple,
    viewer_id: int,
    ids: tuple[str, ...],
    lang: str,
    team_id: int | None,
    start: datetime,
    end: datetime,
) -> dict:
    """The period before, for the team page's comparison: computed once a day, not after every change."""
    scope = team_reports.scope_for(viewer_id, _modules(ids, lang), team_id)
    return team_reports.past_headline(_db, scope, start, end)


@st.cache_data(show_spinner=False, max_entries=64)
def _past_organisation(
    _db: Database, key: tuple, viewer_id: int, ids: tuple[str, ...], lang: str, start: datetime, end: datetime
) -> dict:
    """The period before, for the organisation's comparison (a team comparison of its own: half the cost)."""
    return team_reports.past_organisation(_db, viewer_id, _modules(ids, lang), start, end)


FRESH_SECONDS = 3600  # how long a report stands when no data changes: "active this week" moves with the hour


def _day() -> str:
    """The install's day, in every key: due dates turn late at midnight, with no data changing."""
    return store.clock.today(store.clock.current()).isoformat()


def _moment() -> datetime:
    """When a report is computed: a minute ahead, so it counts everything stored until now. Not in the key
    (keys hold data stamps and the day only): a report computed at 9:00 stands until data changes or the hour
    is over, not a minute."""
    return store.clock.current().replace(second=0, microsecond=0) + timedelta(minutes=1)


@st.cache_data(show_spinner="Computing figures…", max_entries=128, ttl=FRESH_SECONDS)
def _team(
    _db: Database,
    key: tuple,
    viewer_id: int,
    ids: tuple[str, ...],
    lang: str,
    team_id: int | None,
    weeks: int,
    day: str,
    _now: datetime,
) -> team_reports.TeamReport:
    past = (_db, _past_key(key), viewer_id, ids, lang, team_id)
    return team_reports.team_report(
        _db, viewer_id, _modules(ids, lang), team_id, weeks, _now, lambda start, end: _past_team(*past, start, end)
    )


@st.cache_data(show_spinner="Computing figures…", max_entries=32, ttl=FRESH_SECONDS)
def _organisation(
    _db: Database, key: tuple, viewer_id: int, ids: tuple[str, ...], lang: str, weeks: int, day: str, _now: datetime
) -> team_reports.OrganisationReport:
    past = (_db, _past_key(key), viewer_id, ids, lang)
    return team_reports.organisation_report(
        _db, viewer_id, _modules(ids, lang), weeks, _now, lambda start, end: _past_organisation(*past, start, end)
    )


@st.cache_data(show_spinner=False, max_entries=128, ttl=FRESH_SECONDS)
def _team_charts(
    _db: Database,
    key: tuple,
    viewer_id: int,
    ids: tuple[str, ...],
    lang: str,
    team_id: int | None,
    weeks: int,
    day: str,
    _now: datetime,
) -> dict[str, Drawn | None]:
    """The charts, built and converted once per report: building and converting them on every run cost more
    than the report's SQL.

    Schema validation is skipped (see `charts.spec`); the chart tests validate every builder's output.
    """
    report = _team(_db, key, viewer_id, ids, lang, team_id, weeks, day, _now)
    titles, _ = [m.title for m in _modules(ids, lang)], i18n.translator(lang)
    return {
        "heatmap": _drawn(charts.score_heatmap(report.grid, titles, _), lang) if report.grid else None,
        "status": _drawn(charts.status_bars(report.status, titles, _), lang),
        "distribution": (
            _drawn(charts.score_distribution(report.distribution, titles, _), lang) if report.distribution else None
        ),
        "weekly": _drawn(charts.weekly_activity(report.weekly, _), lang) if report.weekly else None,
        "cumulative": _drawn(charts.cumulative_completion(report.cumulative, _), lang) if report.cumulative else None,
    }


@st.cache_data(show_spinner=False, max_entries=32, ttl=FRESH_SECONDS)
def _organisation_charts(
    _db: Database, key: tuple, viewer_id: int, ids: tuple[str, ...], lang: str, weeks: int, day: str, _now: datetime
) -> dict[str, Drawn]:
    report = _organisation(_db, key, viewer_id, ids, lang, weeks, day, _now)
    shown = team_ranking.ends(report.teams)  # a readable number of bars and rows, whatever the number of teams
    _ = i18n.translator(lang)
    titles = _modules(ids, lang)
    new = frozenset(m.title for m in titles if m.id in report.new_modules)
    return {
        "teams": _drawn(charts.team_completion(shown, _), lang),
        "bands": _drawn(charts.team_bands(team_ranking.bands(report.teams), _), lang),
        "team_modules": _drawn(
            charts.team_module_heatmap(
                team_ranking.of_teams(report.team_modules, shown), [m.title for m in titles], _, new
            ),
            lang,
        ),
    }


def _drawn(chart: alt.TopLevelMixin, lang: str) -> Drawn:
    """A chart of a cached report, ready to send (`chart_view.Drawn`)."""
    return chart_view.drawn(charts.spec(chart, lang), lang, i18n.translator(lang))


def team_report(
    db: Database, user: store.accounts.User, modules: list[TrainingModule], team_id: int | None, weeks: int, lang: str
) -> tuple[team_reports.TeamReport, dict[str, Drawn | None]]:
    """The team report and its chart specs, computed once per change of data."""
    key = _key(db, modules, user["id"], team_id)
    args = (db, key, user["id"], tuple(m.id for m in modules), lang, team_id, weeks, _day(), _moment())
    return _team(*args), _team_charts(*args)


def organisation_report(
    db: Database, user: store.accounts.User, modules: list[TrainingModule], weeks: int, lang: str
) -> tuple[team_reports.OrganisationReport, dict[str, Drawn]]:
    args = (db, _key(db, modules, user["id"]), user["id"], tuple(m.id for m in modules), lang, weeks, _day(), _moment())
    return _organisation(*args), _organisation_charts(*args)


@st.cache_data(show_spinner="Computing figures…", max_entries=64, ttl=FRESH_SECONDS)
def _assignments(
    _db: Database,
    key: tuple,
    viewer_id: int,
    ids: tuple[str, ...],
    lang: str,
    team_id: int | None,
    day: str,
    _now: datetime,
) -> tuple[assignment_reports.AssignmentReport, dict | None]:
    past = (_db, _past_key(key), viewer_id, ids, lang, team_id)
    report = assignment_reports.assignment_report(
        _db, viewer_id, _modules(ids, lang), team_id, _now, lambda moment: _past_counts(*past, moment)
    )
    chart = assignment_charts.completion_lines(report.completion, i18n.translator(lang)) if report.completion else None
    return report, charts.spec(chart, lang) if chart else None


@st.cache_data(show_spinner=False, max_entries=1024)
def _past_counts(
    _db: Database, key: tuple, viewer_id: int, ids: tuple[str, ...], lang: str, team_id: int | None, moment: datetime
) -> list[store.assignments.AssignmentCounts]:
    """A past week's counts: what people did since cannot change them, so no data stamp is in the key (the
    assignments' stamp and the content are); each week is computed once, not on every change of data."""
    return assignment_reports.counts_at(_db, viewer_id, _modules(ids, lang), team_id, moment)


def assignment_report(
    db: Database, user: store.accounts.User, modules: list[TrainingModule], team_id: int | None, lang: str
) -> tuple[assignment_reports.AssignmentReport, dict | None]:
    """Who is late or due soon, each assignment and its completion over time, recomputed when data changes."""
    return _assignments(
        db,
        _key(db, modules, user["id"], team_id),
        user["id"],
        tuple(m.id for m in modules),
        lang,
        team_id,
        _day(),
        _moment(),
    )


@st.cache_data(show_spinner="Computing figures…", max_entries=64, ttl=FRESH_SECONDS)
def _practices(
    _db: Database, key: tuple, viewer_id: int, team_id: int | None, weeks: int, lang: str, day: str, _now: datetime
) -> tuple[practice_figures.PracticesReport, dict[str, Drawn | None]]:
    """The practices report and its chart specs; `key` holds the practices stamp and the rubric."""
    skills = rubric.load(settings.content_folder(), lang)[0]
    report = practice_figures.practices_report(_db, viewer_id, team_id, weeks, _now, [s.id for s in skills])
    _ = i18n.translator(lang)
    rows = debriefing.chart_rows(report.skills, {s.id: s.name for s in skills})
    return report, {
        "skills": _drawn(practice_charts.skill_views(rows, _), lang) if rows else None,
        "scores": _drawn(practice_charts.recommendation_trend(report.scores, _), lang) if report.scores else None,
    }


def practices_report(
    db: Database, user: store.accounts.User, team_id: int | None, weeks: int, lang: str
) -> tuple[practice_figures.PracticesReport, dict[str, Drawn | None]]:
    """Cached like the learning reports, keyed on the practices' own stamp and the rubric file."""
    path = rubric.source(settings.content_folder(), lang)  # the file the report will read, fallback included
    key = (settings.database(), store.measurement.practices_stamp(db), path.stat().st_mtime_ns if path else 0)
    return _practices(db, key, user["id"], team_id, weeks, lang, _day(), _moment())


@st.cache_data(show_spinner="Computing figures…", max_entries=64, ttl=FRESH_SECONDS)
def _recall(
    _db: Database,
    key: tuple,
    viewer_id: int,
    ids: tuple[str, ...],
    lang: str,
    team_id: int | None,
    day: str,
    _now: datetime,
    by_person: bool,
) -> recall_figures.RecallReport:
    return recall_figures.recall_report(_db, viewer_id, _modules(ids, lang), team_id, _now, by_person)


def recall_report(
    db: Database,
    user: store.accounts.User,
    modules: list[TrainingModule],
    team_id: int | None,
    lang: str,
    by_person: bool = True,
) -> recall_figures.RecallReport:
    """Cached on the practice log's own stamp (every answer moves it) and the content."""
    key = (settings.database(), store.recall.recall_stamp(db), tuple(m.content_hash for m in modules))
    return _recall(db, key, user["id"], tuple(m.id for m in modules), lang, team_id, _day(), _moment(), by_person)
