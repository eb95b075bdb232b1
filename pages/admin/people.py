"""People (administrators): find anyone, change their account, deactivate a leaver, unlock, reset a password."""

import streamlit as st

from modules import i18n, store
from modules.accounts import links, people, roles, sync
from modules.richtext import plain
from modules.ui import session, widgets

db, user = session.require("people")
_ = session.translator()
lang = session.language()
FLASH = "people-flash"

st.title(_("People"))
for kind, text in st.session_state.pop(FLASH, []):
    getattr(st, kind)(text)
teams = {t["id"]: t["name"] for t in store.measurement.visible_teams(db, user["id"])}
STATUS = {"active": _("Active"), "deactivated": _("Deactivated"), "all": _("Everyone")}
labels = {"name": _("Name"), "email": _("E-mail"), "language": _("Language"), "team_id": _("Team"), "role": _("Role")}

with st.expander(_("Add a person"), icon=":material/person_add:"):
    with st.form("add-person", enter_to_submit=False):
        left, right = st.columns(2)
        new_username = left.text_input(_("Username"), key="add-username")
        new_name = right.text_input(_("Name"), key="add-name")
        new_email = left.text_input(_("E-mail"), key="add-email")
        new_role = right.selectbox(
            _("Role"), list(roles.ROLES), format_func=lambda r: _(roles.ROLE_LABELS[r]), key="add-role"
        )
        new_team = left.selectbox(
            _("Team"), [None, *teams], format_func=lambda t: _("No team") if t is None else teams[t], key="add-team"
        )
        new_language = right.selectbox(
            _("Language"),
            [None, *i18n.LANGUAGES],
            format_func=lambda code: _("The browser's language") if code is None else i18n.LANGUAGES[code],
            key="add-language",
        )
        added = st.form_submit_button(_("Add this person"), type="primary")
    if added:
        refused, new_id, temporary = people.add_person(
            db, user["id"], new_username, people.Edit(new_name, new_email, new_language, new_team, new_role)
        )
        for problem in refused:
            st.error(_(problem))
        if new_id is not None and new_email.strip() and links.can_email():
            if links.invite(db, user["id"], new_id, session.base_url(), session.now()):
                st.success(_("Added. An invitation to choose a password went to {email}.").format(email=new_email))
            else:
                st.warning(_("Added, but the invitation could not be sent: give this temporary password once."))
                st.code(temporary, language=None)
        elif new_id is not None:
            st.success(
                _("Added. Give {name} this temporary password in person; it is shown only now.").format(
                    name=plain(new_name)
                )
            )
            st.code(temporary, language=None)

search, team_col, role_col, status_col = st.columns([3, 2, 2, 2])
text = search.text_input(_("Find by name, username, e-mail or team"), key="people-search")
team_filter = team_col.selectbox(
    _("Team"), [None, *teams], format_func=lambda t: _("All teams") if t is None else teams[t], key="people-team"
)
role_filter = role_col.selectbox(
    _("Role"),
    [None, *roles.ROLES],
    format_func=lambda r: _("All roles") if r is None else _(roles.ROLE_LABELS[r]),
    key="people-role",
)
status = status_col.selectbox(_("Status"), list(STATUS), format_func=STATUS.get, key="people-status")
offset = widgets.page_offset("people", (text, team_filter, role_filter, status))
active = {"active": True, "deactivated": False, "all": None}[status]
found, total = store.people.find(db, text, team_filter, role_filter, active, offset)

if not found:
    st.info(_("Nobody matches this search."))
