"""Who may see and change what, in SQL: the one place the rights clauses are written.

Rights never come from the caller. Every clause takes the viewer's id
(`:viewer`) and reads their role and their teams from the stored account,
so a page cannot widen them by passing another role; what a role may do is
read from `role_rights`, the roles table's copy (`accounts/roles.py`), so
no role name is written here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlite_utils import Database

from modules.accounts import roles
from modules.store.clock import FAR_FUTURE
from modules.store.rows import typed


def holds(role_column: str, right: str) -> str:
    """SQL true when the role in `role_column` holds `right`, as the roles table says (copied into
    `role_rights` at start): the only way the store's SQL asks what a role may do."""
    return f"{role_column} IN (SELECT rr.role FROM role_rights rr WHERE rr.right_name = '{right}')"


def viewer_holds(right: str) -> str:
    """SQL true when the stored account of `:viewer` holds `right`."""
    return f"EXISTS (SELECT 1 FROM users v WHERE v.id = :viewer AND {holds('v.role', right)})"


# The rule: who sees every team sees every team; a manager sees the teams they are linked to; anyone else none.
VIEWER_TEAMS = f"""
    SELECT t.id AS team_id FROM teams t JOIN users v ON v.id = :viewer AND {holds("v.role", roles.ALL_TEAMS)}
    UNION SELECT m.team_id FROM team_managers m JOIN users v ON v.id = m.user_id AND {holds("v.role", roles.MANAGE_TEAMS)}
    WHERE m.user_id = :viewer"""


def may_manage(team_column: str, right: str | None = None) -> str:
    """SQL true when the viewer sees every team (teamless items included) or manages the team in
    `team_column`, and (when given) holds `right`; no part depends on the row, so each is computed once."""
    needs = f" AND {viewer_holds(right)}" if right else ""
    return f"(({team_column} IN ({VIEWER_TEAMS}) OR {viewer_holds(roles.ALL_TEAMS)}){needs})"


def manages_person(person_column: str) -> str:
    """SQL true when the viewer manages the team of the person in `person_column` (a link as manager, with
    the right to manage linked teams: seeing every team is not debriefing its people)."""
    return f"""EXISTS (SELECT 1 FROM users s JOIN team_managers m ON m.team_id = s.team_id
               WHERE s.id = {person_column} AND m.user_id = :viewer AND {viewer_holds(roles.MANAGE_TEAMS)})"""


def member(user_alias: str) -> str:
    """SQL true when the person `user_alias` counts in their team now: a role holding MEMBER, an active account
    (a leaver leaves team lists, peer requests and surveys the day they are deactivated)."""
    return f"({holds(f'{user_alias}.role', roles.MEMBER)} AND {user_alias}.deactivated_at IS NULL)"


def member_at(user_alias: str) -> str:
    """SQL true when the person counted in their team as things stood at `:until`: a leaver still counts in
    the periods before they left (their history stays), not after."""
    return (
        f"({holds(f'{user_alias}.role', roles.MEMBER)}"
        f" AND ({user_alias}.deactivated_at IS NULL OR {user_alias}.deactivated_at > :until))"
    )


@dataclass(frozen=True)
class ModuleSpec:
    """What the database needs to know of a training module: the content, not the store, knows it."""

    id: str
    section_ids: tuple[str, ...]
    has_quiz: bool
    aliases: tuple[tuple[str, str], ...] = ()  # (a former id, the section's id): reads stored under either count once


