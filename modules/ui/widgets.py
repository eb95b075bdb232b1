"""Small Streamlit pieces that several pages show the same way.

Only presentation lives here: a status badge, a module's one-line facts, a
question as learners see it. Every piece takes the page's `_` translator.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from contextlib import nullcontext
from pathlib import Path
from typing import TypeVar

import streamlit as st

from modules import i18n, richtext, spreadsheet
from modules.accounts import roles
from modules.content.model import Question, TrainingModule
from modules.i18n import N_, Translate, untranslated
from modules.learning import progress
from modules.richtext import plain
from modules.ui import accessibility, session

T = TypeVar("T")
PAGE_STEP = 10
BADGES = {
    progress.NOT_STARTED: (N_("Not started"), "gray", ":material/radio_button_unchecked:"),
    progress.IN_PROGRESS: (N_("In progress"), "blue", ":material/pending:"),
    progress.PASSED: (N_("Passed"), "green", ":material/check_circle:"),
    progress.NOT_PASSED_YET: (N_("Not passed yet"), "orange", ":material/replay:"),
}


PRODUCT = "Service Academy"


def tab_title(*parts: str) -> str:
    """The browser tab's title, most specific first: "Quiz — Emotional intelligence — Service Academy"."""
    return " — ".join([*(part for part in parts if part), PRODUCT])  # plain text: no Markdown escapes


def phone_layout() -> None:
    """What Streamlit leaves to the browser on a narrow screen: close the sidebar once a page, or a section in a
    module's contents, is chosen in it (it otherwise keeps covering most of a phone), wrap long link labels and
    tabs instead of cutting them."""
    st.sidebar.html(Path(__file__).with_name("assets") / "phone.html", unsafe_allow_javascript=True)


def limited_text(label: str, limit: int, key: str, _: Translate, *, area: bool = True, **options) -> str:
    """A free-text field that says its limit up front and never cuts what was typed or pasted.

    Streamlit's `max_chars` drops a longer paste; here the text is kept, the limit is in the help,
    and an over-long text gets a caption now and the form's own error when submitted.
    """
    hint = _("Up to {limit} characters.").format(limit=limit)
    widget = st.text_area if area else st.text_input
    value = widget(label, key=key, help=hint, **options) or ""
    if len(value) > limit:
        st.caption(
            _(":orange[{count} characters, {over} over the limit of {limit}: shorten it before sending.]").format(
                count=len(value), over=len(value) - limit, limit=limit
            )
        )
    return value


def module_meta(module: TrainingModule, lang: str, skill_names: dict[str, str] | None = None) -> str:
    """Duration, size and skills in one caption line; skills by their names in the rubric, not their ids."""
    _, ngettext = i18n.translator(lang), i18n.plural_translator(lang)
    parts = []
    if module.duration_minutes:
        parts.append(_("{minutes} min").format(minutes=module.duration_minutes))
    count = len(module.sections)
    parts.append(ngettext("{count} section", "{count} sections", count).format(count=count))
    if module.has_quiz:
        count = len(module.questions)
        text = ngettext(
            "quiz of {count} question, pass mark {mark} %", "quiz of {count} questions, pass mark {mark} %", count
        )
        parts.append(text.format(count=count, mark=module.pass_mark))
    if module.skills:
        names = skill_names or {}
        shown = ", ".join(plain(names.get(s, s.replace("-", " "))) for s in module.skills)
        parts.append(_("skills: {skills}").format(skills=shown))
    return " · ".join(parts)


def status_badge(row: progress.ModuleProgress, _: Translate = untranslated) -> None:
    label, color, icon = BADGES[row.status]
    label = _(label)
    if row.best is not None:
        label += " · " + _("best {score} %").format(score=f"{row.best:.0f}")
    st.badge(label, color=color, icon=icon)


def figures_row(figures: list, _: Translate = untranslated, lang: str = "en") -> None:
    """Headline metrics with their change against the previous period."""
    for column, figure in zip(st.columns(len(figures)), figures):
        is_percent = figure.unit.strip() == "%"
        points = " " + _("pts") if is_percent else ""  # a change of a percentage is in points
        delta = None if figure.delta is None else f"{figure.delta:+.0f}{points}"
        value = i18n.percent(figure.value, lang) if is_percent else figure.shown(figure.value, lang)
        column.metric(_(figure.label), value, delta, help=_(figure.help).format(**figure.facts))


def download(rows: list[dict], columns: dict[str, str], name: str, key: str, _: Translate = untranslated) -> None:
    """The table behind a chart, as CSV, with readable column names, safe to open in a spreadsheet (split with
    ";" and a decimal comma for a French reader, as French Excel expects).

    Written when the button is pressed, not on every run: the organisation's 2,000 teams took 0.12 s a run."""
    headers, lang = {key: _(label) for key, label in columns.items()}, session.language()
    st.download_button(
        _("Download the data (CSV)"),
        lambda: spreadsheet.table_bytes(rows, headers, lang),
        file_name=f"{name}.csv",
        mime="text/csv",
        icon=":material/download:",
        key=key,
        type="tertiary",
    )


