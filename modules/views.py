"""Small Streamlit pieces that several pages show the same way.

Only presentation lives here: a status badge, a module's one-line facts.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from modules import progress
from modules.content.model import Question, TrainingModule
from modules import richtext
from modules.richtext import plain

BADGES = {
    progress.NOT_STARTED: ("Not started", "gray", ":material/radio_button_unchecked:"),
    progress.IN_PROGRESS: ("In progress", "blue", ":material/pending:"),
    progress.PASSED: ("Passed", "green", ":material/check_circle:"),
    progress.FAILED: ("Not passed yet", "orange", ":material/replay:"),
}


def module_meta(module: TrainingModule) -> str:
    """Duration, size and skills in one caption line."""
    parts = []
    if module.duration_minutes:
        parts.append(f"{module.duration_minutes} min")
    parts.append(f"{len(module.sections)} sections")
    if module.has_quiz:
        parts.append(f"quiz of {len(module.questions)} questions, pass mark {module.pass_mark} %")
    if module.skills:
        parts.append("skills: " + ", ".join(plain(s.replace("-", " ")) for s in module.skills))
    return " · ".join(parts)


def status_badge(row: progress.ModuleProgress) -> None:
    label, color, icon = BADGES[row.status]
    if row.best is not None:
        label += f" · best {row.best:.0f} %"
    st.badge(label, color=color, icon=icon)


def show_markdown(text: str, module: TrainingModule) -> None:
    """Trainer Markdown with raw HTML shown as text, and images from beside the module file."""
    for kind, value in richtext.split_images(text):
        if kind == "image":
            path = (module.folder / value[1]).resolve()
            if path.is_file() and module.folder.resolve() in path.parents:
                st.image(str(path), caption=value[0] or None)
            else:
                st.caption(f"(missing image: {plain(value[1])})")
        else:
            st.markdown(richtext.show_html_as_text(value))


def figures_row(figures: list) -> None:
    """Headline metrics with their change against the previous period."""
    for column, figure in zip(st.columns(len(figures)), figures):
        points = " pts" if figure.unit.strip() == "%" else ""  # a change of a percentage is in points
        delta = None if figure.delta is None else f"{figure.delta:+.0f}{points}"
        column.metric(figure.label, figure.shown(figure.value), delta, help=figure.help)


def download(rows: list[dict], columns: dict[str, str], name: str, key: str) -> None:
    """The table behind a chart, as CSV, with readable column names."""
    frame = pd.DataFrame(rows, columns=list(columns)).rename(columns=columns)
    st.download_button("Download the data (CSV)", frame.to_csv(index=False).encode("utf-8"), file_name=f"{name}.csv",
                       mime="text/csv", icon=":material/download:", key=key, type="tertiary")


def question(module: TrainingModule, item: Question, number: int, key: str, order: list[int],
             disabled: bool = False) -> None:
    """One quiz question as learners see it: prompt, scenario, radio buttons or checkboxes."""
    with st.container(key=f"question-{item.id}" if not disabled else None):
        st.markdown(f"**{number}. {richtext.show_html_as_text(item.prompt)}**")
        if item.scenario:
            show_markdown(item.scenario, module)
        if item.multiple:
            st.caption("Choose all that apply.")
            for i in order:
                st.checkbox(richtext.show_html_as_text(item.options[i]), key=f"{key}:{i}", disabled=disabled)
        else:
            st.radio("Your answer", order, format_func=lambda i: richtext.show_html_as_text(item.options[i]),
                     index=None, key=key, label_visibility="collapsed", disabled=disabled)
        st.divider()


def preview(module: TrainingModule, key: str) -> None:
    """The whole module on one page, rendered by the learners' own code (for authors)."""
    st.title(plain(module.title), anchor=False)
    st.caption(module_meta(module))
    if module.intro:
        show_markdown(module.intro, module)
    for section in module.sections:
        st.header(plain(section.title), anchor=False, divider="gray")
        show_markdown(section.body, module)
    if module.has_quiz:
        st.header("Quiz", anchor=False, divider="gray")
        if module.quiz_intro:
            show_markdown(module.quiz_intro, module)
        for number, item in enumerate(module.questions, 1):
            question(module, item, number, f"{key}:{item.id}", list(range(len(item.options))), disabled=True)
