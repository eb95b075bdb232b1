"""The store: the only code that speaks SQL, through sqlite-utils.

`connection` opens the database and migrates it, `records` writes and reads
what people do, `measurement` computes the aggregates the progress pages show.
Callers use `from modules import store` and the names below.
"""

from sqlite_utils import Database

from modules.store.analysis import option_counts, question_sums
from modules.store.connection import BUSY_TIMEOUT_MS, connect, migrations, now, schema_version, timestamp, upgrade
from modules.store.measurement import (
    Scope, activity_stamp, cumulative_completion, headline, person_attempts, person_missed_questions, practices_stamp,
    people_count, person_module_grid, person_reads, score_distribution, status_counts, team_activity, team_comparison,
    visible_teams, weekly_activity,
)
from modules.store.debriefing import (
    add_rating, asked_peers, debriefings_per_team, open_requests, people_in_scope, person_skill_levels, ratings_of,
    recognitions, request_peer, team_skill_levels, teammates,
)
from modules.store.stories import (
    add_story, pin_story, review_story, stories_and_suggestions_per_team, stories_for, thank_story, waiting_for_review,
)
from modules.store.surveys import (
    answer_survey, close_survey, create_survey, has_answered, import_customer_responses, imports, open_survey,
    own_team_results,
    question_results, recommendation_over_time, survey_questions, surveys,
)
from modules.store.suggestions import STATUSES as SUGGESTION_STATUSES
from modules.store.suggestions import add_suggestion, answer_suggestion, new_for_answer, suggestions_for
from modules.store.records import (
    accounts, add_module_version, add_team, add_team_manager, add_user, latest_module_text, module_versions, answers_of, attempts_of, count, is_empty, login_failures, managed_teams,
    mark_section_read, next_attempt_no, save_attempt, save_login_failures, sections_read, set_language, set_password, team_id_for,
    user_by_username, users,
)

__all__ = [
    "add_rating", "asked_peers", "debriefings_per_team", "open_requests", "person_skill_levels", "ratings_of",
    "recognitions", "request_peer", "team_skill_levels", "teammates", "people_in_scope", "add_story", "pin_story", "review_story",
    "stories_and_suggestions_per_team", "stories_for", "thank_story", "waiting_for_review", "new_for_answer", "answer_survey", "close_survey",
    "create_survey", "own_team_results", "has_answered", "import_customer_responses", "imports", "open_survey", "question_results",
    "recommendation_over_time", "survey_questions", "surveys",
    "BUSY_TIMEOUT_MS", "Database", "practices_stamp", "SUGGESTION_STATUSES", "add_suggestion", "answer_suggestion", "suggestions_for", "accounts", "add_module_version", "latest_module_text", "module_versions", "option_counts", "question_sums", "Scope", "activity_stamp", "cumulative_completion", "headline",
    "people_count", "person_attempts", "person_missed_questions", "person_module_grid", "person_reads", "score_distribution",
    "status_counts", "team_activity", "team_comparison", "visible_teams", "weekly_activity", "add_team", "add_team_manager", "add_user", "answers_of", "attempts_of",
    "connect", "count", "is_empty", "managed_teams", "mark_section_read", "migrations", "next_attempt_no", "now",
    "save_attempt", "schema_version", "timestamp", "sections_read", "upgrade", "user_by_username", "users", "login_failures",
    "save_login_failures", "set_language", "set_password", "team_id_for",
]
