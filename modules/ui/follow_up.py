"""The manager's to-do, on Home and Team progress: each person to follow up with the one action that helps.

Actions run as button callbacks through the services (`reminders.nudge`, `learning.assignments`), so a
double click sends one e-mail and gives one week; what happened is said above the list after the rerun.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from typing import TypeVar

import streamlit as st
from sqlite_utils import Database

from modules import i18n, settings, store
from modules.content import rubric
from modules.content.model import TrainingModule
from modules.i18n import Translate
from modules.learning import assignments
from modules.measurement import follow_up
from modules.reminders import nudge
from modules.richtext import plain
from modules.ui import session
from modules.ui.home import waiting_links

FLASH = "follow-up-flash"
SHOWN = 5  # per list before "show all": a manager's eye takes in five lines
T = TypeVar("T")


def to_do_panel(
    db: Database,
    user: store.accounts.User,
    modules: list[TrainingModule],
    _: Translate,
    lang: str,
    where: str,
    team_id: int | None = None,
) -> None:
    """The to-do, under its heading; `where` keeps the widget keys of Home and Team progress apart."""
    todo = follow_up.to_do(db, user["id"], modules, session.now(), team_id)
    st.subheader(_("To do for your team"), anchor=False)
    for kind, text in st.session_state.pop(FLASH, []):
        getattr(st, kind)(text)
    if not todo.count:
        st.caption(_("Nothing waits for you: nobody is late or stuck, everyone practises, no debriefing waits."))
        return
    mail = nudge.configured_server() is not None
    if not mail:
        st.caption(_("This academy does not send e-mails yet: reminders are for you to give in person."))
    waiting_links(todo.stories, todo.suggestions, todo.requests, _)
    _section(_("Late"), todo.late, lambda row: _late(row, _, lang, where, mail), _)
    _section(_("Failed twice or more"), todo.failing, lambda row: _failing(row, _), _)
    _section(_("No practice for two weeks"), todo.lapsed, lambda row: _lapsed(row, _, lang, where, mail), _)
    names = rubric.names(settings.content_folder(), lang) if todo.self_rated else {}
    _section(_("Debriefings waiting"), todo.self_rated, lambda row: _self_rated(row, names, _), _)


def _section(title: str, rows: Sequence[T], show: Callable[[T], None], _: Translate) -> None:
    """One list of the to-do: its first SHOWN lines, the rest one click away."""
    if not rows:
        return
    st.markdown(f"**{title}** ({len(rows)})")
    for row in rows[:SHOWN]:
        show(row)
    if len(rows) > SHOWN:
        more = len(rows) - SHOWN
        ngettext = session.plural_translator()
        with st.expander(ngettext("Show one more", "Show the other {count}", more).format(count=more)):
            for row in rows[SHOWN:]:
                show(row)


def _line(text: str) -> Sequence:
    """A row: the text, then its actions (stacked under it on a phone)."""
    columns = st.columns([3, 2], vertical_alignment="center")
    columns[0].markdown(text)
    return columns[1]


def _late(row: follow_up.Late, _: Translate, lang: str, where: str, mail: bool) -> None:
    item = row.item
    actions = _line(
        _("**{person}** ({team}): «{module}», due on {date}").format(
            person=plain(item["name"]), team=plain(item["team"]), module=plain(row.title), date=i18n.day(row.due, lang)
        )
    )
    key = f"{where}-late-{item['assignment_id']}-{item['user_id']}"
    remind, extend = actions.columns(2)
    remind.button(
        _("Reminded today") if row.reminded else _("Remind now"),
        key=f"{key}-remind",
        icon=":material/mail:",
        disabled=row.reminded or not mail,
        on_click=_remind,
        args=(item["user_id"], item["name"], item["module_id"]),
    )
    extend.button(
        _("A week more"), key=f"{key}-extend", icon=":material/event:", on_click=_extend, args=(item, row.title)
    )


def _failing(row: follow_up.Failing, _: Translate) -> None:
    person = row.row
    actions = _line(
        _("**{person}** ({team}): «{module}», {attempts} tries, best {best} %").format(
            person=plain(person["name"]),
            team=plain(person["team"]),
            module=plain(row.title),
            attempts=person["attempts"],
            best=round(person["best"] or 0),
        )
    )
    actions.page_link(
        "pages/together/debriefing.py",
        label=_("Debrief"),
        icon=":material/record_voice_over:",
        query_params={"person": str(person["user_id"])},
    )


def _lapsed(row: follow_up.Lapsed, _: Translate, lang: str, where: str, mail: bool) -> None:
    person = row.row
    since = person["last_practice"]
    text = (
        _("**{person}** ({team}): last practice on {date}").format(
            person=plain(person["name"]), team=plain(person["team"]), date=i18n.day(date.fromisoformat(since), lang)
        )
        if since
        else _("**{person}** ({team}): has never practised").format(
            person=plain(person["name"]), team=plain(person["team"])
        )
    )
    _line(text).button(
        _("Reminded today") if row.reminded else _("Remind now"),
        key=f"{where}-lapsed-{person['user_id']}",
        icon=":material/mail:",
        disabled=row.reminded or not mail,
        on_click=_remind,
        args=(person["user_id"], person["name"], store.follow_up.PRACTICE),
    )


def _self_rated(row: store.follow_up.SelfRated, names: dict[str, str], _: Translate) -> None:
    _line(
        _("**{person}** ({team}) rated themselves {level}/4 on {skill}, {when}").format(
            person=plain(row["name"]),
            team=plain(row["team"]),
            level=row["level"],
            skill=plain(names.get(row["skill"], row["skill"])),
            when=session.moment(row["created_at"]),
        )
    ).page_link(
        "pages/together/debriefing.py",
        label=_("Open the debriefing"),
        icon=":material/record_voice_over:",
        query_params={"person": str(row["user_id"])},
    )


def _remind(person_id: int, name: str, topic: str) -> None:
    _ = session.translator()
    user = session.signed_in_user(session.database())
    if user is None:
        return
    not_sent = nudge.remind_now(session.database(), user["id"], person_id, topic, session.catalog(), session.now())
    if not_sent is None:
        st.session_state[FLASH] = [("success", _("Reminder sent to {name}.").format(name=plain(name)))]
    else:
        text = _(not_sent.message).format(name=plain(name), reason=not_sent.reason)
        st.session_state[FLASH] = [("warning", text)]


def _extend(item: store.assignments.Item, title: str) -> None:
    _ = session.translator()
    user = session.signed_in_user(session.database())
    if user is None:
        return
    until = assignments.give_more_time(session.database(), user["id"], item, session.now())
    if until is None:
        st.session_state[FLASH] = [("error", _("You may not change this person's due date."))]
    else:
        st.session_state[FLASH] = [
            (
                "success",
                _("{name} has until {date} for «{module}».").format(
                    name=plain(item["name"]), date=i18n.day(until, session.language()), module=plain(title)
                ),
            )
        ]
