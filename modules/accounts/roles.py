"""Who may open which page: the one table both navigation and access tests read.

A page absent from a role's list is never registered for that role, so its URL
cannot open it either.
"""

from __future__ import annotations

from dataclasses import dataclass

from modules.i18n import N_

ROLES = ("employee", "manager", "trainer")  # the schema's CHECK on users.role holds the same values
ROLE_LABELS = {"employee": N_("Employee"), "manager": N_("Manager"), "trainer": N_("Trainer")}
EVERYONE = frozenset(ROLES)

# What a role may do beyond reading its own pages. The store enforces each right in SQL against the stored
# account (store/scope.py); pages read this table only to decide which forms to show.
REVIEW = "review"  # approve stories and answer suggestions of one's teams (every team for a trainer)
DEFINE_SURVEYS = "define surveys"  # start a mirror survey, import customer answers
EDIT_RUBRICS = "edit rubrics"
ALL_TEAMS = "all teams"  # sees every team, not only the managed ones
ASSIGN = "assign modules"  # give modules with a due date to one's teams or their people (every team for a trainer)
RIGHTS = {
    "employee": frozenset(),
    "manager": frozenset({REVIEW, ASSIGN}),
    "trainer": frozenset({REVIEW, DEFINE_SURVEYS, EDIT_RUBRICS, ALL_TEAMS, ASSIGN}),
}


@dataclass(frozen=True)
class PageAccess:
    key: str
    title: str
    icon: str
    file: str
    url_path: str
    roles: frozenset[str]
    group: str = N_("Learn")
    visible: bool = True


PAGES: tuple[PageAccess, ...] = (
    PageAccess("home", N_("Home"), ":material/home:", "pages/learn/home.py", "home", EVERYONE),
    PageAccess(
        "module", N_("Module"), ":material/menu_book:", "pages/learn/module.py", "module", EVERYONE, visible=False
    ),
    PageAccess(
        "my_progress", N_("My progress"), ":material/insights:", "pages/learn/my_progress.py", "my-progress", EVERYONE
    ),
    PageAccess(
        "debriefing",
        N_("Debriefing"),
        ":material/record_voice_over:",
        "pages/together/debriefing.py",
        "debriefing",
        EVERYONE,
        group=N_("Together"),
    ),
    PageAccess(
        "mirror",
        N_("Mirror survey"),
        ":material/compare_arrows:",
        "pages/together/mirror.py",
        "mirror-survey",
        EVERYONE,
        group=N_("Together"),
    ),
    PageAccess(
        "stories",
        N_("Best failures"),
        ":material/auto_awesome:",
        "pages/together/stories.py",
        "best-failures",
        EVERYONE,
        group=N_("Together"),
    ),
    PageAccess(
        "suggestions",
        N_("Suggestions"),
        ":material/lightbulb:",
        "pages/together/suggestions.py",
        "suggestions",
        EVERYONE,
        group=N_("Together"),
    ),
    PageAccess(
        "team",
        N_("Team progress"),
        ":material/groups:",
        "pages/measure/team.py",
        "team",
        frozenset({"manager", "trainer"}),
        group=N_("Measure"),
    ),
    PageAccess(
        "organisation",
        N_("Organisation"),
        ":material/domain:",
        "pages/measure/organisation.py",
        "organisation",
        frozenset({"trainer"}),
        group=N_("Measure"),
    ),
    PageAccess(
        "studio",
        N_("Studio"),
        ":material/edit_note:",
        "pages/author/studio.py",
        "studio",
        frozenset({"trainer"}),
        group=N_("Author"),
    ),
    PageAccess(
        "analysis",
        N_("Question analysis"),
        ":material/query_stats:",
        "pages/author/analysis.py",
        "question-analysis",
        frozenset({"trainer"}),
        group=N_("Author"),
    ),
    PageAccess(
        "content_status",
        N_("Content status"),
        ":material/fact_check:",
        "pages/author/content_status.py",
        "content-status",
        frozenset({"trainer"}),
        group=N_("Author"),
    ),
)


def pages_for(role: str | None) -> list[PageAccess]:
    """The pages a role may open, in menu order; an unknown role gets none."""
    return [page for page in PAGES if role in page.roles]


def may_open(role: str | None, key: str) -> bool:
    return any(page.key == key for page in pages_for(role))


def page(key: str) -> PageAccess:
    return next(p for p in PAGES if p.key == key)


def may(role: str | None, right: str) -> bool:
    return right in RIGHTS.get(role or "", frozenset())
