"""Assignments: modules given to a team or a person with a due date, once or recurring, and where each
assigned person stands (`ITEMS`, the one definition of late / due soon / to do / done).

Dates are day numbers (`clock.day_number`) and every boundary is computed in Python
(`learning.assignments.rules_at`): calendar months cannot be added in portable SQL, so
the SQL compares a pass's time with the first pass time that is still valid today.
Rights are checked in the statements themselves, like everywhere in the store.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import Any, TypedDict

from sqlite_utils import Database

from modules.accounts import roles
from modules.store import summaries
from modules.store.clock import FAR_FUTURE
from modules.store.learning import PASSES
from modules.store.rows import typed
from modules.store.scope import (
    LEARNER,
    PEOPLE,
    VIEWER_TEAMS,
    Scope,
    may_manage,
    scoped_rows,
    values_list,
    viewer_holds,
)
from modules.store.transactions import created_id, retrying, write

LATE, DUE_SOON, TO_DO, DONE = "late", "due_soon", "to_do", "done"  # the order of urgency


@dataclass(frozen=True)
class DueRules:
    """What "today" means for the statuses, computed in Python: the moment things are read at, its day
    number, the last day number that is "due soon", and per recurrence (months) the earliest pass time
    still valid today and the earliest that stays valid beyond the due-soon window."""

    until: str
    today: int
    soon: int
    cycles: tuple[tuple[int, str, str], ...]

    def params(self) -> dict[str, Any]:
        values: dict[str, Any] = {"until": self.until, "today": self.today, "soon": self.soon}
        for n, (months, valid_from, renew_from) in enumerate(self.cycles):
            values.update({f"cm{n}": months, f"cv{n}": valid_from, f"cr{n}": renew_from})
        return values

    def sql(self) -> str:
        rows = ", ".join(f"(:cm{n}, :cv{n}, :cr{n})" for n in range(len(self.cycles)))
        return f"cycles(months, valid_from, renew_from) AS ({values_list(rows, ('INTEGER', 'TEXT', 'TEXT'))})"


class Item(TypedDict):
    """One assigned person on one assignment, as things stand at the rules' moment."""

    user_id: int
    name: str
    team_id: int
    team: str
    assignment_id: int
    module_id: str
    every_months: int | None
    due_day: int
    passed: int
    last_passed_at: str | None
    status: str


class Assignment(TypedDict):
    id: int
    module_id: str
    team_id: int | None
    team: str | None
    user_id: int | None
    person: str | None
    due_day: int
    lead_days: int
    every_months: int | None
    assigned_by: str
    assigned_at: str
    withdrawn_at: str | None
    may_withdraw: int  # the viewer made it, or sees every team


# An assignment in force at :until (made by then, not withdrawn by then): withdrawn ones keep their history.
_IN_FORCE = "a.assigned_at <= :until AND (a.withdrawn_at IS NULL OR a.withdrawn_at > :until)"

# Per assigned person and assignment, after PEOPLE, the modules and PASSES: a newcomer to a team (joined after
# the assignment was made) gets the same lead time from the day they joined. One rule for whose items count
# where: an assignment to a team reaches its members (as Team progress, Organisation and the reminders count
# them), not a manager placed in it; an assignment to a person reaches that person, whatever their role.
ITEMS = f""",
assigned AS (
    SELECT p.id AS user_id, p.name, p.team_id, p.team, a.id AS assignment_id, a.module_id, a.every_months,
           CASE WHEN p.joined_day + a.lead_days > a.due_day THEN p.joined_day + a.lead_days ELSE a.due_day END
             AS due_day
    FROM assignments a JOIN people p ON p.team_id = a.team_id AND p.member = 1
    WHERE {_IN_FORCE}
    UNION ALL
    SELECT p.id, p.name, p.team_id, p.team, a.id, a.module_id, a.every_months, a.due_day
    FROM assignments a JOIN people p ON p.id = a.user_id
    WHERE {_IN_FORCE}
),
items AS (
    SELECT x.user_id, x.name, x.team_id, x.team, x.assignment_id, x.module_id, x.every_months, x.due_day,
           CASE WHEN ps.user_id IS NULL THEN 0 ELSE 1 END AS passed, ps.last_passed_at,
           CASE WHEN ps.user_id IS NOT NULL AND (x.every_months IS NULL
                     OR (ps.last_passed_at >= c.valid_from AND (ps.last_passed_at >= c.renew_from OR x.due_day > :soon)))
                  THEN 'done'
                WHEN x.every_months IS NOT NULL AND ps.last_passed_at >= c.valid_from THEN 'due_soon'
                WHEN x.due_day < :today THEN 'late'
                WHEN x.due_day <= :soon THEN 'due_soon'
                ELSE 'to_do' END AS status
    FROM (SELECT y.user_id, y.name, y.team_id, y.team, y.assignment_id, y.module_id, y.every_months,
                 CASE WHEN e.until_day > y.due_day THEN e.until_day ELSE y.due_day END AS due_day
          FROM assigned y LEFT JOIN due_extensions e ON e.assignment_id = y.assignment_id AND e.user_id = y.user_id) x
    LEFT JOIN passes ps ON ps.user_id = x.user_id AND ps.module_id = x.module_id
    LEFT JOIN cycles c ON c.months = x.every_months
    WHERE x.module_id IN (SELECT module_id FROM mods)
)"""


