"""What a signed-in person changes of their own account: language, reminder e-mails, signing out everywhere.

Pages and `modules/ui` call these, never the store's writes; each checks what it is given (a language
the portal has) and acts on the stored account of `user_id` only.
"""

from __future__ import annotations

from sqlite_utils import Database

from modules import i18n, store
from modules.accounts import passwords
from modules.i18n import N_

WRONG_CURRENT = N_("Your current password is not right; nothing was changed.")
SAME_AS_BEFORE = N_("Choose a new password, not the one you have now.")


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


def change_password(db: Database, username: str, current: str, new: str, again: str) -> list[str]:
    """A person's own new password: the current one first, then the rules (`passwords.problem`), typed twice.
    Every other session of the account ends. Problems come back as msgids (`passwords.said` writes them out);
    nothing changed when there are any."""
    found = store.accounts.accounts(db, username)
    if not found or not passwords.check_password(current.strip(), found[0]["password_hash"]):
        return [WRONG_CURRENT]
    if new != again:
        return [passwords.NOT_THE_SAME]
    if new.strip() == current.strip():
        return [SAME_AS_BEFORE]
    if refused := passwords.problem(new):
        return [refused]
    store.people.set_password_for(db, found[0]["id"], found[0]["id"], passwords.hash_password(new), "password changed")
    return []