else:
    widgets.pager(offset, len(found), total, _, lang)
    st.dataframe(
        [
            {
                _("Name"): p["name"],
                _("Username"): p["username"],
                _("E-mail"): p["email"] or "—",
                _("Team"): p["team"] or "—",
                _("Role"): _(roles.ROLE_LABELS.get(p["role"], p["role"])),
                _("Status"): _("Deactivated") if p["deactivated_at"] else _("Active"),
            }
            for p in found
        ],
        hide_index=True,
        width="stretch",
    )
    widgets.pager_buttons("people", offset, len(found), total, store.people.PAGE, _)

    def erase(person_id: int) -> None:
        """Before the next run draws the list: the erased person is no longer the one open."""
        if people.erase_person(session.database(), user["id"], person_id, session.now()):
            st.session_state["people-open"] = None
            st.session_state[FLASH] = [("success", _("Erased. Their certificates now answer “revoked”."))]

    by_id = {p["id"]: p for p in found}
    chosen = st.selectbox(
        _("Open a person"),
        list(by_id),
        index=None,
        format_func=lambda i: f"{by_id[i]['name']} ({by_id[i]['username']})",
        key="people-open",
    )
    person = store.people.person(db, chosen) if chosen is not None else None
    if person is not None:
        st.subheader(plain(person["name"]), anchor=False)
        if person["deactivated_at"]:
            st.warning(
                _("Deactivated on {date}: cannot sign in; history kept.").format(
                    date=session.moment(person["deactivated_at"])
                )
            )
        with st.form(f"person-{person['id']}", enter_to_submit=False):
            name = st.text_input(_("Name"), person["name"], max_chars=None)
            email = st.text_input(_("E-mail"), person["email"])
            languages = [None, *i18n.LANGUAGES]
            language = st.selectbox(
                _("Language"),
                languages,
                index=languages.index(person["language"]) if person["language"] in languages else 0,
                format_func=lambda code: _("The browser's language") if code is None else i18n.LANGUAGES[code],
            )
            team_choices = [None, *teams]
            team = st.selectbox(
                _("Team"),
                team_choices,
                index=team_choices.index(person["team_id"]) if person["team_id"] in team_choices else 0,
                format_func=lambda t: _("No team") if t is None else teams[t],
            )
            role = st.selectbox(
                _("Role"),
                list(roles.ROLES),
                index=list(roles.ROLES).index(person["role"]) if person["role"] in roles.ROLES else 0,
                format_func=lambda r: _(roles.ROLE_LABELS[r]),
            )
            managed_now = [t["id"] for t in store.accounts.managed_teams(db, person["id"])]
            managed = st.multiselect(
                _("Teams this person manages"),
                list(teams),
                default=[t for t in managed_now if t in teams],
                format_func=teams.get,
                help=_("For managers: they see and act for these teams."),
            )
            saved = st.form_submit_button(_("Save"), type="primary")
        if saved:
            refused, changed = people.change(
                db, user["id"], person["id"], people.Edit(name, email, language, team, role)
            )
            moved = people.set_managed_teams(db, user["id"], person["id"], managed) if not refused else None
            for problem in refused:
                st.error(_(problem))
            if not refused:
                st.session_state[FLASH] = [
                    (
                        "success",
                        _("Saved: {fields}.").format(
                            fields=", ".join([*(labels[f] for f in changed), *([_("managed teams")] if moved else [])])
                        )
                        if changed or moved
                        else _("Nothing to save: no field changed."),
                    )
                ]
                st.rerun()

        invitable = person["email"] and not person["deactivated_at"] and links.can_email()
        if invitable and st.button(
            _("Send the invitation (a link to choose a password, valid 7 days)"), icon=":material/mail:"
        ):
            sent = links.invite(db, user["id"], person["id"], session.base_url(), session.now())
            st.session_state[FLASH] = [
                ("success", _("Invitation sent to {email}.").format(email=person["email"]))
                if sent
                else ("error", _("The invitation could not be sent: check the e-mail address and the mail server."))
            ]
            st.rerun()
        act, lock, reset = st.columns(3)
        if person["deactivated_at"]:
            if act.button(_("Reactivate"), icon=":material/person_check:", key=f"reactivate-{person['id']}"):
                people.reactivate(db, user["id"], person["id"], session.now())
                st.session_state[FLASH] = [("success", _("Reactivated: they can sign in again."))]
                st.rerun()
        elif person["id"] != user["id"] and act.button(
            _("Deactivate (a leaver)"), icon=":material/person_off:", key=f"deactivate-{person['id']}"
        ):
            people.deactivate(db, user["id"], person["id"], session.now())
            st.session_state[FLASH] = [
                (
                    "success",
                    _(
                        "Deactivated: they cannot sign in, their open sessions end at their next click, and they "
                        "leave team lists, assignments and reminders from today. Their history is kept."
                    ),
                )
            ]
            st.rerun()
        if person["locked_until"] and lock.button(_("Unlock"), icon=":material/lock_open:"):
            people.unlock(db, user["id"], person["id"])
            st.session_state[FLASH] = [("success", _("Unlocked: they can sign in again."))]
            st.rerun()
        if reset.button(_("Reset the password"), icon=":material/key:", key=f"reset-{person['id']}"):
            temporary = people.reset_password(db, user["id"], person["id"])
            if temporary is None:
                st.error(_(people.NOT_ALLOWED))
            else:
                st.warning(
                    _(
                        "Give this temporary password to {name} in person; it is shown only now. Their sessions "
                        "have ended; they choose their own password in My account."
                    ).format(name=plain(person["name"]))
                )
                st.code(temporary, language=None)

        with st.expander(_("Personal data (GDPR)"), icon=":material/shield_person:"):
            st.caption(
                _(
                    "Everything the portal holds about this person: account, attempts and answers, reads, practice, "
                    "ratings given and received, surveys answered (never the answers), stories, suggestions, "
                    "certificates, and the history of the account. Each download is recorded."
                )
            )
            data_json, data_csv = st.columns(2)
            data_json.download_button(
                _("Download as JSON"),
                data=lambda: people.as_json(people.export_person(session.database(), user["id"], person["id"]) or {}),
                file_name=f"personal-data-{person['username']}.json",
                mime="application/json",
                on_click="ignore",
                icon=":material/download:",
            )
            data_csv.download_button(
                _("Download as CSV files (zip)"),
                data=lambda: people.as_csv_zip(
                    people.export_person(session.database(), user["id"], person["id"]) or {}
                ),
                file_name=f"personal-data-{person['username']}.zip",
                mime="application/zip",
                on_click="ignore",
                icon=":material/folder_zip:",
            )
            if person["id"] != user["id"] and not person["username"].startswith("erased-"):
                sure = st.checkbox(
                    _(
                        "I understand: name, e-mail, username and free text are erased for good; anonymous figures stay."
                    ),
                    key=f"erase-sure-{person['id']}",
                )
                st.button(
                    _("Erase this person"),
                    disabled=not sure,
                    icon=":material/delete_forever:",
                    on_click=erase,
                    args=(person["id"],),
                )

