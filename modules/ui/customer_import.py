"""Customer answers from a survey tool's CSV file: match its columns, settle its dates, preview, import."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlite_utils import Database
from streamlit.runtime.uploaded_file_manager import UploadedFile

from modules import i18n, store
from modules.i18n import Translate
from modules.practices import service, survey_import
from modules.richtext import plain
from modules.ui import session
from modules.ui.mirror import survey_picker


def import_panel(db: Database, user: store.accounts.User, _: Translate, lang: str) -> None:
    """Upload a survey tool's CSV export: see the good and bad rows, then import the good ones."""
    survey_id = survey_picker(db, "import-survey", _)
    if survey_id is None:
        return
    questions = store.surveys.survey_questions(db, survey_id, lang)
    teams = {t["name"]: t["id"] for t in store.measurement.visible_teams(db, user["id"])}
    st.caption(
        _(
            "One row per response: a “team” column with the team's name, a “date” column, and one column "
            "per question: {columns}."
        ).format(columns=", ".join(q["key"] for q in questions))
    )
    st.download_button(
        _("Download an example file"),
        survey_import.example(questions, next(iter(teams), "")),
        file_name="customer-answers-example.csv",
        mime="text/csv",
        key="import-example",
        type="tertiary",
    )
    upload = st.file_uploader(_("CSV file"), type=["csv", "txt"], key="import-file")
    if upload is not None:
        _import_file(db, user, survey_id, upload, questions, teams, _, lang)
    ngettext = i18n.plural_translator(lang)
    for row in store.surveys.imports(db, survey_id):
        st.caption(
            ngettext(
                "{file} · {rows} row · {who} · {when}", "{file} · {rows} rows · {who} · {when}", row["rows"]
            ).format(
                file=plain(row["filename"]),
                rows=row["rows"],
                who=plain(row["imported_by"]),
                when=session.moment(row["imported_at"]),
            )
        )


def _import_file(
    db: Database,
    user: store.accounts.User,
    survey_id: int,
    upload: UploadedFile,
    questions: list[store.surveys.SurveyQuestion],
    teams: dict[str, int],
    _: Translate,
    lang: str,
) -> None:
    """Match the file's columns, settle its dates, preview, then import the good rows."""
    ngettext = i18n.plural_translator(lang)
    data = upload.getvalue()
    table = survey_import.read_table(data)
    if not table.columns:  # nothing to match: only why
        _problems(table.problems, _)
        return
    kept = store.surveys.import_mapping(db, table.shape)
    mapping = _column_mapping(db, survey_id, table, questions, kept[0] if kept else None, _)
    if not mapping.get(survey_import.TEAM) or not mapping.get(survey_import.DATE):
        st.info(_("Choose the columns that hold the team and the date to go on."))
        return
    period = _survey_days(db, survey_id)
    order = _date_order(table, mapping, kept[1] if kept else None, period, _, lang)
    parsed = survey_import.check_rows(table, questions, teams, mapping, order)  # the table's problems included
    if early_or_late := survey_import.outside(parsed.rows, *period):
        st.warning(
            ngettext(
                "{count} answer falls outside the survey's days ({first} to {last}): check the date column.",
                "{count} answers fall outside the survey's days ({first} to {last}): check the date column.",
                early_or_late,
            ).format(count=early_or_late, first=_shown_day(period[0], lang), last=_shown_day(period[1], lang))
        )
    st.markdown(
        _("Ready to import: **{good}** · left out: **{bad}**.").format(good=len(parsed.rows), bad=len(parsed.problems))
    )
    if parsed.rows:
        shown = [{_("Team"): _team_name(teams, t), _("Date"): day, **answers} for t, day, answers in parsed.rows[:5]]
        st.dataframe(shown, hide_index=True, width="stretch")
    _problems(parsed.problems, _)
    if parsed.rows and st.button(
        ngettext("Import {count} row", "Import {count} rows", len(parsed.rows)).format(count=len(parsed.rows)),
        type="primary",
        key="import-go",
    ):
        choice = survey_import.ImportChoice(table.shape, mapping, order)
        added = service.import_customers(db, user["id"], survey_id, parsed, upload.name, choice)
        if added is None:
            st.error(_("This file was already imported for this survey: nothing was added twice."))
        else:
            done = ngettext("{count} customer answer imported.", "{count} customer answers imported.", added)
            st.success(done.format(count=added))