def _shown_image(path: Path, caption: str) -> bool:
    """Show an image file; False (nothing shown) when it is not one, so the section goes on."""
    try:
        st.image(str(path), caption=caption or None)
        return True
    except Exception:  # a file that is not an image: PIL's UnidentifiedImageError and its kin
        return False


def show_markdown(text: str, module: TrainingModule, _: Translate = untranslated, place: str = "") -> None:
    """Trainer Markdown with raw HTML shown as text, and images from beside the module file. With `place` (unique
    on the page), a module shown in another language than the reader's is marked as such for screen readers."""
    if place and module.lang != session.language():
        with accessibility.in_language(module.lang, f"{module.id}-{place}"):
            show_markdown(text, module, _)
        return
    for kind, value in richtext.split_images(text):
        if kind == "image":
            path = (module.folder / value[1]).resolve()
            if path.is_file() and module.folder.resolve() in path.parents and _shown_image(path, value[0]):
                continue
            st.caption(_("(missing image: {path})").format(path=plain(value[1])))
        else:
            st.markdown(richtext.as_shown(value, module.lang))


def question(
    module: TrainingModule,
    item: Question,
    number: int,
    key: str,
    order: list[int],
    disabled: bool = False,
    _: Translate = untranslated,
    on_change: Callable[[], None] | None = None,
) -> None:
    """One quiz question as learners see it: prompt, scenario, radio buttons or checkboxes."""

    def shown(text: str) -> str:
        return richtext.as_shown(text, module.lang)

    prompt = f"{number}. {shown(item.prompt)}"
    other = not disabled and module.lang != session.language()  # a module not yet in the reader's language
    with (
        st.container(key=f"question-{item.id}" if not disabled else None),  # a group named by its prompt
        accessibility.in_language(module.lang, f"{module.id}-{item.id}") if other else nullcontext(),
    ):
        st.markdown(f"**{prompt}**")
        if item.scenario:
            show_markdown(item.scenario, module, _)
        if item.multiple:
            st.caption(_("Choose all that apply."))
            for i in order:
                st.checkbox(
                    shown(item.options[i]),
                    key=f"{key}:{i}",
                    disabled=disabled,
                    on_change=on_change,
                )
        else:
            st.radio(  # its label is the prompt: a screen reader names the group by the question, not "Your answer"
                f"{number}. {richtext.as_words(richtext.for_language(item.prompt, module.lang))}",
                order,
                format_func=lambda i: shown(item.options[i]),
                index=None,
                key=key,
                label_visibility="collapsed",
                disabled=disabled,
                on_change=on_change,
            )
        st.divider()


def chosen(item: Question, key: str) -> set[int]:
    """The options ticked in `question`'s widgets under `key` (the one place that knows their keys)."""
    if item.multiple:
        return {i for i in range(len(item.options)) if st.session_state.get(f"{key}:{i}")}
    choice = st.session_state.get(key)  # an option's index; anything else (a stale widget's text) is no answer
    valid = isinstance(choice, int) and not isinstance(choice, bool) and 0 <= choice < len(item.options)
    return {choice} if valid else set()


def choose(item: Question, key: str, options: set[int]) -> None:
    """Tick exactly `options` in `question`'s widgets under `key` before they are drawn (a draft brought back)."""
    if item.multiple:
        for i in range(len(item.options)):
            st.session_state[f"{key}:{i}"] = i in options
    else:
        st.session_state[key] = next(iter(options), None)


def preview(module: TrainingModule, key: str, lang: str, skill_names: dict[str, str] | None = None) -> None:
    """The whole module on one page, rendered by the learners' own code (for authors)."""
    _ = i18n.translator(lang)
    st.title(plain(module.title), anchor=False)
    st.caption(module_meta(module, lang, skill_names))
    if module.intro:
        show_markdown(module.intro, module, _)
    for section in module.sections:
        st.header(plain(section.title), anchor=False, divider="gray")
        show_markdown(section.body, module, _)
    if module.has_quiz:
        st.header(_("Quiz"), anchor=False, divider="gray")
        if module.quiz_intro:
            show_markdown(module.quiz_intro, module, _)
        for number, item in enumerate(module.questions, 1):
            question(module, item, number, f"{key}:{item.id}", list(range(len(item.options))), disabled=True, _=_)
            for variant in item.variants:
                st.caption(_("Practice only: question {number} in another situation").format(number=number))
                options = list(range(len(variant.options)))
                question(module, variant, number, f"{key}:{variant.id}", options, disabled=True, _=_)
        for say in module.say_questions:
            skill = module.say_skill(say) or ""
            st.caption(
                _("What would you say? Not scored; rated by the learner on «{skill}»").format(
                    skill=(skill_names or {}).get(skill, skill)
                )
            )
            st.markdown(f"**{richtext.as_shown(say.prompt, module.lang)}**")
            if say.scenario:
                show_markdown(say.scenario, module, _)
            st.info(richtext.as_shown(say.model_answer, module.lang), icon=":material/record_voice_over:")


