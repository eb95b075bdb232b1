"""The store: the only code that speaks SQL (sqlite-utils over a SQLite file, or PostgreSQL).

One file per concern, named where it is used (`store.learning.save_attempt`, `store.scope.Scope`), so a
reader sees where a function lives: `engine` opens handles, `schema` holds the migrations and the roles
table's copy, `transactions` the write lock and retries, `clock` the one clock and the stored time format,
`dialect` where the engines differ, `scope` every rights clause (read from the stored account), `rows` the
typed rows, and one file per area: `accounts`, `learning` (with the one definition of "passed"),
`versions`, `measurement`, `analysis`, `debriefing`, `surveys`, `stories`, `suggestions`, `news` (what an
author has not seen yet), `recall` (daily practice), `practice_answers` (practice per situation,
self-ratings), `releases` (when a module was first seen), `assignments`, `digests`, `certificates`,
`follow_up` (the manager's to-do), `notifications` (the bell), `summaries` and `kept_reports` (what reports
read instead of the history).
"""

from modules.store import (
    accounts,
    analysis,
    assignments,
    certificates,
    clock,
    debriefing,
    dialect,
    digests,
    engine,
    follow_up,
    kept_reports,
    learning,
    links,
    measurement,
    news,
    notifications,
    people,
    practice_answers,
    recall,
    releases,
    schema,
    scope,
    stories,
    suggestions,
    surveys,
    transactions,
    versions,
)

__all__ = [
    "accounts",
    "analysis",
    "assignments",
    "certificates",
    "clock",
    "debriefing",
    "dialect",
    "digests",
    "engine",
    "follow_up",
    "kept_reports",
    "learning",
    "links",
    "measurement",
    "news",
    "notifications",
    "people",
    "practice_answers",
    "recall",
    "releases",
    "schema",
    "scope",
    "stories",
    "suggestions",
    "surveys",
    "transactions",
    "versions",
]
