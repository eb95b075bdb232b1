"""Roles and what each may do: the one table the navigation, the store's SQL, the services and the access
tests all derive from. No role name is compared anywhere else.

A role is a set of rights. Pages say which right opens them; the store copies `RIGHTS` into its
`role_rights` table at start (`store.schema.upgrade`) and every SQL rights clause reads it there, so a
right given or taken here changes the page, the service and the SQL together. A page absent from a
role's list is never registered for that role, so its URL cannot open it either.
"""

from __future__ import annotations

from dataclasses import dataclass

from modules.i18n import N_

ROLES = ("employee", "manager", "trainer", "admin")  # users.role holds one of these (checked by the services)
ROLE_LABELS = {
    "employee": N_("Employee"),
    "manager": N_("Manager"),
    "trainer": N_("Trainer"),
    "admin": N_("Administrator"),
}

# The rights. Reading one's own learning needs none.
MEMBER = "team member"  # counted in the team's figures and assignments; answers its survey; rates oneself, asks peers
MANAGE_TEAMS = "manage linked teams"  # sees and acts for the teams one is linked to as a manager
ALL_TEAMS = "all teams"  # sees and acts for every team
SEE_TEAMS = "see team progress"  # the Team progress page (for the teams one sees)
REVIEW = "review"  # approve stories and answer suggestions of the teams one sees
ASSIGN = "assign modules"  # give modules with a due date to the teams one sees or their people
DEFINE_SURVEYS = "define surveys"  # start a mirror survey, import customer answers
EDIT_RUBRICS = "edit rubrics"
AUTHOR = "author content"  # Studio, Question analysis, Content status
MANAGE_PEOPLE = "manage people"  # accounts, teams, deactivation, password resets (HR / IT)
READ_AUDIT = "read the audit log"  # who changed which account, and when
FOLLOW_UP = "follow up people"  # the to-do of who is late, stuck or not practising, with its actions
RIGHTS: dict[str, frozenset[str]] = {
    "employee": frozenset({MEMBER}),
    "manager": frozenset({MANAGE_TEAMS, SEE_TEAMS, REVIEW, ASSIGN, FOLLOW_UP}),
    "trainer": frozenset({ALL_TEAMS, SEE_TEAMS, REVIEW, DEFINE_SURVEYS, EDIT_RUBRICS, ASSIGN, AUTHOR}),
    "admin": frozenset({MANAGE_PEOPLE, READ_AUDIT, ALL_TEAMS}),  # the Organisation page, read-only
}


@dataclass(frozen=True)
class PageAccess:
    key: str
    title: str
    icon: str
    file: str
    url_path: str
    right: str | None  # None: every signed-in person
    group: str = N_("Learn")
    visible: bool = True


# Open to anyone, signed in or not (never in the menu): a certificate's code checked from its link or QR code.
PUBLIC_PAGE = PageAccess(
    "verify", N_("Check a certificate"), ":material/verified:", "pages/public/verify.py", "verify", None, visible=False
)

PAGES: tuple[PageAccess, ...] = (
    PageAccess("home", N_("Home"), ":material/home:", "pages/learn/home.py", "home", None),
    PageAccess("module", N_("Module"), ":material/menu_book:", "pages/learn/module.py", "module", None, visible=False),
    PageAccess(
        "my_progress", N_("My progress"), ":material/insights:", "pages/learn/my_progress.py", "my-progress", None
    ),
    PageAccess("account", N_("My account"), ":material/manage_accounts:", "pages/learn/account.py", "my-account", None),
    PageAccess("search", N_("Search"), ":material/search:", "pages/learn/search.py", "search", None, visible=False),
    PageAccess(
        "debriefing",
        N_("Debriefing"),
        ":material/record_voice_over:",
        "pages/together/debriefing.py",
        "debriefing",
        None,
        group=N_("Together"),
    ),
    PageAccess(
        "mirror",
        N_("Mirror survey"),
        ":material/compare_arrows:",
        "pages/together/mirror.py",
        "mirror-survey",
        None,
        group=N_("Together"),
    ),
    PageAccess(
        "stories",
        N_("Best failures"),
        ":material/auto_awesome:",
        "pages/together/stories.py",
        "best-failures",
        None,
        group=N_("Together"),
    ),
    PageAccess(
        "suggestions",
        N_("Suggestions"),
        ":material/lightbulb:",
        "pages/together/suggestions.py",
        "suggestions",
        None,
        group=N_("Together"),
    ),
    PageAccess(
        "team",
        N_("Team progress"),
        ":material/groups:",
        "pages/measure/team.py",
        "team",
        SEE_TEAMS,
        group=N_("Measure"),
    ),
    PageAccess(
        "organisation",
        N_("Organisation"),
        ":material/domain:",
        "pages/measure/organisation.py",
        "organisation",
        ALL_TEAMS,
        group=N_("Measure"),
    ),
    PageAccess(
        "studio",
        N_("Studio"),
        ":material/edit_note:",
        "pages/author/studio.py",
        "studio",
        AUTHOR,
        group=N_("Author"),
    ),
    PageAccess(
        "analysis",
        N_("Question analysis"),
        ":material/query_stats:",
        "pages/author/analysis.py",
        "question-analysis",
        AUTHOR,
        group=N_("Author"),
    ),
    PageAccess(
        "content_status",
        N_("Content status"),
        ":material/fact_check:",
        "pages/author/content_status.py",
        "content-status",
        AUTHOR,
        group=N_("Author"),
    ),
    PageAccess(
        "people",
        N_("People"),
        ":material/badge:",
        "pages/admin/people.py",
        "people",
        MANAGE_PEOPLE,
        group=N_("Administration"),
    ),
    PageAccess(
        "audit",
        N_("Audit log"),
        ":material/history:",
        "pages/admin/audit.py",
        "audit-log",
        READ_AUDIT,
        group=N_("Administration"),
    ),
)


def may(role: str | None, right: str) -> bool:
    """Whether a role holds a right; an unknown role holds none."""
    return right in RIGHTS.get(role or "", frozenset())


def roles_with(right: str) -> tuple[str, ...]:
    """The roles holding a right, in the table's order (e.g. whose modules the team figures count)."""
    return tuple(role for role in ROLES if may(role, right))


def pages_for(role: str | None) -> list[PageAccess]:
    """The pages a role may open, in menu order; an unknown role gets none."""
    return [page for page in PAGES if role in RIGHTS and (page.right is None or may(role, page.right))]


def may_open(role: str | None, key: str) -> bool:
    return any(page.key == key for page in pages_for(role))


def page(key: str) -> PageAccess:
    return next(p for p in PAGES if p.key == key)
