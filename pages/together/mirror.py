"""Mirror survey: the same questions to employees and customers; the gaps show where to act."""

import pandas as pd
import streamlit as st

from modules import i18n, store
from modules.accounts import roles
from modules.practices import mirror, service
from modules.richtext import plain
from modules.ui import session
from modules.ui.customer_import import import_panel
from modules.ui.mirror import answer_form, own_team_results, results
from modules.ui.widgets import limited_text

db, user = session.require("mirror")
_ = session.translator()
lang = session.language()
current = store.surveys.open_survey(db)
defines = roles.may(user["role"], roles.DEFINE_SURVEYS)

st.title(_("Mirror survey"))
st.caption(
    _(
        "How we treat each other shows in how we treat customers. The same questions go to the team and "
        "to customers; where the answers differ is where to act."
    )
)


def define() -> None:
    """A trainer starts a new survey; it replaces the open one, whose answers are kept."""
    if st.session_state.pop("survey-started", False):
        st.success(_("The survey is open: employees find it on this page."))
    others = [code for code in i18n.LANGUAGES if code != lang]
    if current:
        main = store.surveys.survey_questions(db, current["id"], lang)
        given = mirror.translations_beside(
            main, {other: store.surveys.survey_questions(db, current["id"], other) for other in others}
        )
    else:
        main, given = list(mirror.TEMPLATES.get(lang, mirror.TEMPLATE)), mirror.template_translations(lang)
    title = limited_text(
        _("Title"), mirror.TITLE_LIMITS[1], "survey-title", _, area=False, placeholder=_("Mirror survey, spring")
    )
    st.caption(
        _(
            "One row per question. The column name is the CSV column customers' answers arrive in. "
            "Exactly one question uses the 0 to 10 recommendation scale. Give each question in the other "
            "languages too, so everyone is asked in theirs; a blank language shows your own text."
        )
    )
    columns = {
        "key": st.column_config.TextColumn(_("Column name"), max_chars=30),
        "employee_text": st.column_config.TextColumn(_("Asked to employees"), width=260),
        "customer_text": st.column_config.TextColumn(_("Asked to customers"), width=260),
        "scale": st.column_config.SelectboxColumn(
            _("Scale"),
            options=list(mirror.SCALES),
            required=True,
            default="agree",
            format_func=lambda scale: _(mirror.SCALE_LABELS[scale]),
        ),
    }
    for other in others:
        name = i18n.language_name(other, lang)
        columns[f"employee_text_{other}"] = st.column_config.TextColumn(
            _("Asked to employees ({language})").format(language=name), width=260
        )
        columns[f"customer_text_{other}"] = st.column_config.TextColumn(
            _("Asked to customers ({language})").format(language=name), width=260
        )
    edited = st.data_editor(
        pd.DataFrame(mirror.editor_rows(main, given, others), columns=list(columns)),
        num_rows="dynamic",
        key="survey-questions",
        width="stretch",
        column_config=columns,
    )
    questions = mirror.from_editor(edited.fillna("").to_dict("records"), others)
    if st.button(_("Start this survey"), type="primary", key="survey-start"):
        found = service.start_survey(db, user["id"], title, questions)
        for problem in found:
            st.error(_(problem))
        if not found:
            st.session_state["survey-started"] = True
            st.rerun()


if roles.may(user["role"], roles.MEMBER):
    answer_form(db, user, current, _)
    own_team_results(db, user, current, _, lang)
else:
    panels = st.tabs([_("Results")] + ([_("Define a survey"), _("Customer answers")] if defines else []))
    with panels[0]:
        results(db, user, _, lang)
    if defines:
        with panels[1]:
            if current:
                st.info(
                    _("Open now: «{title}». Starting a new survey closes it; its answers are kept.").format(
                        title=plain(current["title"])
                    )
                )
            define()
        with panels[2]:
            import_panel(db, user, _, lang)
