"""Search in stories and suggestions: only what the reader may see, every word, wildcards taken literally
(each engine)."""

from __future__ import annotations

from modules import search, store


def test_stories_and_suggestions_are_found_only_where_the_reader_may_see_them(org, modules) -> None:
    db, ids, _ = org
    story = store.stories.add_story(
        db, ids["ann"], "The cold coffee", "A guest waited", "I apologised and fixed it", "Thank you", "2026-11-01"
    )
    store.suggestions.add_suggestion(db, ids["bob"], "A 100% quieter till", "Change the till beep", "2026-11-02")
    ann_sees = search.search(db, ids["ann"], modules, "COLD coffee")
    assert [h.title for h in ann_sees.hits[search.STORY]] == ["The cold coffee"]  # her own, not yet approved
    assert search.search(db, ids["bob"], modules, "cold coffee").hits == {}  # another team's, unapproved
    store.stories.review_story(db, story, ids["mia"], True)
    assert search.search(db, ids["bob"], modules, "cold coffee").hits[search.STORY][0].where == "Ann · A"
    assert search.search(db, ids["mia"], modules, "till beep").hits == {}  # another team's suggestion
    assert [h.title for h in search.search(db, ids["max"], modules, "100%").hits[search.SUGGESTION]] == [
        "A 100% quieter till"
    ]
    assert search.search(db, ids["max"], modules, "10_%").hits == {}  # "_" and "%" are letters here
    assert search.search(db, ids["tess"], modules, "x").count == 0  # too short to mean anything
