"""What a signed-in person changes of their own account: language, reminder e-mails, signing out everywhere.

Pages and `modules/ui` call these, never the store's writes; each checks what it is given (a language
the portal has) and acts on the stored account of `user_id` only.
"""

from __future__ import annotations

from sqlite_utils import Database

from modules import i18n, store


def choose_language(db: Database, user_id: int, language: str) -> bool:
    """Keep a person's language with their account; False (nothing saved) for a language the portal lacks."""
    if language not in i18n.LANGUAGES:
        return False
    store.accounts.set_language(db, user_id, language)
    return True


def set_reminder_emails(db: Database, user_id: int, wanted: bool) -> None:
    """The weekly reminder e-mail, on or off, for this person only."""
    store.digests.set_email_digest(db, user_id, wanted)


def sign_out_everywhere(db: Database, username: str) -> None:
    """A sign-out ends every session of the account, in every tab and on every machine."""
    store.accounts.end_sessions(db, username)
