"""The schema: numbered migrations, written once, run on SQLite and on PostgreSQL.

SQLite keeps its bookkeeping in sqlite_utils.Migrations (mirrored into PRAGMA
user_version), PostgreSQL in a `schema_migrations` table, under an advisory
lock so replicas starting together migrate once. Migrations run once per
database and process; each is idempotent (IF NOT EXISTS, column checks), so
a database that ran an older version of one is brought to the same state.
The DDL is SQLite's; `dialect.ddl` writes it in PostgreSQL's words.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import UTC, date, datetime

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from modules.accounts import roles
from modules.store import clock, dialect, transactions
from modules.store.clock import now

migrations = Migrations("academy")
STEPS: list[Callable[[Database], None]] = []
_LOCK_ID = 20261130  # the advisory lock PostgreSQL replicas take while they migrate
_migrated: set[str] = set()
_migrate_lock = threading.Lock()
# Every table, parents before children, so a copy table by table keeps every foreign key valid.
TABLES = (
    "teams", "users", "team_managers", "section_reads", "attempts", "answers", "login_failures",
    "module_versions", "suggestions", "ratings", "peer_requests", "surveys", "survey_questions", "survey_question_texts",
    "survey_imports", "survey_responses", "survey_answers", "survey_participation", "stories", "story_thanks",
    "quiz_drafts", "import_mappings", "recall_cards", "recall_reviews", "assignments", "digests_sent", "certificates", "audit_log", "password_links",
    "team_history", "module_standing", "data_stamps", "job_runs", "question_stats", "option_stats", "recall_day_stats",
    "module_releases", "due_extensions", "nudges", "certificate_lookups", "bell_seen", "notification_choices",
    "notifications_mailed", "practice_stats", "say_checks", "kept_reports",
)  # role_rights is not listed: it is the roles table's copy, written at every start  # fmt: skip


def step(migration: Callable[[Database], None]) -> Callable[[Database], None]:
    """Register a migration for both engines, in the order of this file."""
    STEPS.append(migration)
    return migrations()(migration)


def upgrade(db: Database, key: str | None = None) -> None:
    """Apply pending migrations, once per database and process."""
    if key in _migrated:
        return
    with _migrate_lock:
        if dialect.of(db).name == "postgresql":
            _upgrade_postgres(db)
        else:
            if db.execute("PRAGMA journal_mode").fetchone()[0] != "wal":  # WAL stays with the file
                db.enable_wal()
            migrations.apply(db)
            db.execute(f"PRAGMA user_version = {len(migrations.applied(db))}")
        sync_rights(db)
    if key:
        _migrated.add(key)


def _upgrade_postgres(db: Database) -> None:
    db.execute("SELECT pg_advisory_lock(?)", [_LOCK_ID])
    try:
        db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
        done = {row[0] for row in db.execute("SELECT name FROM schema_migrations").fetchall()}
        for migration in STEPS:
            if migration.__name__ not in done:
                with db.atomic():
                    migration(db)
                    db.execute(
                        "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)", [migration.__name__, now()]
                    )
        sync_rights(db)
    finally:
        db.execute("SELECT pg_advisory_unlock(?)", [_LOCK_ID])


def schema_version(db: Database) -> int:
    """How many migrations the database has run."""
    if dialect.of(db).name == "postgresql":
        return db.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0]
    return db.execute("PRAGMA user_version").fetchone()[0]


def _run(db: Database, script: str) -> None:
    for statement in dialect.of(db).ddl(script):
        db.execute(statement)


def _add_column(db: Database, table: str, column: str, kind: str) -> bool:
    """Add a column if it is missing; True when it was added."""
    if column in dialect.of(db).columns(db, table):
        return False
    db.execute(dialect.of(db).ddl(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")[0])
    return True


@step
def m001_initial(db: Database) -> None:
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS teams (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL DEFAULT 'store'
    );
    CREATE TABLE IF NOT EXISTS users (
        id INTEGER PRIMARY KEY,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        name TEXT NOT NULL,
        email TEXT NOT NULL DEFAULT '',
        password_hash TEXT NOT NULL,
        role TEXT NOT NULL CHECK (role IN ('employee', 'trainer', 'manager')),
        team_id INTEGER REFERENCES teams(id),
        created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS users_team ON users(team_id, role);
    CREATE TABLE IF NOT EXISTS team_managers (
        team_id INTEGER NOT NULL REFERENCES teams(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        PRIMARY KEY (team_id, user_id)
    );
    CREATE TABLE IF NOT EXISTS section_reads (
        user_id INTEGER NOT NULL REFERENCES users(id),
        module_id TEXT NOT NULL,
        section_id TEXT NOT NULL,
        read_at TEXT NOT NULL,
        PRIMARY KEY (user_id, module_id, section_id)
    );
    CREATE TABLE IF NOT EXISTS attempts (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        module_id TEXT NOT NULL,
        attempt_no INTEGER NOT NULL,
        content_hash TEXT NOT NULL,
        submitted_at TEXT NOT NULL,
        percent REAL NOT NULL,
        passed INTEGER NOT NULL,
        UNIQUE (user_id, module_id, attempt_no)
    );
    CREATE INDEX IF NOT EXISTS attempts_module ON attempts(module_id, user_id, percent, passed);
    CREATE INDEX IF NOT EXISTS attempts_time ON attempts(submitted_at);
    CREATE TABLE IF NOT EXISTS answers (
        attempt_id INTEGER NOT NULL REFERENCES attempts(id) ON DELETE CASCADE,
        question_id TEXT NOT NULL,
        chosen TEXT NOT NULL,
        credit REAL NOT NULL,
        PRIMARY KEY (attempt_id, question_id)
    );
    """,
    )


