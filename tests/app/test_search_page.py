"""Search through the app: from the box on every page, results in the reader's language that open where the
words are, and a query too short or with nothing found said plainly."""

from __future__ import annotations

from pathlib import Path

from modules import store
from tests.helpers import signed_in


def test_the_box_on_every_page_opens_the_results(academy: Path) -> None:
    at = signed_in(academy, "alice", "pages/learn/my_progress.py")
    at.text_input(key="search-words").set_value("peak")
    at.sidebar.button[0].click().run()  # the box's own button (the form's submit)
    assert [t.value for t in at.title] == ["Search"] and not at.exception
    assert [t.value for t in at.text_input if t.key != "search-words"] == ["peak"]  # the page's own box, filled
    assert "Sections" in [s.value for s in at.subheader]


def test_results_open_the_module_at_the_section(academy: Path) -> None:
    at = signed_in(academy, "alice", "pages/learn/search.py", q="ending")
    assert "Sections" in [s.value for s in at.subheader] and not at.exception
    link = next(link for link in at.get("page_link") if "section=" in str(link.proto.query_string))
    assert "module=" in str(link.proto.query_string)


def test_short_empty_and_french_queries(academy: Path) -> None:
    short = signed_in(academy, "alice", "pages/learn/search.py", q="a")
    assert "Type at least 2 letters." in [w.value for w in short.warning]
    nothing = signed_in(academy, "alice", "pages/learn/search.py", q="zzqxj")
    assert "Nothing holds «zzqxj»" in nothing.info[0].value
    with store.engine.opened(academy) as db:
        store.accounts.set_language(db, store.accounts.user_by_username(db, "alice")["id"], "fr")
    french = signed_in(academy, "alice", "pages/learn/search.py", q="emotion")
    assert [t.value for t in french.title] == ["Rechercher"] and "Sections" in [s.value for s in french.subheader]