def shown_limit(key: str, step: int = PAGE_STEP) -> int:
    """How many items of the list `key` are shown: `step` more each time "Show more" is pressed."""
    return int(st.session_state.get(key, step))


def show_paged(
    rows: Sequence[T],
    show: Callable[[T], None],
    key: str,
    _: Translate = untranslated,
    step: int = PAGE_STEP,
    total: int | None = None,
) -> None:
    """A long list shown `step` items at a time, with a button for more (kept for the session). With `total`,
    `rows` is already the page fetched in SQL (`shown_limit` rows) and `total` how many there are in all.

    A page of every story or suggestion of a large organisation took a third
    of a second to send on each run; the newest few are what people read."""
    limit = shown_limit(key, step)
    count = len(rows) if total is None else total
    for row in rows[:limit]:
        show(row)
    if count > limit:
        st.button(
            _("Show {count} more").format(count=min(step, count - limit)),
            key=f"{key}-more",
            icon=":material/expand_more:",
            on_click=st.session_state.__setitem__,
            args=(key, limit + step),
        )


MANY_TEAMS = 20  # past this, "all teams" is the Organisation page's view, not a team page's


def team_picker(place, teams: dict[int, str], role: str, _: Translate, key: str | None = None) -> int | None:
    """Choose one of the viewer's teams, or all of them (None) when there are several; named as they are:
    "All teams" for whoever sees every team, "All my teams" for a manager of several, nothing for one. A head
    office's hundreds of teams are chosen one at a time (type to search): their sum is the Organisation page."""
    many = len(teams) > MANY_TEAMS
    choices: list[int | None] = list(teams) if len(teams) == 1 or many else [None, *teams]
    everyone = _("All teams") if roles.may(role, roles.ALL_TEAMS) else _("All my teams")
    chosen = place.selectbox(_("Team"), choices, format_func=lambda t: everyone if t is None else teams[t], key=key)
    if many:
        together = (
            _(" Every team together is on the Organisation page.") if roles.may_open(role, "organisation") else ""
        )
        place.caption(_("{count} teams: type to find one.").format(count=len(teams)) + together)
    return chosen


def page_offset(key: str, filters: tuple) -> int:
    """Where a paged list starts: kept for the session, back to its first page whenever its filters change."""
    if st.session_state.get(f"{key}-filters") != filters:
        st.session_state[f"{key}-filters"], st.session_state[f"{key}-offset"] = filters, 0
    return int(st.session_state.get(f"{key}-offset", 0))


def pager(offset: int, shown: int, total: int, _: Translate, lang: str) -> None:
    """'26–50 of 1,234' above a page of rows (the page itself is fetched in SQL)."""
    st.caption(
        _("{first}–{last} of {total}").format(
            first=i18n.number(offset + 1, lang), last=i18n.number(offset + shown, lang), total=i18n.number(total, lang)
        )
    )


TABLE_PAGE = 25  # rows of a table shown at a time


def show_page(
    rows: Sequence[T],
    key: str,
    show: Callable[[Sequence[T]], None],
    _: Translate,
    lang: str,
    filters: tuple = (),
    size: int = TABLE_PAGE,
) -> None:
    """A long table a page at a time: '26–50 of 1,234' above, Previous / Next below (none for one page);
    back to the first page when `filters` change. A head office's lists run to thousands of rows."""
    offset = page_offset(key, filters)
    if offset >= len(rows):
        offset = 0
    page = rows[offset : offset + size]
    if len(rows) > size:
        pager(offset, len(page), len(rows), _, lang)
    show(page)
    if len(rows) > size:
        pager_buttons(key, offset, len(page), len(rows), size, _)


def pager_buttons(key: str, offset: int, shown: int, total: int, step: int, _: Translate) -> None:
    """Previous / Next below a page of rows."""
    back, ahead = st.columns(2)
    if back.button(_("Previous"), disabled=offset == 0, icon=":material/arrow_back:", key=f"{key}-previous"):
        st.session_state[f"{key}-offset"] = max(0, offset - step)
        st.rerun()
    if ahead.button(_("Next"), disabled=offset + shown >= total, icon=":material/arrow_forward:", key=f"{key}-next"):
        st.session_state[f"{key}-offset"] = offset + step
        st.rerun()