@step
def m002_user_language(db: Database) -> None:
    """Each user may choose the portal's language; NULL means "from the browser"."""
    _add_column(db, "users", "language", "TEXT")


@step
def m003_measurement_indexes(db: Database) -> None:
    """Covering indexes for the per-person aggregates of the progress pages."""
    _run(
        db,
        """
    CREATE INDEX IF NOT EXISTS attempts_by_user ON attempts(user_id, module_id, submitted_at, percent, passed, attempt_no);
    CREATE INDEX IF NOT EXISTS reads_by_user ON section_reads(user_id, module_id, read_at);
    CREATE INDEX IF NOT EXISTS reads_time ON section_reads(read_at);
    DROP INDEX IF EXISTS attempts_module;
    """,
    )


@step
def m004_login_failures(db: Database) -> None:
    """Wrong-password counts survive a new browser session, so a lockout cannot be dodged."""
    _run(
        db,
        """CREATE TABLE IF NOT EXISTS login_failures (
        username TEXT PRIMARY KEY COLLATE NOCASE,
        failures INTEGER NOT NULL,
        locked_until TEXT
    )""",
    )


@step
def m005_module_versions(db: Database) -> None:
    """Every text a trainer saves, and the text it replaced, so any version can be restored."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS module_versions (
        id INTEGER PRIMARY KEY,
        path TEXT NOT NULL,
        text TEXT NOT NULL,
        saved_by TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        note TEXT NOT NULL DEFAULT ''
    );
    CREATE INDEX IF NOT EXISTS module_versions_path ON module_versions(path, id);
    """,
    )


@step
def m006_suggestions(db: Database) -> None:
    """Ideas to improve a procedure or an offer, and the manager's answer."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS suggestions (
        id INTEGER PRIMARY KEY,
        author_id INTEGER NOT NULL REFERENCES users(id),
        team_id INTEGER REFERENCES teams(id),
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'under study', 'done', 'not retained')),
        answer TEXT NOT NULL DEFAULT '',
        answered_by INTEGER REFERENCES users(id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS suggestions_team ON suggestions(team_id, status);
    CREATE INDEX IF NOT EXISTS suggestions_author ON suggestions(author_id);
    """,
    )


