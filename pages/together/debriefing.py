"""Debriefing: rate yourself, ask a colleague, be debriefed by your manager, per service skill."""

import streamlit as st

from modules import i18n, settings, store
from modules.accounts import roles
from modules.authoring import rubrics
from modules.content import rubric
from modules.practices import service
from modules.richtext import plain, show_html_as_text
from modules.ui import session
from modules.ui.debriefing import REQUESTS_TAB, rating_form, show_ratings, skill_chart
from modules.ui.widgets import team_picker

db, user = session.require("debriefing")
_ = session.translator()
ngettext = session.plural_translator()
lang = session.language()
skills = rubric.load(settings.content_folder(), lang)[0]
by_id = {s.id: s for s in skills}

st.title(_("Debriefing"))
st.caption(
    _(
        "Four observable levels per service skill. Rate yourself, ask a colleague, talk it over with your "
        "manager: the gaps between how you see yourself and how others see you are where you grow."
    )
)
if not skills:
    st.warning(_("No skill rubric is published yet. A trainer writes them on this page."))


def skill_picker(label: str, key: str):
    choice = st.selectbox(label, list(by_id), format_func=lambda s: by_id[s].name, key=key)
    skill = by_id[choice]
    if skill.description:
        st.caption(show_html_as_text(skill.description))
    return skill


def employee() -> None:
    """A learner's own debriefing; Home links here with ?tab=requests when colleagues wait for a rating."""
    requests = store.debriefing.open_requests(db, user["id"])
    labels = [
        _("My skills"),
        _("Rate myself"),
        _("Ask a colleague"),
        _("Colleagues' requests ({count})").format(count=len(requests)),
    ]
    opened = labels[3] if st.query_params.get("tab") == REQUESTS_TAB and requests else None  # Home's link
    mine, rate, ask, answer = st.tabs(labels, default=opened)
    with mine:
        ratings = store.debriefing.ratings_of(db, user["id"], user["id"])
        if not ratings:
            st.info(
                _(
                    "How it works: 1. rate yourself on a skill, with an example you remember; 2. ask a colleague "
                    "who saw you at work; 3. your manager debriefs you on the same four levels. Start with "
                    "“Rate myself”."
                )
            )
        else:
            skill_chart(store.debriefing.person_skill_levels(db, user["id"], user["id"]), skills, _, lang, "my-skills")
            show_ratings(ratings, skills, _, lang)
        with st.expander(_("The four levels of each skill")):
            for skill in skills:
                st.markdown(f"**{plain(skill.name)}** — {show_html_as_text(skill.description)}")
                st.markdown("\n".join(f"{n}. {show_html_as_text(level)}" for n, level in enumerate(skill.levels, 1)))
    with rate:
        skill = skill_picker(_("Skill"), "self-skill")
        rating_form("self", skill, user["id"], "self", ("example",), user["id"], _, _("Save my rating"))
    with ask:
        mates = {m["id"]: m["name"] for m in store.debriefing.teammates(db, user["id"])}
        if not mates:
            st.info(_("You have no colleague in your team yet."))
        else:
            skill = skill_picker(_("Skill"), "ask-skill")
            peer = st.selectbox(
                _("Colleague who watched you at work"),
                list(mates),
                format_func=mates.get,
                index=None,
                key="ask-peer",
                placeholder=_("Choose a colleague"),
            )
            if st.button(_("Ask for a rating"), type="primary", key="ask-button"):
                refused = service.ask_peer(db, user["id"], peer, skill.id)
                for problem in refused:
                    st.error(_(problem))
                if not refused:
                    st.success(
                        _("{name} will find your request on their Debriefing page.").format(name=plain(mates[peer]))
                    )
        for row in store.debriefing.asked_peers(db, user["id"])[:10]:
            state = _("answered") if row["answered"] else _("waiting")
            st.caption(
                _("{peer} · {skill} · {when} · {state}").format(
                    peer=plain(row["peer"]),
                    skill=plain(by_id[row["skill"]].name if row["skill"] in by_id else row["skill"]),
                    when=session.moment(row["created_at"]),
                    state=state,
                )
            )
    with answer:
        if not requests:
            st.caption(_("No colleague is waiting for your rating."))
        for request in requests:
            if request["skill"] not in by_id:
                continue
            st.markdown(
                _("**{name}** asks for your view on **{skill}**").format(
                    name=plain(request["subject"]), skill=plain(by_id[request["skill"]].name)
                )
            )
            rating_form(
                f"peer-{request['id']}",
                by_id[request["skill"]],
                request["subject_id"],
                "peer",
                ("example",),
                user["id"],
                _,
                _("Send my rating"),
            )


