"""Who may open which page: the one table both navigation and access tests read.

A page absent from a role's list is never registered for that role, so its URL
cannot open it either.
"""

from __future__ import annotations

from dataclasses import dataclass

ROLES = ("employee", "manager", "trainer")
ROLE_LABELS = {"employee": "Employee", "manager": "Manager", "trainer": "Trainer"}
EVERYONE = frozenset(ROLES)


@dataclass(frozen=True)
class PageAccess:
    key: str
    title: str
    icon: str
    file: str
    url_path: str
    roles: frozenset[str]
    group: str = "Learn"
    visible: bool = True


PAGES: tuple[PageAccess, ...] = (
    PageAccess("home", "Home", ":material/home:", "pages/home.py", "home", EVERYONE),
    PageAccess("module", "Module", ":material/menu_book:", "pages/module.py", "module", EVERYONE, visible=False),
    PageAccess("my_progress", "My progress", ":material/insights:", "pages/my_progress.py", "my-progress", EVERYONE),
    PageAccess("team", "Team progress", ":material/groups:", "pages/team.py", "team",
               frozenset({"manager", "trainer"}), group="Measure"),
    PageAccess("organisation", "Organisation", ":material/domain:", "pages/organisation.py", "organisation",
               frozenset({"trainer"}), group="Measure"),
    PageAccess("studio", "Studio", ":material/edit_note:", "pages/studio.py", "studio", frozenset({"trainer"}),
               group="Author"),
    PageAccess("analysis", "Question analysis", ":material/query_stats:", "pages/analysis.py", "question-analysis",
               frozenset({"trainer"}), group="Author"),
    PageAccess("content_status", "Content status", ":material/fact_check:", "pages/content_status.py",
               "content-status", frozenset({"trainer"}), group="Author"),
)


def pages_for(role: str | None) -> list[PageAccess]:
    """The pages a role may open, in menu order; an unknown role gets none."""
    return [page for page in PAGES if role in page.roles]


def may_open(role: str | None, key: str) -> bool:
    return any(page.key == key for page in pages_for(role))


def page(key: str) -> PageAccess:
    return next(p for p in PAGES if p.key == key)