def _assigned_only(db: Database, scope: Scope, rules: DueRules) -> Scope:
    """The scope narrowed to the modules assigned at the rules' moment: passes are looked up for those only
    (at 10,000 people, each module left out saves a scan of its attempts)."""
    assigned = {
        row[0]
        for row in db.execute(
            f"SELECT DISTINCT a.module_id FROM assignments a WHERE {_IN_FORCE}",
            {"until": rules.until},
        ).fetchall()
    }
    return replace(scope, modules=tuple(m for m in scope.modules if m.id in assigned))


def _items_sql(rules: DueRules, select: str) -> str:
    return f"{rules.sql()},\n{PASSES}{ITEMS}\n{select}"


def items(db: Database, scope: Scope, rules: DueRules) -> list[Item]:
    """Every assigned person in the viewer's scope on every open assignment, most urgent first."""
    return scoped_rows(
        db,
        _items_sql(rules, "SELECT * FROM items ORDER BY due_day, team, name, module_id"),
        _assigned_only(db, scope, rules),
        **rules.params(),
    )


def own_items(db: Database, user_id: int, scope: Scope, rules: DueRules) -> list[Item]:
    """A learner's own assignments (whoever assigned them), most urgent first."""
    sql = _items_sql(rules, "SELECT * FROM items ORDER BY due_day, module_id")
    return typed(
        db.query(f"WITH {LEARNER},\n{scope.modules_sql()},\n{sql}", scope.params(learner=user_id, **rules.params()))
    )


class Counts(TypedDict):
    assigned: int
    late: int
    due_soon: int
    to_do: int
    done: int


class TeamCounts(Counts):
    team_id: int
    team: str


class AssignmentCounts(Counts):
    assignment_id: int


_COUNTS = "COUNT(*) AS assigned, " + ", ".join(
    f"COUNT(*) FILTER (WHERE status = '{status}') AS {status}" for status in (LATE, DUE_SOON, TO_DO, DONE)
)


def _counts(db: Database, scope: Scope, rules: DueRules, group: str, order: str) -> list[Any]:
    select = f"SELECT {group}, {_COUNTS} FROM items GROUP BY {group} ORDER BY {order}"
    return scoped_rows(db, _items_sql(rules, select), _assigned_only(db, scope, rules), **rules.params())


def counts_per_team(db: Database, scope: Scope, rules: DueRules) -> list[TeamCounts]:
    """Per team of the scope: assigned items and how many stand at each status."""
    return _counts(db, scope, rules, "team_id, team", "team")


class TeamAssignmentCounts(AssignmentCounts):
    team_id: int


def counts_per_team_and_assignment(db: Database, scope: Scope, rules: DueRules) -> list[TeamAssignmentCounts]:
    """Per team and assignment: what a team's kept share of the assignments' figures is (they add up)."""
    return _counts(db, scope, rules, "team_id, assignment_id", "team_id, assignment_id")


def urgent_items(db: Database, scope: Scope, rules: DueRules) -> list[Item]:
    """The items that are late or due soon: the people to talk to (a head office's every item is not)."""
    return scoped_rows(
        db,
        _items_sql(rules, f"SELECT * FROM items WHERE status IN ('{LATE}', '{DUE_SOON}') ORDER BY due_day, team, name"),
        _assigned_only(db, scope, rules),
        **rules.params(),
    )