def manager() -> None:
    scope = store.scope.Scope(user["id"])
    people = {p["id"]: f"{p['name']} ({p['team']})" for p in store.debriefing.people_in_scope(db, scope)}
    asked = st.query_params.get("person", "")  # the to-do's "Debrief" link
    chosen = int(asked) if asked.isdigit() and int(asked) in people else None
    debrief, team = st.tabs([_("Debrief a person"), _("Team view")])
    with debrief:
        person = st.selectbox(
            _("Person"),
            list(people),
            format_func=people.get,
            index=None if chosen is None else list(people).index(chosen),
            key="debrief-person",
            placeholder=_("Choose a person of your team"),
        )
        if person is not None:
            skill_chart(
                store.debriefing.person_skill_levels(db, user["id"], person), skills, _, lang, f"person-{person}"
            )
            skill = skill_picker(_("Skill"), "debrief-skill")
            rating_form(
                f"manager-{person}",
                skill,
                person,
                "manager",
                ("went_well", "differently"),
                user["id"],
                _,
                _("Save the debriefing"),
                recognition=True,
            )
            with st.expander(_("Their ratings so far")):
                show_ratings(store.debriefing.ratings_of(db, user["id"], person), skills, _, lang)
    with team:
        team_view()


def team_view() -> None:
    teams = {t["id"]: t["name"] for t in store.measurement.visible_teams(db, user["id"])}
    choice = team_picker(st, teams, user["role"], _, key="skills-team")
    st.caption(_("Each person's latest rating per view and skill, averaged over the team."))
    scope = store.scope.Scope(user["id"], team_id=choice)
    skill_chart(store.debriefing.team_skill_levels(db, scope), skills, _, lang, f"team-{choice}")


def rubric_editor() -> None:
    folder = settings.content_folder()
    edit_lang = st.selectbox(_("Language"), list(i18n.LANGUAGES), format_func=i18n.LANGUAGES.get, key="rubric-lang")
    text = st.text_area(
        _("Rubrics (Markdown)"), rubrics.text_of(folder, edit_lang), height=420, key=f"rubric-text-{edit_lang}"
    )
    found, problems = rubrics.check(folder, edit_lang, text)
    st.caption(ngettext("{count} skill read.", "{count} skills read.", len(found)).format(count=len(found)))
    for problem in problems:
        st.warning(_("Line {line}: {message}").format(line=problem.line, message=plain(problem.message)))
    if st.button(_("Save the rubrics"), type="primary", key="rubric-save"):
        refused = rubrics.save_rubric(db, folder, edit_lang, text, user["username"])
        if refused:
            st.error(_("Not saved: fix the problems above first. Your text is kept here."))
        else:
            st.success(_("Saved. Everyone now rates against these levels."))


if skills and roles.may(user["role"], roles.MEMBER):
    employee()
elif skills and roles.may(user["role"], roles.MANAGE_TEAMS):
    manager()
elif roles.may(user["role"], roles.EDIT_RUBRICS):
    team, editor = st.tabs([_("Team view"), _("Rubrics")])
    with team:
        if skills:
            team_view()
    with editor:
        rubric_editor()
