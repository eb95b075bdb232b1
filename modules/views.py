"""Small Streamlit pieces that several pages show the same way.

Only presentation lives here: a status badge, a module's one-line facts.
"""

from __future__ import annotations

import streamlit as st

from modules import progress
from modules.content.model import TrainingModule
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
