"""Assignments for managers and trainers: assign modules with a due date, see who is late or due soon,
follow each assignment, withdraw one."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

import streamlit as st
from sqlite_utils import Database

from modules import i18n, store
from modules.accounts import roles
from modules.content.model import TrainingModule
from modules.i18n import N_, Translate
from modules.learning import assignments
from modules.richtext import plain
from modules.store import clock
from modules.ui import cached_reports, chart_view, session
from modules.ui.assignments import status_label
from modules.ui.certificates import compliance_button
from modules.ui.widgets import download, show_page

FLASH = "assignment-flash"


def assignments_section(
    db: Database, user: store.accounts.User, modules: list[TrainingModule], teams: dict[int, str], team_id: int | None
) -> None:
    """The Assignments tab of Team progress."""
    _, lang = session.translator(), session.language()
    for kind, text in st.session_state.pop(FLASH, []):
        getattr(st, kind)(text)
    report, chart = cached_reports.assignment_report(db, user, modules, team_id, lang)
    if roles.may(user["role"], roles.ASSIGN):
        with st.expander(_("Assign modules"), icon=":material/assignment_add:", expanded=not report.assignments):
            _assign_form(db, user, modules, teams, team_id, _)
    _due_list(report.due, _, lang)
    if report.assignments:
        compliance_button(user, modules, team_id, teams.get(team_id, "") if team_id else _("All your teams"), _, lang)
    _assignment_list(db, user, report.assignments, _, lang)
    st.subheader(_("Completion of each assignment"), anchor=False)
    if chart:
        chart_view.show(chart, lang, _)
        download(
            report.completion,
            {"week": N_("Week ending"), "assignment": N_("Assignment"), "completion": N_("Done %")},
            "assignment-completion",
            "csv-assignment-completion",
            _,
        )
    else:
        st.caption(_("No open assignment yet."))


def _due_list(rows: list[dict], _: Translate, lang: str) -> None:
    st.subheader(_("Late and due soon"), anchor=False)
    if not rows:
        st.success(_("Nobody is late, and nothing assigned is due in the next two weeks."))
        return
    st.caption(_("Late first, then what is due within two weeks; a renewal is a recertification running out."))
    show_page(rows, "due-list", lambda page: _due_table(page, _, lang), _, lang)
    download(
        [{**r, "status": status_label(r["status"], _), "due": r["due"].isoformat() if r["due"] else ""} for r in rows],
        {"name": N_("Person"), "team": N_("Team"), "module": N_("Module"), "status": N_("Status"), "due": N_("Due")},
        "late-and-due-soon",
        "csv-due",
        _,
    )


def _due_table(rows: Sequence[dict], _: Translate, lang: str) -> None:
    st.dataframe(
        [
            {
                _("Person"): r["name"],
                _("Team"): r["team"],
                _("Module"): r["module"],
                _("Status"): status_label(r["status"], _) + (" (" + _("renewal") + ")" if r["renewal"] else ""),
                _("Due"): i18n.day(r["due"], lang) if r["due"] else "—",
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
    )


def _every(months: int | None, _: Translate) -> str:
    return _("every {months} months").format(months=months) if months else _("once")


def _assignment_list(db: Database, user: store.accounts.User, rows: list[dict], _: Translate, lang: str) -> None:
    st.subheader(_("Assignments"), anchor=False)
    current = [r for r in rows if r["withdrawn_at"] is None]
    if not current:
        st.caption(_("No open assignment yet."))
    show_page(current, "assignment-list", lambda page: _assignment_cards(db, user, page, _, lang), _, lang)
    withdrawn = [r for r in rows if r["withdrawn_at"] is not None]
    if withdrawn:
        with st.expander(_("Withdrawn assignments ({count})").format(count=len(withdrawn))):
            show_page(withdrawn, "withdrawn-list", lambda page: _withdrawn_table(page, _, lang), _, lang)


def _assignment_cards(db: Database, user: store.accounts.User, rows: Sequence[dict], _: Translate, lang: str) -> None:
    for row in rows:
        with st.container(border=True):
            text, figures, action = st.columns([5, 3, 2], vertical_alignment="center")
            text.markdown(f"**{plain(row['module'])}** → {plain(row['target'])}")
            text.caption(
                _("Due on {date} · {every} · assigned by {who}").format(
                    date=i18n.day(row["due"], lang), every=_every(row["every_months"], _), who=plain(row["assigned_by"])
                )
            )
            share = row["done"] / row["people"] if row["people"] else 0.0
            figures.progress(
                share,
                text=_("{done} of {people} done · {late} late").format(
                    done=row["done"], people=row["people"], late=row["late"]
                ),
            )
            if row["may_withdraw"]:
                with action.popover(_("Change"), icon=":material/edit_calendar:"):
                    _change_due(db, user, row, _, lang)
                    st.divider()
                    st.caption(_("People stop seeing it; its history stays."))
                    if st.button(_("Withdraw this assignment"), key=f"withdraw-{row['id']}", type="primary"):
                        _withdraw(db, user, row["id"], _)


def _withdrawn_table(rows: Sequence[dict], _: Translate, lang: str) -> None:
    st.dataframe(
        [
            {
                _("Module"): r["module"],
                _("For"): r["target"],
                _("Due"): i18n.day(r["due"], lang),
                _("Withdrawn"): session.moment(r["withdrawn_at"]),
            }
            for r in rows
        ],
        hide_index=True,
        width="stretch",
    )


def _change_due(db: Database, user: store.accounts.User, row: dict, _: Translate, lang: str) -> None:
    """A new due date, without withdrawing and assigning again by hand; the change is kept in the history."""
    today = clock.today(session.now())
    due_on = st.date_input(
        _("New due date"),
        value=max(row["due"], today),
        min_value=today,
        key=f"due-{row['id']}",
        format="DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD",
    )
    if st.button(_("Change the due date"), key=f"change-due-{row['id']}", icon=":material/event:"):
        outcome = assignments.change_due(db, user["id"], row["id"], due_on, session.now())
        if outcome is None:
            st.session_state[FLASH] = [("info", _("This assignment was withdrawn or changed meanwhile."))]
        elif outcome:
            st.session_state[FLASH] = [("error", _(problem)) for problem in outcome]
        else:
            st.session_state[FLASH] = [("success", _("Due date changed; everyone assigned sees the new one."))]
        st.rerun()


def _withdraw(db: Database, user: store.accounts.User, assignment_id: int, _: Translate) -> None:
    if assignments.withdraw(db, user["id"], assignment_id, session.now()):
        st.session_state[FLASH] = [("success", _("Assignment withdrawn; its history is kept."))]
    else:
        st.session_state[FLASH] = [("info", _("This assignment was already withdrawn."))]
    st.rerun()


def _assign_form(
    db: Database,
    user: store.accounts.User,
    modules: list[TrainingModule],
    teams: dict[int, str],
    team_id: int | None,
    _: Translate,
) -> None:
    """Modules, teams or people, a due date and how often: checked as a whole, every problem said at once."""
    ngettext, lang = session.plural_translator(), session.language()
    titles = {m.id: m.title for m in modules}
    today = clock.today(session.now())
    module_ids = st.multiselect(
        _("Modules to assign"),
        list(titles),
        format_func=titles.get,
        key="assign-modules",
        placeholder=_("Choose one or more modules"),
    )
    team_ids = st.multiselect(
        _("Teams"),
        list(teams),
        default=[team_id] if team_id in teams else [],
        format_func=teams.get,
        key="assign-teams",
        placeholder=_("Choose one or more teams"),
        help=_("Everyone in the team, newcomers included: they get the same time from the day they join."),
    )
    some = st.toggle(_("Only some people of these teams"), key="assign-some")
    people = store.assignments.people_of(db, user["id"], team_ids) if some else []
    user_ids = (
        st.multiselect(
            _("People"),
            [p["id"] for p in people],
            format_func={p["id"]: f"{p['name']} · {p['team']}" for p in people}.get,
            key="assign-people",
            placeholder=_("Choose people"),
        )
        if some
        else []
    )
    left, right = st.columns(2)
    due_on = left.date_input(
        _("Due date"),
        value=today + timedelta(days=14),
        min_value=today,
        format="DD/MM/YYYY" if lang == "fr" else "YYYY-MM-DD",
        key="assign-due",
    )
    every = right.selectbox(
        _("Pass it again"),
        [0, *assignments.EVERY_MONTHS],  # 0: once (a None choice would show a "clear" cross)
        format_func=lambda m: _every(m, _) if m else _("Once (no recertification)"),
        key="assign-every",
        help=_("A recertification: the module must be passed again this often; the pass before runs out."),
    )
    if not st.button(_("Assign"), type="primary", icon=":material/assignment_add:", key="assign-submit"):
        return
    targets = ([], user_ids) if some else (team_ids, [])
    every = every or None
    problems = assignments.check_new(module_ids, *targets, due_on, every, today)
    if problems:
        st.error("\n\n".join(_(p) for p in problems))
        return
    done = assignments.assign(db, user["id"], module_ids, *targets, due_on, every, session.now())
    flash = []
    if done.created:
        flash.append(
            (
                "success",
                ngettext("{count} assignment made.", "{count} assignments made.", done.created).format(
                    count=done.created
                ),
            )
        )
    if done.already:
        flash.append(
            (
                "info",
                ngettext(
                    "{count} was already assigned and left as it was (withdraw it first to change its date).",
                    "{count} were already assigned and left as they were (withdraw them first to change their date).",
                    done.already,
                ).format(count=done.already),
            )
        )
    if done.refused:
        flash.append(("error", _("You may only assign to your own teams and their people.")))
    st.session_state[FLASH] = flash
    for key in ("assign-modules", "assign-people"):
        st.session_state.pop(key, None)
    st.rerun()