@step
def m007_practices(db: Database) -> None:
    """Debriefing ratings, the mirror survey and best-failure stories.

    Survey responses carry a team and a day but no person: who answered is
    kept apart (survey_participation) only to stop a second answer.
    """
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS ratings (
        id INTEGER PRIMARY KEY,
        subject_id INTEGER NOT NULL REFERENCES users(id),
        rater_id INTEGER NOT NULL REFERENCES users(id),
        kind TEXT NOT NULL CHECK (kind IN ('self', 'peer', 'manager')),
        skill TEXT NOT NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 4),
        example TEXT NOT NULL DEFAULT '',
        went_well TEXT NOT NULL DEFAULT '',
        differently TEXT NOT NULL DEFAULT '',
        recognition INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS ratings_subject ON ratings(subject_id, skill, kind, created_at);
    CREATE INDEX IF NOT EXISTS ratings_time ON ratings(created_at);
    CREATE TABLE IF NOT EXISTS peer_requests (
        id INTEGER PRIMARY KEY,
        subject_id INTEGER NOT NULL REFERENCES users(id),
        peer_id INTEGER NOT NULL REFERENCES users(id),
        skill TEXT NOT NULL,
        created_at TEXT NOT NULL,
        rating_id INTEGER REFERENCES ratings(id)
    );
    CREATE UNIQUE INDEX IF NOT EXISTS peer_requests_open ON peer_requests(subject_id, peer_id, skill)
        WHERE rating_id IS NULL;
    CREATE TABLE IF NOT EXISTS surveys (
        id INTEGER PRIMARY KEY,
        title TEXT NOT NULL,
        created_by INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        closed_at TEXT
    );
    CREATE TABLE IF NOT EXISTS survey_questions (
        survey_id INTEGER NOT NULL REFERENCES surveys(id),
        key TEXT NOT NULL,
        position INTEGER NOT NULL,
        employee_text TEXT NOT NULL,
        customer_text TEXT NOT NULL,
        scale TEXT NOT NULL CHECK (scale IN ('agree', 'recommend')),
        PRIMARY KEY (survey_id, key)
    );
    CREATE TABLE IF NOT EXISTS survey_imports (
        id INTEGER PRIMARY KEY,
        survey_id INTEGER NOT NULL REFERENCES surveys(id),
        digest TEXT NOT NULL,
        filename TEXT NOT NULL,
        rows INTEGER NOT NULL,
        imported_by INTEGER NOT NULL REFERENCES users(id),
        imported_at TEXT NOT NULL,
        UNIQUE (survey_id, digest)
    );
    CREATE TABLE IF NOT EXISTS survey_responses (
        id INTEGER PRIMARY KEY,
        survey_id INTEGER NOT NULL REFERENCES surveys(id),
        team_id INTEGER NOT NULL REFERENCES teams(id),
        source TEXT NOT NULL CHECK (source IN ('employee', 'customer')),
        answered_on TEXT NOT NULL,
        import_id INTEGER REFERENCES survey_imports(id)
    );
    CREATE INDEX IF NOT EXISTS survey_responses_team ON survey_responses(survey_id, team_id, source);
    CREATE INDEX IF NOT EXISTS survey_responses_by_team ON survey_responses(team_id, source, survey_id);
    CREATE TABLE IF NOT EXISTS survey_answers (
        response_id INTEGER NOT NULL REFERENCES survey_responses(id) ON DELETE CASCADE,
        key TEXT NOT NULL,
        value INTEGER NOT NULL,
        PRIMARY KEY (response_id, key)
    );
    CREATE TABLE IF NOT EXISTS survey_participation (
        survey_id INTEGER NOT NULL REFERENCES surveys(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        PRIMARY KEY (survey_id, user_id)
    );
    CREATE TABLE IF NOT EXISTS stories (
        id INTEGER PRIMARY KEY,
        author_id INTEGER NOT NULL REFERENCES users(id),
        team_id INTEGER REFERENCES teams(id),
        title TEXT NOT NULL,
        happened TEXT NOT NULL,
        did TEXT NOT NULL,
        customer_said TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'waiting' CHECK (status IN ('waiting', 'approved', 'declined')),
        review_note TEXT NOT NULL DEFAULT '',
        reviewed_by INTEGER REFERENCES users(id),
        reviewed_at TEXT,
        pinned INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS stories_team ON stories(team_id, status);
    CREATE TABLE IF NOT EXISTS story_thanks (
        story_id INTEGER NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        user_id INTEGER NOT NULL REFERENCES users(id),
        created_at TEXT NOT NULL,
        PRIMARY KEY (story_id, user_id)
    );
    """,
    )


@step
def m008_suggestion_answer_time(db: Database) -> None:
    """The first answer's time, to measure how fast ideas are heard (files that ran the old m007 have it)."""
    if _add_column(db, "suggestions", "answered_at", "TEXT"):
        db.execute("UPDATE suggestions SET answered_at = updated_at WHERE answered_by IS NOT NULL")


@step
def m009_team_managers_by_user(db: Database) -> None:
    """Every rights clause asks which teams a viewer manages: look it up by the viewer."""
    db.execute("CREATE INDEX IF NOT EXISTS team_managers_user ON team_managers(user_id, team_id)")


@step
def m010_session_revocation(db: Database) -> None:
    """Sign-out and a password reset end an account's sessions everywhere: sessions begun earlier are refused."""
    _add_column(db, "users", "sessions_valid_from", "REAL")


@step
def m011_author_news(db: Database) -> None:
    """When each author last saw their stories and suggestions, so Home tells them once of a review or an
    answer."""
    _add_column(db, "stories", "author_seen_at", "TEXT")
    _add_column(db, "suggestions", "author_seen_at", "TEXT")


@step
def m012_quiz_drafts(db: Database) -> None:
    """The answers chosen in a quiz not yet submitted, so a reload or a lost connection loses none of them."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS quiz_drafts (
        user_id INTEGER NOT NULL REFERENCES users(id),
        module_id TEXT NOT NULL,
        attempt_no INTEGER NOT NULL,
        answers TEXT NOT NULL,
        saved_at TEXT NOT NULL,
        PRIMARY KEY (user_id, module_id)
    );
    """,
    )


@step
def m013_survey_translations(db: Database) -> None:
    """A survey question in the other languages of the portal, so each reader is asked in their own."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS survey_question_texts (
        survey_id INTEGER NOT NULL REFERENCES surveys(id),
        key TEXT NOT NULL,
        lang TEXT NOT NULL,
        employee_text TEXT NOT NULL,
        customer_text TEXT NOT NULL,
        PRIMARY KEY (survey_id, key, lang)
    );
    """,
    )


