"""Audit log (administrators): who did what to which account, and when."""

import json

import streamlit as st

from modules import i18n, spreadsheet, store
from modules.ui import session

db, user = session.require("audit")
_ = session.translator()
lang = session.language()
OFFSET, EXPORT_ROWS = "audit-offset", 10_000

st.title(_("Audit log"))
st.caption(
    _("Every change to an account, every sign-in failure and lockout, newest first. Nothing here can be edited.")
)
search, action_col = st.columns([3, 2])
text = search.text_input(_("Find by username (who acted, or whose account)"), key="audit-search")
actions = store.people.audit_actions(db)
action = action_col.selectbox(
    _("Event"), [None, *actions], format_func=lambda a: _("Every event") if a is None else a, key="audit-action"
)
if st.session_state.get("audit-filters") != (text, action):
    st.session_state["audit-filters"], st.session_state[OFFSET] = (text, action), 0
offset = st.session_state.get(OFFSET, 0)
rows, total = store.people.audit_entries(db, text, action, offset)


def details(raw: str) -> str:
    """Before → after for each field changed, or the event's own words."""
    data = json.loads(raw or "{}")
    return "; ".join(
        f"{field}: {value['before']} → {value['after']}"
        if isinstance(value, dict) and "before" in value
        else f"{field}: {value}"
        for field, value in data.items()
    )


if not rows:
    st.info(_("No event matches."))
else:
    st.caption(
        _("{first}–{last} of {total}").format(
            first=i18n.number(offset + 1, lang),
            last=i18n.number(offset + len(rows), lang),
            total=i18n.number(total, lang),
        )
    )
    table = [
        {
            _("When"): session.moment(r["at"]),
            _("Who"): r["actor"],
            _("Event"): r["action"],
            _("Account"): r["subject"] or "—",
            _("Details"): details(r["details"]) or "—",
        }
        for r in rows
    ]
    st.dataframe(table, hide_index=True, width="stretch")
    back, ahead = st.columns(2)
    if back.button(_("Previous"), disabled=offset == 0, icon=":material/arrow_back:"):
        st.session_state[OFFSET] = max(0, offset - store.people.PAGE)
        st.rerun()
    if ahead.button(_("Next"), disabled=offset + len(rows) >= total, icon=":material/arrow_forward:"):
        st.session_state[OFFSET] = offset + store.people.PAGE
        st.rerun()
    everything, _total = store.people.audit_entries(db, text, action, 0, EXPORT_ROWS)
    st.download_button(
        _("Download these events (CSV)"),
        spreadsheet.csv_bytes(
            [_("When"), _("Who"), _("Event"), _("Account"), _("Details")],
            ([r["at"], r["actor"], r["action"], r["subject"], details(r["details"])] for r in everything),
        ),
        file_name="audit-log.csv",
        mime="text/csv",
        on_click="ignore",
        icon=":material/download:",
    )
