"""The practices' actions: each validates what was typed, then writes through the store.

Pages call these, never the store's writes: a form is checked by its
practice's rules here, and the right to act is checked in the store's SQL
against the stored account of `viewer_id` (its role, its teams), never
against a role a page hands in. Each returns the problems as msgids (empty
when done), so a page can show them and keep what was typed.
"""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database

from modules import store
from modules.i18n import N_
from modules.practices import debriefing, mirror, stories, suggestions
from modules.practices.survey_import import ImportChoice, Parsed
from modules.store import clock
from modules.store.news import Kind

CANNOT_RATE = N_("This rating cannot be saved: the request was already answered, or you may not rate this person.")
CANNOT_ANSWER = N_("You may answer only the suggestions of your teams.")
ALREADY_ANSWERED = N_("You have already answered this survey, or it has just closed.")
INCOMPLETE_SURVEY = N_("Answer every question: your answers count only once they are complete.")
NOT_A_TRAINER = N_("Only a trainer may do this.")


def rate(
    db: Database,
    viewer_id: int,
    subject_id: int,
    kind: str,
    skill: str,
    level: int | None,
    texts: dict[str, str],
    recognition: bool = False,
) -> list[str]:
    """Rate oneself, a colleague who asked, or a person one manages."""
    found = debriefing.problems(level, texts)
    if found:
        return found
    assert level is not None and kind in debriefing.KIND_LABELS
    saved = store.debriefing.add_rating(
        db,
        subject_id,
        viewer_id,
        kind,
        skill,
        level,
        recognition=recognition,
        **{name: value.strip() for name, value in texts.items()},
    )
    return [] if saved else [CANNOT_RATE]


def ask_peer(db: Database, viewer_id: int, peer_id: int | None, skill: str) -> list[str]:
    """Ask a colleague of one's own team for a rating; asking twice keeps one request."""
    if peer_id is None:
        return [N_("Choose the colleague to ask.")]
    return (
        []
        if store.debriefing.request_peer(db, viewer_id, peer_id, skill)
        else [N_("You may ask only a colleague of your team.")]
    )


def tell_story(db: Database, viewer_id: int, title: str, happened: str, did: str, customer_said: str) -> list[str]:
    found = stories.problems(title, happened, did, customer_said)
    if not found:
        store.stories.add_story(db, viewer_id, title.strip(), happened.strip(), did.strip(), customer_said.strip())
    return found


def review_story(db: Database, viewer_id: int, story_id: int, approve: bool, note: str = "") -> bool:
    """False when refused: not the viewer's to review, or a note over the limit."""
    if stories.note_problems(note):
        return False
    return store.stories.review_story(db, story_id, viewer_id, approve, note.strip())


def pin_story(db: Database, viewer_id: int, story_id: int, pinned: bool) -> bool:
    return store.stories.pin_story(db, story_id, viewer_id, pinned)


def thank_story(db: Database, viewer_id: int, story_id: int) -> bool:
    return store.stories.thank_story(db, story_id, viewer_id)


def suggest(db: Database, viewer_id: int, title: str, body: str) -> list[str]:
    found = suggestions.problems(title, body)
    if not found:
        store.suggestions.add_suggestion(db, viewer_id, title.strip(), body.strip())
    return found


def answer_suggestion(db: Database, viewer_id: int, suggestion_id: int, status: str, answer: str) -> list[str]:
    if status not in suggestions.STATUSES:
        raise ValueError(f"unknown status {status!r}")
    if found := suggestions.answer_problems(answer):
        return found
    return (
        []
        if store.suggestions.answer_suggestion(db, suggestion_id, viewer_id, status, answer.strip())
        else [CANNOT_ANSWER]
    )


def seen_by_author(db: Database, viewer_id: int, kind: Kind) -> None:
    """The author's page was opened: their reviewed stories or answered suggestions are no longer news.
    Written only when there was news of that kind: most visits then cost a read, not a write."""
    if any(news["kind"] == kind for news in store.news.news_for_author(db, viewer_id)):
        store.news.mark_news_seen(db, viewer_id, kind)


def answer_survey(
    db: Database, viewer_id: int, survey_id: int, answers: dict[str, int | None], now: datetime | None = None
) -> list[str]:
    """A team member's answers, once, stored with their team and the install's day but not their name."""
    if any(value is None for value in answers.values()):
        return [INCOMPLETE_SURVEY]
    complete = {key: value for key, value in answers.items() if value is not None}
    return (
        []
        if store.surveys.answer_survey(
            db, survey_id, viewer_id, complete, clock.today(now or clock.current()).isoformat()
        )
        else [ALREADY_ANSWERED]
    )


def start_survey(db: Database, viewer_id: int, title: str, questions: list[store.surveys.SurveyQuestion]) -> list[str]:
    """A trainer's new survey, which closes the open one (its answers are kept)."""
    found = mirror.definition_problems(title, questions)
    if not found and store.surveys.create_survey(db, title.strip(), questions, viewer_id) is None:
        found = [NOT_A_TRAINER]
    return found


def import_customers(
    db: Database,
    viewer_id: int,
    survey_id: int,
    parsed: Parsed,
    filename: str,
    choice: ImportChoice | None = None,
) -> int | None:
    """The good rows of a customer file; None when this very file was already imported (or the viewer may not).
    The trainer's column mapping and day/month order are kept for the next file of the same shape."""
    added = store.surveys.import_customer_responses(db, survey_id, parsed.digest, filename, parsed.rows, viewer_id)
    if added is not None and choice is not None:
        store.surveys.save_import_mapping(db, choice.shape, choice.mapping, choice.order)
    return added