@step
def m014_import_mappings(db: Database) -> None:
    """How a trainer matched a customer file's columns to the survey, kept for the next file of the same shape."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS import_mappings (
        shape TEXT PRIMARY KEY,
        mapping TEXT NOT NULL,
        date_order TEXT,
        saved_at TEXT NOT NULL
    );
    """,
    )


@step
def m015_daily_practice(db: Database) -> None:
    """Spaced repetition: each learner's FSRS card per question, and every practice answer (once a day each)."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS recall_cards (
        user_id INTEGER NOT NULL REFERENCES users(id),
        module_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        version TEXT NOT NULL,
        state INTEGER NOT NULL,
        stability REAL,
        difficulty REAL,
        due TEXT NOT NULL,
        last_review TEXT,
        last_review_day INTEGER,
        PRIMARY KEY (user_id, module_id, question_id)
    );
    CREATE TABLE IF NOT EXISTS recall_reviews (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        module_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        day TEXT NOT NULL,
        reviewed_at TEXT NOT NULL,
        rating INTEGER NOT NULL,
        correct INTEGER NOT NULL,
        elapsed_days REAL,
        retrievability REAL,
        interval_days REAL NOT NULL,
        UNIQUE (user_id, module_id, question_id, day)
    );
    CREATE INDEX IF NOT EXISTS recall_reviews_day ON recall_reviews(user_id, day, elapsed_days, correct, module_id);
    CREATE INDEX IF NOT EXISTS recall_reviews_module ON recall_reviews(module_id, question_id);
    """,
    )


@step
def m016_recall_day_numbers(db: Database) -> None:
    """Cards keep the day number of their last review (ages in whole days, in portable SQL), and an index that
    covers the recall figures; a no-op for the column where m015 already made it."""
    if _add_column(db, "recall_cards", "last_review_day", "INTEGER"):  # cards written before: day numbers in Python
        stale = db.execute("SELECT DISTINCT last_review FROM recall_cards WHERE last_review IS NOT NULL").fetchall()
        for (stamp,) in stale:
            day = clock.day_number(datetime.fromisoformat(stamp).replace(tzinfo=UTC))
            db.execute("UPDATE recall_cards SET last_review_day = ? WHERE last_review = ?", [day, stamp])
    _run(
        db,
        "CREATE INDEX IF NOT EXISTS recall_cards_memory ON recall_cards(user_id, module_id, stability, last_review_day, due)",
    )