st.divider()
with st.expander(_("Apply the HR roster (joiners, movers, leavers)"), icon=":material/sync:"):
    st.caption(
        _(
            "A CSV with the columns username, name, email, team, role (and optionally active: yes or no). "
            "You see what will happen first; nothing changes until you apply it."
        )
    )
    upload = st.file_uploader(_("Roster file (CSV)"), type=["csv"], key="roster-file")
    full = st.checkbox(
        _("This file is the whole staff: deactivate everyone absent from it (administrators excepted)"),
        key="roster-full",
    )
    if upload is not None:
        try:
            roster_text = upload.getvalue().decode("utf-8-sig")
        except UnicodeDecodeError:
            st.error(_("This file is not UTF-8 text: export it again as CSV UTF-8."))
            roster_text = None
        if roster_text is not None:
            planned = sync.plan(db, roster_text, full=full)
            figures = st.columns(5)
            for column, (label, count) in zip(
                figures,
                [
                    (_("New"), len(planned.new)),
                    (_("Changed"), len(planned.changed)),
                    (_("Leaving"), len(planned.leaving)),
                    (_("Unchanged"), planned.unchanged),
                    (_("Bad rows"), len(planned.problems)),
                ],
                strict=True,
            ):
                column.metric(label, i18n.number(count, lang))
            for line, message in planned.problems:
                st.warning(_("Line {line}: {message}").format(line=line, message=plain(message)))
            if planned.changed:
                st.dataframe(
                    [
                        {
                            _("Username"): change.username,
                            _("Changes"): "; ".join(
                                f"{k}: {old or '—'} → {new or '—'}" for k, (old, new) in change.fields.items()
                            ),
                        }
                        for change in planned.changed
                    ],
                    hide_index=True,
                    width="stretch",
                )
            if planned.leaving:
                st.caption(_("Leaving: {names}").format(names=", ".join(u for _i, u in planned.leaving)))
            if planned.empty:
                st.success(_("Nothing to change: the portal already matches this file."))
            elif st.button(_("Apply these changes"), type="primary", key="roster-apply"):
                done = sync.apply(db, user["id"], planned, session.now())
                invited = sync.invite_new(db, user["id"], done, session.base_url(), session.now())
                if invited:
                    st.info(_("{count} invitations sent by e-mail.").format(count=invited))
                st.success(
                    _("Applied: {created} created, {changed} changed, {deactivated} deactivated.").format(
                        created=len(done.created), changed=done.changed, deactivated=done.deactivated
                    )
                )
                if done.created:
                    st.warning(_("Temporary passwords, shown only now: give each to its person."))
                    st.dataframe(
                        [
                            {_("Username"): c.username, _("Temporary password"): c.temporary_password}
                            for c in done.created
                        ],
                        hide_index=True,
                    )

with st.expander(_("Teams"), icon=":material/groups:"):
    with st.form("new-team", clear_on_submit=True, enter_to_submit=False):
        new_team = st.text_input(_("New team's name"))
        if st.form_submit_button(_("Create the team")):
            if not new_team.strip():
                st.error(_("Give the team a name."))
            elif people.create_team(db, user["id"], new_team) is None:
                st.error(_(people.NOT_ALLOWED))
            else:
                st.session_state[FLASH] = [
                    ("success", _("Team «{name}» created.").format(name=plain(new_team.strip())))
                ]
                st.rerun()
    if teams:
        renamed = st.selectbox(_("Rename a team"), list(teams), format_func=teams.get, key="team-to-rename")
        with st.form("rename-team", enter_to_submit=False):
            name_now = st.text_input(_("Its new name"), teams[renamed])
            if st.form_submit_button(_("Rename")):
                outcome = people.rename_team(db, user["id"], renamed, name_now)
                if outcome:
                    st.session_state[FLASH] = [("success", _("Team renamed."))]
                    st.rerun()
                st.error(_("Not renamed: the name is empty, unchanged, or another team has it."))