def counts_per_assignment(db: Database, scope: Scope, rules: DueRules) -> list[AssignmentCounts]:
    """Per assignment: the people of the scope it reaches and how many stand at each status."""
    return _counts(db, scope, rules, "assignment_id", "assignment_id")


def assignments(db: Database, viewer_id: int, team_id: int | None = None) -> list[Assignment]:
    """The assignments of the viewer's teams (to a team or to one of its people), withdrawn ones included."""
    return typed(
        db.query(
            f"""
            WITH scope AS ({VIEWER_TEAMS})
            SELECT a.id, a.module_id, a.team_id, t.name AS team, a.user_id, u.name AS person, a.due_day,
                   a.lead_days, a.every_months, b.name AS assigned_by, a.assigned_at, a.withdrawn_at,
                   CASE WHEN {_owns("a.assigned_by")} AND {viewer_holds(roles.ASSIGN)} THEN 1 ELSE 0 END AS may_withdraw
            FROM assignments a
            LEFT JOIN teams t ON t.id = a.team_id
            LEFT JOIN users u ON u.id = a.user_id
            JOIN users b ON b.id = a.assigned_by
            WHERE COALESCE(a.team_id, u.team_id) IN (SELECT team_id FROM scope)
              AND (:team IS NULL OR COALESCE(a.team_id, u.team_id) = :team)
            ORDER BY a.withdrawn_at IS NOT NULL, a.due_day, a.id""",
            {"viewer": viewer_id, "team": team_id},
        )
    )


@dataclass(frozen=True)
class NewAssignment:
    module_ids: tuple[str, ...]
    team_ids: tuple[int, ...]
    user_ids: tuple[int, ...]
    due_day: int
    lead_days: int
    every_months: int | None


@dataclass(frozen=True)
class Assigned:
    created: int
    already: int  # already open for that module and target: left as it was
    refused: int  # a team or person outside the viewer's teams


def assign(db: Database, viewer_id: int, new: NewAssignment, at: str) -> Assigned:
    """Create one assignment per module and target, in one transaction. The viewer must manage the target's
    team (a trainer any team); an open assignment of the same module to the same target is kept as it is."""
    targets = [("team_id", t) for t in new.team_ids] + [("user_id", u) for u in new.user_ids]

    def insert() -> Assigned:
        created = already = refused = 0
        with write(db):
            for column, target in targets:
                team = ":target" if column == "team_id" else "(SELECT team_id FROM users WHERE id = :target)"
                if not db.execute(
                    f"SELECT 1 WHERE {may_manage(team, roles.ASSIGN)} AND {team} IS NOT NULL",
                    {"viewer": viewer_id, "target": target},
                ).fetchone():
                    refused += len(new.module_ids)
                    continue
                for module_id in new.module_ids:
                    cursor = db.execute(
                        f"""INSERT INTO assignments (module_id, {column}, due_day, lead_days, every_months,
                                                     assigned_by, assigned_at)
                            VALUES (:module, :target, :due, :lead, :every, :viewer, :at)
                            ON CONFLICT DO NOTHING""",  # one open assignment per module and target: unique
                        {
                            "module": module_id,
                            "target": target,
                            "due": new.due_day,
                            "lead": new.lead_days,
                            "every": new.every_months,
                            "viewer": viewer_id,
                            "at": at,
                        },
                    )
                    created += cursor.rowcount
                    already += 1 - cursor.rowcount
        return Assigned(created, already, refused)

    return retrying(insert)


def _owns(made_by: str) -> str:
    """Who may withdraw an assignment: whoever made it, or whoever sees every team (a manager cannot undo a
    trainer's assignment)."""
    return f"({made_by} = :viewer OR {viewer_holds(roles.ALL_TEAMS)})"