@step
def m017_assignments(db: Database) -> None:
    """Modules assigned with a due date (to a team or a person, once or recurring), the day each person joined
    (a newcomer gets the team's open assignments with the same lead time), the weekly e-mail digests sent (once
    each), the opt-out of those e-mails, and the certificates issued (their verification codes)."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS assignments (
        id INTEGER PRIMARY KEY,
        module_id TEXT NOT NULL,
        team_id INTEGER REFERENCES teams(id),
        user_id INTEGER REFERENCES users(id),
        due_day INTEGER NOT NULL,
        lead_days INTEGER NOT NULL,
        every_months INTEGER,
        assigned_by INTEGER NOT NULL REFERENCES users(id),
        assigned_at TEXT NOT NULL,
        withdrawn_at TEXT,
        withdrawn_by INTEGER REFERENCES users(id),
        CHECK ((team_id IS NULL AND user_id IS NOT NULL) OR (team_id IS NOT NULL AND user_id IS NULL))
    );
    CREATE INDEX IF NOT EXISTS assignments_team ON assignments(team_id, module_id);
    CREATE INDEX IF NOT EXISTS assignments_user ON assignments(user_id, module_id);
    CREATE TABLE IF NOT EXISTS digests_sent (
        user_id INTEGER NOT NULL REFERENCES users(id),
        week TEXT NOT NULL,
        kind TEXT NOT NULL,
        sent_at TEXT NOT NULL,
        PRIMARY KEY (user_id, week, kind)
    );
    CREATE TABLE IF NOT EXISTS certificates (
        code TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        module_id TEXT NOT NULL,
        passed_at TEXT NOT NULL,
        percent REAL,
        every_months INTEGER,
        issued_at TEXT NOT NULL,
        UNIQUE (user_id, module_id, passed_at)
    );
    """,
    )
    _add_column(db, "users", "email_digest", "INTEGER NOT NULL DEFAULT 1")
    if _add_column(db, "users", "joined_day", "INTEGER"):
        days = db.execute("SELECT DISTINCT SUBSTR(created_at, 1, 10) FROM users").fetchall()
        for (day,) in days:
            number = clock.number_of(date.fromisoformat(day))
            db.execute("UPDATE users SET joined_day = ? WHERE SUBSTR(created_at, 1, 10) = ?", [number, day])


@step
def m018_integrity(db: Database) -> None:
    """What each role may do, copied from `accounts.roles` at every start (`sync_rights`) so the SQL's rights
    clauses read it; and once-only by the database where a check in code could race on PostgreSQL: one open
    survey at a time, one open assignment per module and target (duplicates already there are closed first)."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS role_rights (
        role TEXT NOT NULL,
        right_name TEXT NOT NULL,
        PRIMARY KEY (role, right_name)
    )""",
    )
    db.execute(
        """UPDATE surveys SET closed_at = created_at
           WHERE closed_at IS NULL AND id < (SELECT MAX(id) FROM surveys WHERE closed_at IS NULL)"""
    )
    for column in ("team_id", "user_id"):
        db.execute(
            f"""UPDATE assignments SET withdrawn_at = assigned_at, withdrawn_by = assigned_by
                WHERE withdrawn_at IS NULL AND {column} IS NOT NULL AND id > (
                    SELECT MIN(o.id) FROM assignments o WHERE o.withdrawn_at IS NULL
                    AND o.module_id = assignments.module_id AND o.{column} = assignments.{column})"""
        )
    _run(
        db,
        """
    CREATE UNIQUE INDEX IF NOT EXISTS surveys_one_open ON surveys ((closed_at IS NULL)) WHERE closed_at IS NULL;
    CREATE UNIQUE INDEX IF NOT EXISTS assignments_open_team ON assignments (module_id, team_id)
        WHERE withdrawn_at IS NULL AND team_id IS NOT NULL;
    CREATE UNIQUE INDEX IF NOT EXISTS assignments_open_user ON assignments (module_id, user_id)
        WHERE withdrawn_at IS NULL AND user_id IS NOT NULL""",
    )


def sync_rights(db: Database, rights: dict[str, frozenset[str]] | None = None) -> None:
    """Make `role_rights` say what the roles table says (written only when they differ, so replicas starting
    together mostly read)."""
    wanted = {(role, right) for role, held in (rights or roles.RIGHTS).items() for right in held}
    if {tuple(row) for row in db.execute("SELECT role, right_name FROM role_rights").fetchall()} == wanted:
        return
    with transactions.write(db):
        db.execute("DELETE FROM role_rights")
        db.conn.executemany("INSERT INTO role_rights (role, right_name) VALUES (?, ?)", sorted(wanted))


