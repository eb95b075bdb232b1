"""The debriefing page's Streamlit pieces: a rating form, a person's ratings, the skills chart.

One form serves the three views (self, peer, manager); what differs is which
texts it asks for. A refused or incomplete form keeps everything typed.
"""

from __future__ import annotations

import streamlit as st

from modules import i18n
from modules.content.rubric import LEVELS, Skill
from modules.i18n import N_, Translate
from modules.measurement import charts, practice_charts
from modules.practices import debriefing, service
from modules.richtext import plain, show_html_as_text
from modules.ui import chart_view, session
from modules.ui.widgets import limited_text

REQUESTS_TAB = "requests"  # ?tab= value that opens the colleagues' requests on the Debriefing page

TEXT_LABELS = {
    "example": N_("An example you observed (what happened, what was said)"),
    "went_well": N_("What went well"),
    "differently": N_("What you could do differently next time"),
}


def _submit(prefix: str, subject_id: int, kind: str, skill: str, texts: tuple[str, ...], rater_id: int) -> None:
    """Runs before the rerun, so a refused form is shown again with what was typed."""
    state = st.session_state
    level, values = state.get(f"{prefix}-level"), {name: state.get(f"{prefix}-{name}", "") for name in texts}
    found = service.rate(
        session.database(),
        rater_id,
        subject_id,
        kind,
        skill,
        level,
        values,
        recognition=bool(state.get(f"{prefix}-recognition")),
    )
    state[f"{prefix}-errors"] = found
    if not found:
        for name in (*texts, "level", "recognition"):
            state.pop(f"{prefix}-{name}", None)
        state[f"{prefix}-saved"] = True
        if kind == "peer":  # the answered request leaves the page with its form: say it here
            _ = session.translator()
            st.toast(_("Thank you: your colleague will see your rating."))


def rating_form(
    prefix: str,
    skill: Skill,
    subject_id: int,
    kind: str,
    texts: tuple[str, ...],
    rater_id: int,
    _: Translate,
    button: str,
    recognition: bool = False,
) -> None:
    """Level (with its observable description) and the texts this kind of rating needs."""
    with st.form(f"{prefix}-form"):
        st.radio(
            _("Level observed for {skill}").format(skill=plain(skill.name)),
            list(range(1, LEVELS + 1)),
            index=None,
            key=f"{prefix}-level",
            format_func=lambda n: f"{n} — {show_html_as_text(skill.levels[n - 1])}",
        )
        for name in texts:
            label = TEXT_LABELS[name]  # a variable: Babel would extract a literal key
            limited_text(_(label), debriefing.TEXT_LIMITS[1], f"{prefix}-{name}", _, height=90)
        if recognition:
            st.checkbox(
                _("Add a recognition: “Well done and thank you”, shown on their home page"), key=f"{prefix}-recognition"
            )
        st.form_submit_button(
            button, type="primary", on_click=_submit, args=(prefix, subject_id, kind, skill.id, texts, rater_id)
        )
    for problem in st.session_state.get(f"{prefix}-errors", []):
        st.error(_(problem))
    if st.session_state.pop(f"{prefix}-saved", False):
        st.success(_("Saved. Thank you."))


def skill_chart(levels: list[dict], skills: list[Skill], _: Translate, lang: str, key: str) -> None:
    """Self, peer and manager per skill, with the gaps worth a conversation named below."""
    views = debriefing.skill_views(levels, [s.id for s in skills])
    names = {s.id: s.name for s in skills}
    rows = debriefing.chart_rows(views, names)
    if not rows:
        st.caption(_("No rating to chart yet."))
        return
    chart_view.show(charts.spec(practice_charts.skill_views(rows, _), lang), lang, _, key=key)
    for view in views:
        if view.worth_talking:
            text = (
                _("{skill}: rated {gap} level higher by themself than by others — worth talking about.")
                if view.gap > 0
                else _("{skill}: rated {gap} level lower by themself than by others — tell them what you see.")
            )
            st.caption(text.format(skill=plain(names[view.skill]), gap=i18n.number(abs(view.gap), lang, 1)))


def show_ratings(rows: list[dict], skills: list[Skill], _: Translate, lang: str) -> None:
    """A person's ratings, newest first; every typed text shown as text."""
    names = {s.id: s.name for s in skills}
    if not rows:
        st.caption(_("No rating yet."))
    for row in rows:
        view = debriefing.KIND_LABELS[row["kind"]]
        with st.container(border=True):
            st.caption(
                _("{view} · {skill} · level {level} · {rater} · {when}").format(
                    view=_(view),
                    skill=plain(names.get(row["skill"], row["skill"])),
                    level=row["level"],
                    rater=plain(row["rater"]),
                    when=session.moment(row["created_at"]),
                )
            )
            for name in ("example", "went_well", "differently"):
                if row[name]:
                    st.markdown(f"**{_(TEXT_LABELS[name])}**")
                    st.text(row[name])
            if row["recognition"]:
                st.badge(_("Well done and thank you"), icon=":material/favorite:", color="green")
