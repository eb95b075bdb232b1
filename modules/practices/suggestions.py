"""Suggestions to improve a procedure or an offer: what a valid one is."""

from __future__ import annotations

from modules.i18n import N_

TITLE_LIMITS, BODY_LIMITS = (3, 120), (10, 2000)
STATUS_LABELS = {
    "new": N_("new"),
    "under study": N_("under study"),
    "done": N_("done"),
    "not retained": N_("not retained"),
}
STATUSES = tuple(STATUS_LABELS)  # the one list; the schema's CHECK holds the same values
CLOSED = ("done", "not retained")  # settled: the answer form folds away
ANSWER_LIMIT = 2000


def problems(title: str, body: str) -> list[str]:
    """What is wrong with a suggestion, as msgids (the page translates them)."""
    found = []
    if not TITLE_LIMITS[0] <= len(title.strip()) <= TITLE_LIMITS[1]:
        found.append(N_("Give your suggestion a title of 3 to 120 characters."))
    if not BODY_LIMITS[0] <= len(body.strip()) <= BODY_LIMITS[1]:
        found.append(N_("Describe your idea in 10 to 2,000 characters: what happens today, and what would be better."))
    return found


def answer_problems(answer: str) -> list[str]:
    return [] if len(answer.strip()) <= ANSWER_LIMIT else [N_("Keep the answer under 2,000 characters.")]