def _problems(problems: list[survey_import.RowProblem], _: Translate) -> None:
    for line, message, values in problems[:50]:
        st.warning(_("Line {line}: {message}").format(line=line, message=plain(_(message).format(**values))))


def _team_name(teams: dict[str, int], team_id: int) -> str:
    return next((name for name, tid in teams.items() if tid == team_id), "")


def _column_mapping(
    db: Database,
    survey_id: int,
    table: survey_import.Table,
    questions: list[store.surveys.SurveyQuestion],
    kept: dict | None,
    _: Translate,
) -> dict[str, str | None]:
    """A selectbox per role, preset from the mapping kept for this file shape, else from the columns' names
    and the questions' texts in every language."""
    texts = {q["key"]: [] for q in questions}
    for code in i18n.LANGUAGES:
        for q in store.surveys.survey_questions(db, survey_id, code):
            texts[q["key"]] += [q["customer_text"], q["employee_text"]]
    suggested = survey_import.suggest(table.columns, questions, texts)
    preset = {**suggested, **{k: v for k, v in (kept or {}).items() if v is None or v in table.columns}}
    roles = {survey_import.TEAM: _("Team"), survey_import.DATE: _("Date")}
    roles.update({q["key"]: q["customer_text"] for q in questions})
    options = [None, *table.columns]
    complete = all(preset.get(role) for role in roles)
    with st.expander(
        _("Columns of this file (remembered for the next file like it)") if kept else _("Columns of this file"),
        expanded=not complete,
    ):
        if kept:
            st.caption(_("The columns chosen for the last file like this one."))
        return {
            role: st.selectbox(
                plain(label),
                options,
                index=options.index(preset.get(role)) if preset.get(role) in options else 0,
                format_func=lambda c: _("— not in this file —") if c is None else c,
                key=f"import-map:{table.shape}:{role}",
            )
            for role, label in roles.items()
        }


def _survey_days(db: Database, survey_id: int) -> tuple[str, str]:
    """The survey's first and last day ('YYYY-MM-DD'): from its start to its close, or to today while open."""
    survey = next(s for s in store.surveys.surveys(db) if s["id"] == survey_id)
    last = survey["closed_at"] or store.clock.timestamp(session.now())
    return survey["created_at"][:10], last[:10]


def _shown_day(day: str, lang: str) -> str:
    return i18n.day(date.fromisoformat(day), lang)


def _date_order(
    table: survey_import.Table,
    mapping: dict[str, str | None],
    kept: str | None,
    period: tuple[str, str],
    _: Translate,
    lang: str,
) -> str:
    """Day and month in one order for the whole file: the file's own when its dates tell, else the one that puts
    them within the survey's days, else the trainer's."""
    values = table.column(mapping[survey_import.DATE])
    found = survey_import.date_order(values)
    labels = {"dmy": _("day/month/year (20/11/2026)"), "mdy": _("month/day/year (11/20/2026)")}
    if found in labels:
        st.caption(_("Dates read as {order}, as the file's dates show.").format(order=labels[found]))
        return found
    fits = survey_import.order_within(values, *period) if found is None else None
    if fits and kept is None:
        st.caption(
            _("Dates read as {order}: only so do they fall within the survey's days ({first} to {last}).").format(
                order=labels[fits], first=_shown_day(period[0], lang), last=_shown_day(period[1], lang)
            )
        )
        kept = fits
    if found == "conflict":
        st.warning(_("This file's dates are written both ways (day first and month first): check its date column."))
    order = st.radio(
        _("How are the dates written in this file? (every one could be read both ways)"),
        list(labels),
        index=list(labels).index(kept) if kept in labels else 0,
        format_func=labels.get,
        horizontal=True,
        key=f"import-order:{table.shape}",
    )
    return order