@step
def m019_digest_claims(db: Database) -> None:
    """A digest is claimed (done = 0) before it is sent and confirmed (done = 1) once the server took it: a
    claim left by a sender that died is taken over later instead of losing the week's reminder. Rows written
    before were sent."""
    _add_column(db, "digests_sent", "done", "INTEGER NOT NULL DEFAULT 1")


@step
def m020_any_role(db: Database) -> None:
    """users.role no longer lists the roles in a CHECK: the roles table (`accounts.roles`) is their one list,
    and a new role (the administrator) must not need a table rebuild. SQLite: the documented way to drop a
    CHECK (the table's stored definition edited, nothing on disk changes); PostgreSQL: drop the constraint."""
    if dialect.of(db).name == "postgresql":
        db.execute("ALTER TABLE users DROP CONSTRAINT IF EXISTS users_role_check")
        return
    sql = db.execute("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'users'").fetchone()[0]
    lifted = re.sub(r"\s*CHECK \(role IN \([^)]*\)\)", "", sql)
    if lifted == sql:
        return
    version = db.execute("PRAGMA schema_version").fetchone()[0]
    db.execute("PRAGMA writable_schema = ON")
    db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = 'users'", [lifted])
    db.execute(f"PRAGMA schema_version = {version + 1}")
    db.execute("PRAGMA writable_schema = OFF")


@step
def m021_people(db: Database) -> None:
    """Leavers and the record of every change to an account.

    `users.deactivated_at`: a leaver cannot sign in and leaves team lists, assignments, reminders and current
    figures from that moment; their history stays and counts in the periods before. `audit_log`: one row per
    event (created, changed with before → after, deactivated, reactivated, password changed or reset, sign-in
    failures and lockouts, unlocks, exports, erasures), written in the same transaction as the change. Events
    repeat by nature; a double click is no second event because each change is written only when it changes
    something (an UPDATE … WHERE the old state), and its row only then."""
    _add_column(db, "users", "deactivated_at", "TEXT")
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS audit_log (
        id INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor_id INTEGER REFERENCES users(id),
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject_id INTEGER REFERENCES users(id),
        subject TEXT NOT NULL,
        details TEXT NOT NULL DEFAULT '{}'
    );
    CREATE INDEX IF NOT EXISTS audit_log_time ON audit_log(at);
    CREATE INDEX IF NOT EXISTS audit_log_subject ON audit_log(subject_id, at)""",
    )


@step
def m022_password_links(db: Database) -> None:
    """Single-use links to set a password (an invitation, valid 7 days; a reset, valid an hour), stored as the
    SHA-256 of the token only: the primary key makes a token once-only, and using it is an UPDATE … WHERE
    used_at IS NULL, so two clicks at once set one password. `must_change_password`: a temporary password given
    by an administrator must be replaced at the next sign-in."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS password_links (
        token_hash TEXT PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        purpose TEXT NOT NULL CHECK (purpose IN ('invitation', 'reset')),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT
    );
    CREATE INDEX IF NOT EXISTS password_links_user ON password_links(user_id, purpose, created_at)""",
    )
    _add_column(db, "users", "must_change_password", "INTEGER NOT NULL DEFAULT 0")


@step
def m023_erasure(db: Database) -> None:
    """A certificate of an erased person answers "revoked" to a verification (its code proves nothing any more)."""
    _add_column(db, "certificates", "revoked_at", "TEXT")


@step
def m024_single_sign_on(db: Database) -> None:
    """The identity a company's provider vouches for (`provider:subject`), once linked to an account: one account
    per identity and one identity per account, by a unique index."""
    _add_column(db, "users", "sso_subject", "TEXT")
    _run(db, "CREATE UNIQUE INDEX IF NOT EXISTS users_sso_subject ON users(sso_subject) WHERE sso_subject IS NOT NULL")


@step
def m025_team_history(db: Database) -> None:
    """Movers: the teams a person was in before their current one, each with its dates. A team's figures for
    a past period count who was in it then; its manager sees the people in it now, with their whole history.
    One row per person and moment of leaving (the primary key): a move is written only when the team changes."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS team_history (
        user_id INTEGER NOT NULL REFERENCES users(id),
        team_id INTEGER NOT NULL REFERENCES teams(id),
        since_at TEXT NOT NULL,
        until_at TEXT NOT NULL,
        PRIMARY KEY (user_id, until_at)
    )""",
    )


@step
def m026_summaries(db: Database) -> None:
    """What reports read instead of the whole history (`store/summaries.py`): one standing row per person and
    module (the primary key), filled from the attempts already stored; a version per team's learning data (the
    primary key: one per team); one run per job and slot (the primary key: the hourly
    digests run once per hour for every process sharing the database)."""
    from modules.store import summaries

    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS module_standing (
        user_id INTEGER NOT NULL REFERENCES users(id),
        module_id TEXT NOT NULL,
        attempts INTEGER NOT NULL,
        best REAL,
        first_attempt_at TEXT NOT NULL,
        last_attempt_at TEXT NOT NULL,
        first_try_at TEXT,
        first_try_passed INTEGER,
        first_passed_at TEXT,
        last_passed_at TEXT,
        PRIMARY KEY (user_id, module_id)
    );
    CREATE INDEX IF NOT EXISTS module_standing_by_module ON module_standing(module_id, user_id);
    CREATE INDEX IF NOT EXISTS team_history_team ON team_history(team_id, user_id);
    CREATE TABLE IF NOT EXISTS data_stamps (area TEXT PRIMARY KEY, version INTEGER NOT NULL);
    CREATE TABLE IF NOT EXISTS job_runs (
        job TEXT NOT NULL,
        slot TEXT NOT NULL,
        started_at TEXT NOT NULL,
        PRIMARY KEY (job, slot)
    )""",
    )
    db.execute("DELETE FROM module_standing")
    db.execute(f"INSERT INTO module_standing ({summaries.COLUMNS})" + summaries.FROM_ATTEMPTS.format(where=""))


