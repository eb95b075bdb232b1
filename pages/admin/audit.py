"""Audit log (administrators): who did what to which account, and when."""

import json

import streamlit as st

from modules import spreadsheet, store
from modules.ui import session, widgets

db, user = session.require("audit")
_ = session.translator()
lang = session.language()
EXPORT_ROWS = 10_000

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
offset = widgets.page_offset("audit", (text, action))
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
    widgets.pager(offset, len(rows), total, _, lang)
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
    widgets.pager_buttons("audit", offset, len(rows), total, store.people.PAGE, _)
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
