"""Roster sync: the weekly HR export applied as it is — joiners created, movers and changes applied, leavers out.

First a plan (what would happen: N new, N changed and which fields, N leaving, N unchanged, bad rows by line),
then, when asked, the plan applied in one transaction: the same file twice changes nothing the second time.
Rows match on the username. With `full`, the file is the whole staff: an active account absent from it is a
leaver and is deactivated — except accounts that may manage people (a break-glass administrator is never
locked out by an HR file).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from modules import store
from modules.accounts import links, roles
from modules.accounts.roster import Account, Created, RowProblem, create, read_roster, team_of, temporary_password
from modules.mail import addresses
from modules.store.clock import timestamp


@dataclass(frozen=True)
class Change:
    user_id: int
    username: str
    fields: dict[str, tuple[str | None, str | None]]  # field: (now, in the file); `team` by name, `active` yes/no


@dataclass
class Plan:
    new: list[Account] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    leaving: list[tuple[int, str]] = field(default_factory=list)
    unchanged: int = 0
    problems: list[RowProblem] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not (self.new or self.changed or self.leaving)


def plan(db: Database, text: str, full: bool = False) -> Plan:
    """What applying the file would do, read against the accounts as they are now (nothing is written)."""
    rows, problems, mentioned = read_roster(text)
    result = Plan(problems=problems)
    current = {p["username"]: p for p in store.people.everyone(db)}
    for row in rows:
        account, now = row.account, current.get(row.account.username)
        if now is None:
            result.new.append(account)
            continue
        wanted = {
            "name": account.name.strip(),
            "email": addresses.normal_address(account.email) if account.email.strip() else "",
            "team": account.team.strip() or None,
            "role": account.role,
        }
        have = {"name": now["name"], "email": now["email"], "team": now["team"], "role": now["role"]}
        fields = {k: (have[k], v) for k, v in wanted.items() if have[k] != v}
        if row.active is not None and row.active != (now["deactivated_at"] is None):
            fields["active"] = ("yes" if now["deactivated_at"] is None else "no", "yes" if row.active else "no")
        if fields:
            result.changed.append(Change(now["id"], account.username, fields))
        else:
            result.unchanged += 1
    if full:
        listed = mentioned  # a person on a bad row is not a leaver: the row is refused, the account kept
        result.leaving = [
            (p["id"], p["username"])
            for username, p in current.items()
            if username not in listed and p["deactivated_at"] is None and not roles.may(p["role"], roles.MANAGE_PEOPLE)
        ]
    return result


def _role_of(db: Database, user_id: int) -> str:
    return store.accounts.role_of(db, user_id) or ""


def summary(plan: Plan) -> list[str]:
    """The plan in a few lines, as the command prints it (the page shows the same figures)."""
    lines = [
        f"{len(plan.new)} new, {len(plan.changed)} changed, {len(plan.leaving)} leaving, {plan.unchanged} unchanged,"
        f" {len(plan.problems)} bad row(s)"
    ]
    lines += [f"  new: {a.username} ({a.role}, {a.team or 'no team'})" for a in plan.new]
    for change in plan.changed:
        fields = ", ".join(f"{k}: {old or '-'} -> {new or '-'}" for k, (old, new) in change.fields.items())
        lines.append(f"  changed: {change.username}: {fields}")
    lines += [f"  leaving: {username}" for _, username in plan.leaving]
    return lines


@dataclass
class Applied:
    created: list[Created] = field(default_factory=list)
    changed: int = 0
    deactivated: int = 0


def apply(db: Database, actor_id: int | None, plan: Plan, moment: datetime) -> Applied:
    """The plan, in one transaction (all or nothing), each change on the audit log. New accounts get a temporary
    password (shown once by the caller); the administrator's right is checked by each store write."""
    done = Applied()
    at = timestamp(moment)
    with store.transactions.write(db):
        for account in plan.new:
            password = temporary_password()
            create(db, account, password, temporary=True, actor_id=actor_id, joined=moment)
            done.created.append(Created(account.username, password))
        for change in plan.changed:
            values: dict[str, object] = {k: v for k, (_, v) in change.fields.items() if k in ("name", "email", "role")}
            if "team" in change.fields:
                values["team_id"] = team_of(db, actor_id, change.fields["team"][1] or "")
                role = str(values.get("role") or _role_of(db, change.user_id))
                if roles.may(role, roles.MANAGE_TEAMS) and values["team_id"] is not None:  # a manager moves
                    store.people.set_managed_teams(db, actor_id, change.user_id, [int(str(values["team_id"]))])
            if values and store.people.update(db, actor_id, change.user_id, values) is None:
                raise PermissionError("the roster may be applied only by an administrator")
            if "active" in change.fields:
                active = change.fields["active"][1] == "yes"
                store.people.set_active(db, actor_id, change.user_id, active, at)
            done.changed += 1
        for user_id, _username in plan.leaving:
            done.deactivated += store.people.set_active(db, actor_id, user_id, False, at)
    return done


def invite_new(db: Database, actor_id: int | None, done: Applied, base_url: str, moment: datetime) -> int:
    """With e-mail set up, every account just created with an address gets its invitation (after the
    transaction: no e-mail is sent for a change that did not happen); how many went."""
    if not links.can_email():
        return 0
    sent = 0
    for created in done.created:
        found = store.accounts.user_by_username(db, created.username)
        if found and found["email"]:
            sent += links.invite(db, actor_id, found["id"], base_url, moment)
    return sent
