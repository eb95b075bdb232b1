"""An administrator's work on people: change an account, deactivate a leaver, unlock, reset a password.

Each action checks what was typed here (the problems come back as msgids, so the page can show them in the
reader's language and keep what was typed) and the administrator's right in the store's own statement. A
reset without e-mail gives a temporary password once; the person must choose their own at first sign-in
(a temporary password's hash is cheap, see `lockout`).
"""

from __future__ import annotations

import io
import json
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import datetime

from sqlite_utils import Database

from modules import i18n, spreadsheet, store
from modules.accounts import passwords, roles
from modules.accounts.roster import USERNAME, Account, create, temporary_password
from modules.i18n import N_
from modules.mail import addresses
from modules.store.clock import timestamp

NOT_ALLOWED = N_("You may not change people's accounts.")
BAD_NAME = N_("Give a name of 1 to 80 characters, without control characters.")
BAD_EMAIL = N_("This e-mail address is not valid.")
BAD_ROLE = N_("Choose a role from the list.")
NEEDS_TEAM = N_("A team member or a manager needs a team.")
BAD_LANGUAGE = N_("Choose a language from the list.")


@dataclass(frozen=True)
class Edit:
    """What an administrator typed for one person."""

    name: str
    email: str
    language: str | None
    team_id: int | None
    role: str


def problems(edit: Edit) -> list[str]:
    """Everything wrong with the form, as msgids."""
    found = []
    name = edit.name.strip()
    if not name or len(name) > 80 or any(unicodedata.category(c).startswith("C") for c in name):
        found.append(BAD_NAME)
    if addresses.problem(edit.email):
        found.append(BAD_EMAIL)
    if edit.role not in roles.ROLES:
        found.append(BAD_ROLE)
    elif edit.team_id is None and (roles.may(edit.role, roles.MEMBER) or roles.may(edit.role, roles.MANAGE_TEAMS)):
        found.append(NEEDS_TEAM)
    if edit.language is not None and edit.language not in i18n.LANGUAGES:
        found.append(BAD_LANGUAGE)
    return found


def change(db: Database, actor_id: int, user_id: int, edit: Edit) -> tuple[list[str], dict]:
    """Save an administrator's edit: (problems, what changed before → after)."""
    if found := problems(edit):
        return found, {}
    values = {
        "name": edit.name.strip(),
        "email": addresses.normal_address(edit.email) if edit.email.strip() else "",
        "language": edit.language,
        "team_id": edit.team_id,
        "role": edit.role,
    }
    changed = store.people.update(db, actor_id, user_id, values)
    return ([NOT_ALLOWED], {}) if changed is None else ([], changed)


def deactivate(db: Database, actor_id: int, user_id: int, moment: datetime) -> bool:
    """A leaver: cannot sign in, their sessions end at their next click, they leave team lists, assignments,
    reminders and current figures; their history stays."""
    return store.people.set_active(db, actor_id, user_id, False, timestamp(moment))


def reactivate(db: Database, actor_id: int, user_id: int, moment: datetime) -> bool:
    return store.people.set_active(db, actor_id, user_id, True, timestamp(moment))


def unlock(db: Database, actor_id: int, user_id: int) -> bool:
    """Lift a lockout after wrong passwords (recorded)."""
    found = store.people.person(db, user_id)
    if found is None or not store.people.may_manage_people(db, actor_id):
        return False
    store.accounts.save_login_failures(db, found["username"], 0, None)
    store.people.record(db, actor_id, "unlocked", user_id)
    return True


def reset_password(db: Database, actor_id: int, user_id: int) -> str | None:
    """A temporary password for the person, shown once to the administrator (None when refused); every
    session of the account ends."""
    if not store.people.may_manage_people(db, actor_id):  # a manager goes through links.reset_for_team_member
        return None
    temporary = temporary_password()
    hashed = passwords.hash_password(temporary, passwords.TEMPORARY_ROUNDS)
    if not store.people.set_password_for(db, actor_id, user_id, hashed, "password reset", must_change=True):
        return None
    return temporary


def set_managed_teams(db: Database, actor_id: int, user_id: int, team_ids: list[int]) -> bool | None:
    """The teams a person manages, as a whole: True when they changed, None when refused."""
    return store.people.set_managed_teams(db, actor_id, user_id, team_ids)


def create_team(db: Database, actor_id: int, name: str) -> int | None:
    """A new team by its name (an existing name gives that team); None when refused or the name is empty."""
    return store.people.create_team(db, actor_id, name.strip()) if name.strip() else None


def rename_team(db: Database, actor_id: int, team_id: int, name: str) -> bool:
    """False when refused, the name is empty or unchanged, or another team has it."""
    return bool(name.strip()) and bool(store.people.rename_team(db, actor_id, team_id, name.strip()))


BAD_USERNAME = N_("A username is 2 to 32 lower-case letters, digits, '.', '_' or '-', starting with a letter or digit.")
TAKEN = N_("This username is taken.")


def add_person(db: Database, actor_id: int, username: str, edit: Edit) -> tuple[list[str], int | None, str | None]:
    """A new account: (problems, its id, a temporary password to hand over once — None when an invitation is to
    be sent instead because the account has an e-mail address and the install sends e-mail)."""
    name = username.strip().lower()
    found = problems(edit)
    if not USERNAME.match(name):
        found.insert(0, BAD_USERNAME)
    elif store.accounts.user_by_username(db, name):
        found.insert(0, TAKEN)
    if found:
        return found, None, None
    if not store.people.may_manage_people(db, actor_id):
        return [NOT_ALLOWED], None, None
    team = next((t["name"] for t in store.people.teams(db) if t["id"] == edit.team_id), "")
    temporary = temporary_password()
    account = Account(name, edit.name.strip(), edit.email.strip(), team, edit.role)
    user_id = create(db, account, temporary, temporary=True, actor_id=actor_id)
    if edit.language:
        store.accounts.set_language(db, user_id, edit.language)
    return [], user_id, temporary


def export_person(db: Database, actor_id: int, user_id: int) -> dict[str, list[dict]] | None:
    """Everything the portal holds about a person (a GDPR access request), recorded; None when refused."""
    if store.people.person(db, user_id) is None or not store.people.may_manage_people(db, actor_id):
        return None
    store.people.record(db, actor_id, "personal data exported", user_id)
    return store.people.personal_data(db, user_id)


def as_json(data: dict[str, list[dict]]) -> bytes:
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def as_csv_zip(data: dict[str, list[dict]]) -> bytes:
    """One CSV per table, each safe to open in a spreadsheet, in one zip file."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in data.items():
            header = list(rows[0]) if rows else ["(none)"]
            archive.writestr(f"{name}.csv", spreadsheet.csv_bytes(header, ([r[k] for k in header] for r in rows)))
    return buffer.getvalue()


def erase_person(db: Database, actor_id: int, user_id: int, moment: datetime) -> bool:
    """Erase a person (recorded first): their certificates answer "revoked", anonymous figures stay."""
    return store.people.erase(db, actor_id, user_id, timestamp(moment))