@step
def m027_question_stats(db: Database) -> None:
    """The Question analysis' sums and option counts, kept as attempts are written (`store/analysis.py`): one
    row per module, question and first-only flag, and per option too (the primary keys); filled from the
    answers already stored."""
    from modules.store import analysis

    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS question_stats (
        module_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        first_only INTEGER NOT NULL,
        n INTEGER NOT NULL,
        sx REAL NOT NULL,
        sxx REAL NOT NULL,
        sy REAL NOT NULL,
        syy REAL NOT NULL,
        sxy REAL NOT NULL,
        PRIMARY KEY (module_id, question_id, first_only)
    );
    CREATE TABLE IF NOT EXISTS option_stats (
        module_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        option INTEGER NOT NULL,
        first_only INTEGER NOT NULL,
        chosen INTEGER NOT NULL,
        PRIMARY KEY (module_id, question_id, option, first_only)
    )""",
    )
    analysis.rebuild(db)


@step
def m028_recall_day_stats(db: Database) -> None:
    """The practice answers per module, question and half-day since last seen (Question analysis' retention
    curve), kept as answers are written (`store/recall.py`): one row per module, question and half-day (the
    primary key); filled from the answers already stored."""
    from modules.store import recall

    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS recall_day_stats (
        module_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        half_days INTEGER NOT NULL,
        answers INTEGER NOT NULL,
        right_answers INTEGER NOT NULL,
        PRIMARY KEY (module_id, question_id, half_days)
    )""",
    )
    recall.rebuild_day_stats(db)


