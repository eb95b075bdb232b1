"""Best failures: a problem turned into a great customer experience, told to inspire others."""

from __future__ import annotations

from modules.i18n import N_

TITLE_LIMITS, TEXT_LIMITS, NOTE_LIMIT = (3, 120), (10, 1500), 500
STATUS_LABELS = {"waiting": N_("waiting for approval"), "approved": N_("approved"), "declined": N_("not published")}


def note_problems(note: str) -> list[str]:
    """A review note is optional, but not a letter."""
    return [] if len(note.strip()) <= NOTE_LIMIT else [N_("Keep the note to the author under 500 characters.")]


def problems(title: str, happened: str, did: str, customer_said: str) -> list[str]:
    """What is wrong with a story, as msgids; every part is needed for the story to teach something."""
    found = []
    if not TITLE_LIMITS[0] <= len(title.strip()) <= TITLE_LIMITS[1]:
        found.append(N_("Give your story a title of 3 to 120 characters."))
    if any(not TEXT_LIMITS[0] <= len(text.strip()) <= TEXT_LIMITS[1] for text in (happened, did, customer_said)):
        found.append(
            N_("Tell each part in 10 to 1,500 characters: what happened, what you did, what the customer said.")
        )
    return found
