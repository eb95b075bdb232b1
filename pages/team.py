"""Team progress (managers): who has passed what in the teams you manage."""

import streamlit as st

from modules import session, store
from modules.richtext import plain

db, user = session.require("team")
modules = session.catalog().for_language(session.language())
teams = store.managed_teams(db, user["id"])
rows = store.team_module_figures(db, user["id"])

st.title("Team progress")
if not teams:
    st.info("You do not manage a team yet. Ask an administrator to link you to your team.")
    st.stop()
st.caption("Teams: " + ", ".join(plain(t["name"]) for t in teams))

people: dict[int, dict] = {}
for row in rows:
    person = people.setdefault(row["user_id"], {"Team": row["team"], "Name": row["name"]})
    if row["module_id"]:
        person[row["module_id"]] = row
table = []
for person in people.values():
    line = {"Team": person["Team"], "Name": person["Name"]}
    for module in modules:
        figures = person.get(module.id)
        if not figures:
            line[module.title] = "—"
        elif figures["passed"]:
            line[module.title] = f"passed · {figures['best']:.0f} %"
        elif figures["attempts"]:
            line[module.title] = f"not passed · best {figures['best']:.0f} %"
        else:
            line[module.title] = f"reading ({figures['sections_read']}/{len(module.sections)})"
    line["Modules passed"] = sum(1 for m in modules if person.get(m.id, {}).get("passed"))
    table.append(line)

a, b, c = st.columns(3)
a.metric("People", len(table))
assigned = len(table) * len(modules)
passed = sum(r["Modules passed"] for r in table)
b.metric("Completion", f"{100 * passed / assigned:.0f} %" if assigned else "—")
c.metric("Passed everything", sum(1 for r in table if r["Modules passed"] == len(modules)))
st.dataframe(table, hide_index=True, width="stretch")
