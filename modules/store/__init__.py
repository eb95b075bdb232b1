"""The store: the only code that speaks SQL (sqlite-utils over a SQLite file).

One file per concern: `engine` opens handles, `schema` holds the migrations,
`transactions` the write lock and retries, `clock` the stored time format,
`scope` every rights clause (who may see and change what, read from the
stored account), and one file per area: `accounts`, `learning` (with the one
definition of "passed"), `versions`, `measurement`, `analysis`,
`debriefing`, `surveys`, `stories`, `suggestions`. Callers write
`from modules import store` and use the names below.
"""

from sqlite_utils import Database

from modules.store.accounts import (
    Account, LoginFailures, Team, User, accounts, add_team, add_team_manager, add_user, employee_teams, login_failures,
    managed_teams, save_login_failures, set_language, set_password, team_id_for, team_managers, user_by_username,
)
from modules.store.analysis import option_counts, question_sums
from modules.store.clock import FAR_FUTURE, days_between, now, timestamp
from modules.store.debriefing import (
    PeerRequest, Rating, add_rating, asked_peers, debriefings_per_team, open_requests, people_in_scope,
    person_skill_levels, ratings_of, recognitions, request_peer, team_skill_levels, teammates,
)
from modules.store.engine import BUSY_TIMEOUT_MS, connect, count, is_empty, opened
from modules.store.learning import (
    Attempt, ModuleFacts, StoredAnswer, answers_of, attempts_of, mark_section_read, module_facts, next_attempt_no,
    save_attempt, sections_read,
)
from modules.store.measurement import (
    VisibleTeam, activity_stamp, cumulative_completion, headline, people_count, person_attempts,
    person_missed_questions, person_module_grid, person_reads, practices_stamp, score_distribution, standing_counts,
    team_activity, team_comparison, visible_teams, weekly_activity,
)
from modules.store.schema import migrations, schema_version, upgrade
from modules.store.scope import ModuleSpec, Scope
from modules.store.stories import (
    Story, add_story, answer_waits, pin_story, review_story, stories_and_suggestions_per_team, stories_for,
    thank_story, waiting_for_review,
)
from modules.store.suggestions import Suggestion, add_suggestion, answer_suggestion, new_for_answer, suggestions_for
from modules.store.surveys import (
    CustomerRow, Survey, SurveyQuestion, answer_survey, close_survey, create_survey, has_answered,
    import_customer_responses, imports, open_survey, own_team_results, question_results, recommendation_over_time,
    survey_questions, surveys,
)
from modules.store.versions import Version, add_module_version, latest_module_text, module_versions

__all__ = [
    "Account", "Attempt", "LoginFailures", "BUSY_TIMEOUT_MS", "CustomerRow", "Database", "FAR_FUTURE", "ModuleFacts", "ModuleSpec",
    "PeerRequest", "Rating", "Scope", "Story", "StoredAnswer", "Suggestion", "Survey", "SurveyQuestion", "Team",
    "User", "Version", "VisibleTeam", "accounts", "activity_stamp", "add_module_version", "add_rating", "add_story",
    "add_suggestion", "add_team", "add_team_manager", "add_user", "answer_suggestion", "answer_survey",
    "answer_waits", "answers_of", "asked_peers", "attempts_of", "close_survey", "connect", "count", "create_survey",
    "cumulative_completion", "days_between", "debriefings_per_team", "employee_teams", "has_answered", "headline",
    "import_customer_responses", "imports", "is_empty", "latest_module_text", "login_failures", "managed_teams",
    "mark_section_read", "migrations", "module_facts", "module_versions", "new_for_answer", "next_attempt_no", "now",
    "open_requests", "open_survey", "opened", "option_counts", "own_team_results", "people_count", "people_in_scope",
    "person_attempts", "person_missed_questions", "person_module_grid", "person_reads", "person_skill_levels",
    "pin_story", "practices_stamp", "question_results", "question_sums", "ratings_of", "recognitions",
    "recommendation_over_time", "request_peer", "review_story", "save_attempt", "save_login_failures",
    "schema_version", "score_distribution", "sections_read", "set_language", "set_password", "standing_counts",
    "stories_and_suggestions_per_team", "stories_for", "survey_questions", "surveys", "team_activity",
    "team_comparison", "team_id_for", "team_managers", "team_skill_levels", "teammates", "thank_story", "timestamp",
    "upgrade", "user_by_username", "visible_teams", "waiting_for_review", "weekly_activity",
]