@step
def m029_module_releases(db: Database) -> None:
    """When the install first saw each module, so a module published this week is shown as new, not as one
    that stalls in every team. One row per module (the primary key; written with ON CONFLICT DO NOTHING, so
    two processes seeing a new file at once keep the first). Modules already used date from their first
    attempt or read."""
    from modules.store import releases

    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS module_releases (
        module_id TEXT PRIMARY KEY,
        first_seen_at TEXT NOT NULL
    )""",
    )
    releases.record_from_history(db)


@step
def m030_follow_up(db: Database) -> None:
    """The manager's to-do: a person given more time on an assigned module (one row per assignment and person,
    the primary key: a second "a week more" for the same due date changes nothing), and a reminder sent now
    (one per person, topic and day, the primary key: a double click sends one e-mail)."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS due_extensions (
        assignment_id INTEGER NOT NULL REFERENCES assignments(id),
        user_id INTEGER NOT NULL REFERENCES users(id),
        until_day INTEGER NOT NULL,
        granted_by INTEGER NOT NULL REFERENCES users(id),
        granted_at TEXT NOT NULL,
        PRIMARY KEY (assignment_id, user_id)
    );
    CREATE TABLE IF NOT EXISTS nudges (
        user_id INTEGER NOT NULL REFERENCES users(id),
        topic TEXT NOT NULL,
        day TEXT NOT NULL,
        sent_by INTEGER NOT NULL REFERENCES users(id),
        sent_at TEXT NOT NULL,
        PRIMARY KEY (user_id, topic, day)
    )""",
    )


@step
def m031_certificate_lookups(db: Database) -> None:
    """The public verification page's counter: lookups per client and ten-minute window, so nobody can try
    codes by the thousand. One row per client and window (the primary key; an upsert adds one)."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS certificate_lookups (
        client TEXT NOT NULL,
        window_start TEXT NOT NULL,
        tries INTEGER NOT NULL,
        PRIMARY KEY (client, window_start)
    )""",
    )


@step
def m032_notifications(db: Database) -> None:
    """The bell and its e-mails. What is new is read from the tables it comes from (assignments, recognitions,
    reviews, answers); stored here are when a person last opened the bell (one row per person, the primary
    key), which kinds they want e-mailed at once and since when (one row per person and kind), and each
    e-mail sent (one per person, kind and thing, the primary key: claimed before it is sent, so two
    processes never send it twice)."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS bell_seen (
        user_id INTEGER PRIMARY KEY REFERENCES users(id),
        seen_at TEXT NOT NULL
    );
    CREATE TABLE IF NOT EXISTS notification_choices (
        user_id INTEGER NOT NULL REFERENCES users(id),
        kind TEXT NOT NULL,
        since TEXT NOT NULL,
        PRIMARY KEY (user_id, kind)
    );
    CREATE TABLE IF NOT EXISTS notifications_mailed (
        user_id INTEGER NOT NULL REFERENCES users(id),
        kind TEXT NOT NULL,
        ref INTEGER NOT NULL,
        claimed_at TEXT NOT NULL,
        sent_at TEXT,
        PRIMARY KEY (user_id, kind, ref)
    )""",
    )


@step
def m033_practice_situations(db: Database) -> None:
    """Practice that asks the same idea in another situation, and "What would you say?" self-ratings. A card
    remembers the situation it last asked (the next one comes next); a review which situation it asked and, for
    a "What would you say?", the rubric level the learner gave their own words and how sure they were.
    `practice_stats` counts the answers per module, question and situation as they are written (one row each,
    the primary key); `say_checks` keeps the self-ratings given after the quiz, one per person, question and
    day (the UNIQUE key: a second click that day changes the rating, never adds one)."""
    from modules.store import practice_answers

    _add_column(db, "recall_cards", "last_asked", "TEXT")
    for column, kind in (("asked_id", "TEXT"), ("self_level", "INTEGER"), ("confidence", "INTEGER")):
        _add_column(db, "recall_reviews", column, kind)
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS practice_stats (
        module_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        asked_id TEXT NOT NULL,
        answers INTEGER NOT NULL,
        right_answers INTEGER NOT NULL,
        level_sum INTEGER NOT NULL,
        sure INTEGER NOT NULL,
        PRIMARY KEY (module_id, question_id, asked_id)
    );
    CREATE TABLE IF NOT EXISTS say_checks (
        id INTEGER PRIMARY KEY,
        user_id INTEGER NOT NULL REFERENCES users(id),
        module_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        day TEXT NOT NULL,
        checked_at TEXT NOT NULL,
        level INTEGER NOT NULL,
        confidence INTEGER NOT NULL,
        UNIQUE (user_id, module_id, question_id, day)
    );
    CREATE INDEX IF NOT EXISTS say_checks_module ON say_checks(module_id, question_id)""",
    )
    practice_answers.rebuild(db)


@step
def m034_kept_reports(db: Database) -> None:
    """Report rows kept per team (`store/kept_reports.py`): the organisation's figures are read from 2,000
    small rows and computed again only for the teams whose people did something. One row per team, report
    and key (the primary key: a second copy cannot exist, two processes storing at once write one row)."""
    _run(
        db,
        """
    CREATE TABLE IF NOT EXISTS kept_reports (
        team_id INTEGER NOT NULL,
        report TEXT NOT NULL,
        key TEXT NOT NULL,
        version INTEGER NOT NULL,
        kept_on TEXT NOT NULL,
        rows TEXT NOT NULL,
        PRIMARY KEY (team_id, report, key)
    )""",
    )
