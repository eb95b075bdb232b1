"""What a learner sees of their assignments: on Home, the list (late first) and why each module is there."""

from __future__ import annotations

import streamlit as st

from modules import i18n
from modules.i18n import Translate
from modules.learning import assignments
from modules.learning.assignments import Due
from modules.richtext import plain

BADGES = {  # colour and icon of each status (the labels are assignments.STATUS_LABELS)
    assignments.LATE: ("red", ":material/warning:"),
    assignments.DUE_SOON: ("orange", ":material/schedule:"),
    assignments.TO_DO: ("blue", ":material/assignment:"),
    assignments.DONE: ("green", ":material/verified:"),
}


def status_label(status: str, _: Translate) -> str:
    """'late', 'due soon'… in the reader's language."""
    label = assignments.STATUS_LABELS[status]  # a variable: Babel would extract a literal key
    return _(label)


def due_text(due: Due, _: Translate, lang: str) -> str:
    """'Due on 12 Dec 2026', 'Late: it was due on …', 'Done · due again on …' for a recertification."""
    when = i18n.day(due.due, lang) if due.due else ""
    if due.status == assignments.LATE:
        return _("Late: it was due on {date}").format(date=when)
    if due.status == assignments.DONE:
        return _("Done · due again on {date}").format(date=when) if due.due else _("Done")
    if due.recurring and due.passed:
        return _("Due again on {date}").format(date=when)
    return _("Due on {date}").format(date=when)


def badge(due: Due, _: Translate, lang: str) -> None:
    color, icon = BADGES[due.status]
    text = due_text(due, _, lang)
    if due.status in (assignments.DUE_SOON, assignments.TO_DO):  # "late" and "done" are said by the text itself
        text = f"{status_label(due.status, _).capitalize()} · {text}"
    st.badge(text, color=color, icon=icon)


def assigned_to_you(
    dues: list[Due],
    locked: dict[str, tuple[str, ...]],
    _: Translate,
    lang: str,
    first_step: dict[str, str] | None = None,
) -> None:
    """The open assignments above the catalog, most urgent first, each with a link to its module (or, when
    the module is locked, what to pass first, with a link to it)."""
    waiting = [d for d in dues if d.open]
    if not waiting:
        return
    with st.container(border=True):
        heading = _("Assigned to you")
        st.markdown(f"**:material/assignment: {heading}**")  # not a heading: module cards' titles are
        for due in waiting:
            left, right = st.columns([3, 1], vertical_alignment="center")
            with left:
                st.markdown(f"**{plain(due.module.title)}**")
                badge(due, _, lang)
            with right:
                if locked.get(due.module.id):
                    titles = ", ".join(f"«{plain(t)}»" for t in locked[due.module.id])
                    st.caption(_("Pass {modules} first to unlock it.").format(modules=titles))
                    if prerequisite := (first_step or {}).get(due.module.id):
                        st.page_link(
                            "pages/learn/module.py",
                            label=_("Start there"),
                            icon=":material/arrow_forward:",
                            query_params={"module": prerequisite},
                        )
                    continue
                st.page_link(
                    "pages/learn/module.py",
                    label=_("Open"),
                    icon=":material/arrow_forward:",
                    query_params={"module": due.module.id},
                )


def why_here(due: Due | None, _: Translate, lang: str) -> None:
    """On a module's card: that it is assigned, and by when (a module for everyone says nothing)."""
    if due is None:
        return
    recurring = " · " + _("renewed every {months} months").format(months=due.every_months) if due.every_months else ""
    assigned = _("Assigned")
    st.caption(f":material/assignment: {assigned} · {due_text(due, _, lang)}{recurring}")