def _withdrawn(db: Database, viewer_id: int, assignment_id: int, at: str) -> bool:
    """Inside a write: withdraw an open assignment the viewer made (anyone's, for whoever sees every team) in one
    of their teams. The one rights clause of withdrawing and of changing a due date."""
    team = "COALESCE(team_id, (SELECT u.team_id FROM users u WHERE u.id = assignments.user_id))"
    cursor = db.execute(
        f"""UPDATE assignments SET withdrawn_at = :at, withdrawn_by = :viewer
            WHERE id = :id AND withdrawn_at IS NULL AND {may_manage(team, roles.ASSIGN)}
              AND {_owns("assigned_by")}""",
        {"at": at, "viewer": viewer_id, "id": assignment_id},
    )
    return cursor.rowcount == 1


def withdraw(db: Database, viewer_id: int, assignment_id: int, at: str) -> bool:
    """Withdraw an open assignment (its history stays). False if it was not open (a double click) or not the
    viewer's to withdraw."""

    def update() -> bool:
        with write(db):
            return _withdrawn(db, viewer_id, assignment_id, at)

    return retrying(update)


def change_due(db: Database, viewer_id: int, assignment_id: int, due_day: int, lead_days: int, at: str) -> int | None:
    """Give an open assignment a new due date, as one change: it is withdrawn and made again with the same module,
    target and recertification, so reports of the weeks before still read the date that stood then. The same
    right as withdrawing it; the id of the new one, or None when it was not open (a double click) or not the
    viewer's to change."""

    def change() -> int | None:
        with write(db):
            if not _withdrawn(db, viewer_id, assignment_id, at):
                return None
            return created_id(
                db,
                """INSERT INTO assignments (module_id, team_id, user_id, due_day, lead_days, every_months, assigned_by,
                                            assigned_at)
                   SELECT module_id, team_id, user_id, :due, :lead, every_months, :viewer, :at FROM assignments
                   WHERE id = :id RETURNING id""",
                {"due": due_day, "lead": lead_days, "viewer": viewer_id, "at": at, "id": assignment_id},
            )

    return retrying(change)


def extend(db: Database, viewer_id: int, assignment_id: int, user_id: int, until_day: int, at: str) -> bool | None:
    """Give one person of an open assignment until `until_day`, if the viewer may assign to them (the right to
    assign, on the person's team). A later day wins and an earlier one changes nothing, so "a week more"
    clicked twice from the same due date gives one week. True when the person's due day moved, False when it
    was that late already, None when it was not the viewer's to give (nothing written)."""

    def give() -> bool | None:
        with write(db):
            allowed = db.execute(
                f"""SELECT 1 FROM assignments a JOIN users u ON u.id = :user
                    WHERE a.id = :id AND a.withdrawn_at IS NULL AND (a.user_id = u.id OR a.team_id = u.team_id)
                      AND {may_manage("u.team_id", roles.ASSIGN)}""",
                {"id": assignment_id, "user": user_id, "viewer": viewer_id},
            ).fetchone()
            if not allowed:
                return None
            moved = db.execute(
                """INSERT INTO due_extensions (assignment_id, user_id, until_day, granted_by, granted_at)
                   VALUES (:id, :user, :until, :viewer, :at)
                   ON CONFLICT (assignment_id, user_id) DO UPDATE
                   SET until_day = excluded.until_day, granted_by = excluded.granted_by, granted_at = excluded.granted_at
                   WHERE due_extensions.until_day < excluded.until_day""",
                {"id": assignment_id, "user": user_id, "until": until_day, "viewer": viewer_id, "at": at},
            )
            if moved.rowcount:
                summaries.move_team_stamp(db, user_id)  # their team's statuses change
            return bool(moved.rowcount)

    return retrying(give)


def people_of(db: Database, viewer_id: int, team_ids: Iterable[int]) -> list[dict[str, Any]]:
    """The employees of these teams that the viewer manages, to assign to one by one."""
    chosen = list(team_ids)
    if not chosen:
        return []
    marks = ", ".join(f":t{n}" for n in range(len(chosen)))
    return typed(
        db.query(
            f"""WITH {PEOPLE} SELECT id, name, team FROM people WHERE team_id IN ({marks}) ORDER BY team, name""",
            {"viewer": viewer_id, "team": None, "until": FAR_FUTURE, **{f"t{n}": t for n, t in enumerate(chosen)}},
        )
    )


def assignments_stamp(db: Database) -> tuple:
    """Changes whenever an assignment is made or withdrawn: part of the reports' cache key."""
    return tuple(db.execute("SELECT COUNT(*), MAX(id), MAX(withdrawn_at) FROM assignments").fetchone())