@dataclass(frozen=True)
class Scope:
    """Whose data a query may read (the viewer's teams), which slice of it, over which modules."""

    viewer_id: int
    modules: tuple[ModuleSpec, ...] = ()
    team_id: int | None = None

    def params(self, **extra: Any) -> dict[str, Any]:
        values: dict[str, Any] = {"viewer": self.viewer_id, "team": self.team_id, "until": FAR_FUTURE, **extra}
        for n, module in enumerate(self.modules):
            values.update({f"m{n}": module.id, f"n{n}": len(module.section_ids), f"q{n}": int(module.has_quiz)})
            values.update({f"s{n}_{k}": section for k, section in enumerate(module.section_ids)})
            for k, (alias, section) in enumerate(module.aliases):
                values.update({f"a{n}_{k}": alias, f"c{n}_{k}": section})
        return values

    def modules_sql(self) -> str:
        """The modules as two CTEs, `mods` and `mod_sections`, built from parameters (portable VALUES lists)."""
        mods = ", ".join(f"(:m{n}, :n{n}, :q{n})" for n in range(len(self.modules)))
        sections = ", ".join(
            [f"(:m{n}, :s{n}_{k}, :s{n}_{k})" for n, m in enumerate(self.modules) for k in range(len(m.section_ids))]
            + [f"(:m{n}, :a{n}_{k}, :c{n}_{k})" for n, m in enumerate(self.modules) for k in range(len(m.aliases))]
        )
        return (
            f"mods(module_id, sections, has_quiz) AS ({values_list(mods, ('TEXT', 'INTEGER', 'INTEGER'))}),\n"
            f"mod_sections(module_id, section_id, canonical) AS ({values_list(sections, ('TEXT', 'TEXT', 'TEXT'))})"
        )


def values_list(rows: str, types: tuple[str, ...]) -> str:
    """A VALUES list, or a query of no row when there is none (VALUES cannot be empty; typed NULLs keep
    PostgreSQL's comparisons valid)."""
    nothing = ", ".join(f"CAST(NULL AS {kind})" for kind in types)
    return f"VALUES {rows}" if rows else f"SELECT {nothing} WHERE 1 = 0"


# The viewer's people: the employees of the teams `VIEWER_TEAMS` gives (one rule for lists and single rows).
# Candidates are found through the teams (their people now, and those who were in them before), so a manager's
# fifty people cost an index lookup, not a scan of a head office's hundred thousand accounts.
PEOPLE = f"""
scope AS ({VIEWER_TEAMS}),
candidates AS (  -- narrowed to the one team asked at once: a trainer's team of fifty is not 100,000 accounts
    SELECT u.id FROM users u WHERE u.team_id IN (SELECT team_id FROM scope) AND (:team IS NULL OR u.team_id = :team)
    UNION SELECT h.user_id FROM team_history h
    WHERE h.team_id IN (SELECT team_id FROM scope) AND (:team IS NULL OR h.team_id = :team)
),
placed AS (
    SELECT u.id, u.name, u.username, COALESCE(h.team_id, u.team_id) AS team_id, u.joined_day
    FROM candidates c JOIN users u ON u.id = c.id
    LEFT JOIN team_history h ON h.user_id = u.id AND h.since_at <= :until AND h.until_at > :until
    WHERE {member_at("u")}
),
people AS (
    SELECT p.id, p.name, p.username, p.team_id, t.name AS team, p.joined_day, 1 AS member
    FROM placed p JOIN scope s ON s.team_id = p.team_id JOIN teams t ON t.id = p.team_id
    WHERE :team IS NULL OR p.team_id = :team
)"""


# Every team member, whoever looks (the demo's simulated history, commands), in the shape of PEOPLE.
MEMBERS = f"""people AS (
    SELECT u.id, u.name, u.username, u.team_id, t.name AS team, u.joined_day, 1 AS member
    FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE {member("u")})"""


# One learner as the only person (their own pages: `:learner`), in the shape of PEOPLE; `member` says whether
# they count in their team (a manager may learn, and is not one of the team's members).
LEARNER = f"""people AS (
    SELECT u.id, u.name, u.username, u.team_id, t.name AS team, u.joined_day,
           CASE WHEN {member("u")} THEN 1 ELSE 0 END AS member
    FROM users u LEFT JOIN teams t ON t.id = u.team_id WHERE u.id = :learner)"""


def scoped_rows(db: Database, sql: str, scope: Scope, **extra: Any) -> list[Any]:
    """Run `sql` after the scope's CTEs (people, mods); `sql` may add CTEs of its own before its SELECT.

    Rows are dicts; each caller names their shape with a TypedDict."""
    joiner = "\n" if sql.lstrip().upper().startswith("SELECT") else ",\n"
    return typed(db.query(f"WITH {PEOPLE},\n{scope.modules_sql()}{joiner}{sql}", scope.params(**extra)))
