"""The access matrix, the one page × role loop: every page × every viewer opens without an error or is
refused (absent from the navigation, or showing nothing), and no person of another team is in what a manager sees.

What a page "shows" here is everything it sends: text, metrics, tables, selectbox
options, chart datasets (decoded from Arrow) and the CSV files of its download buttons.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from streamlit.runtime.media_file_manager import MediaFileManager
from streamlit.runtime.memory_media_file_storage import MemoryMediaFileStorage
from streamlit.testing.v1 import AppTest

from modules import store
from modules.accounts import roles
from tests.helpers import APP, signed_in

VIEWERS = {
    "anonymous": None,
    "employee": "alice",
    "manager": "marc",
    "manager (other team)": "nadia",
    "trainer": "theo",
    "administrator": "irene",
}
DENIED = "This page is not available to you. Sign in with an account that may open it."


@pytest.fixture
def downloads(monkeypatch: pytest.MonkeyPatch) -> list[bytes]:
    """Every file a page hands to a download button, captured as it is stored."""
    captured: list[bytes] = []
    original = MemoryMediaFileStorage.load_and_get_id

    def recording(self, path_or_data, mimetype, kind, filename=None):
        if isinstance(path_or_data, bytes):
            captured.append(path_or_data)
        return original(self, path_or_data, mimetype, kind, filename)

    def deferred(self, generate, *args, **kwargs):  # a file written when its button is pressed: pressed here
        captured.append(generate())
        return original_deferred(self, generate, *args, **kwargs)

    original_deferred = MediaFileManager.add_deferred
    monkeypatch.setattr(MemoryMediaFileStorage, "load_and_get_id", recording)
    monkeypatch.setattr(MediaFileManager, "add_deferred", deferred)
    return captured


def shown(at: AppTest, files: list[bytes]) -> str:
    parts = [
        str(e.value)
        for kind in (
            "markdown",
            "caption",
            "title",
            "header",
            "subheader",
            "info",
            "success",
            "warning",
            "error",
            "code",
        )
        for e in at.get(kind)
    ]
    parts += [f"{m.label} {m.value}" for m in at.metric]
    parts += [frame.value.to_csv() for frame in at.dataframe]
    parts += [" ".join(map(str, box.options)) for box in [*at.selectbox, *at.multiselect]]
    for chart in at.get("vega_lite_chart"):
        parts.append(chart.proto.spec)
        for dataset in chart.proto.datasets:
            parts.append(pa.ipc.open_stream(dataset.data.data).read_all().to_pandas().to_csv())
    parts += [f.decode("utf-8", "replace") for f in files]
    return "\n".join(parts)


def open_page(db: Path | str, viewer: str | None, page: roles.PageAccess) -> tuple[str, AppTest | None]:
    """'absent' (not registered), 'refused' (ran but refused) or 'open', with the run."""
    if viewer is None:
        at = AppTest.from_file(APP, default_timeout=30).run()
    else:
        at = signed_in(db, viewer)
    try:
        at.switch_page(page.file)
    except ValueError:
        return "absent", None
    at.run()  # a page outside the navigation runs only in Streamlit's legacy mode: it must refuse
    if DENIED in [e.value for e in at.error]:
        assert [e.value for e in at.error] == [DENIED] and not at.title, (viewer, page.key)
        return "refused", at
    assert not at.exception, (viewer, page.key, at.exception)
    assert not at.error, (viewer, page.key, [e.value for e in at.error])  # a page opens without an error
    return "open", at


def test_access_matrix(academy_on_each_engine: str, downloads: list[bytes]) -> None:
    academy = academy_on_each_engine
    db = store.engine.connect(academy)
    people = {u["name"]: u["team"] for u in store.accounts.accounts(db) if u["role"] == "employee"}
    teams_of = {"marc": "Riverside store", "nadia": "Old Town store"}
    published = {s["author"] for s in store.stories.stories_for(db, 0)}  # approved stories are for everyone
    matrix: dict[str, dict[str, str]] = {}
    cells = 0
    for label, viewer in VIEWERS.items():
        role = None if viewer is None else store.accounts.user_by_username(db, viewer)["role"]
        for page in roles.PAGES:
            downloads.clear()
            outcome, at = open_page(academy, viewer, page)
            cells += 1
            allowed = roles.may_open(role, page.key)
            assert (outcome == "open") == allowed, (label, page.key, outcome)
            if outcome == "refused":
                assert not at.dataframe and not at.metric and not at.get("vega_lite_chart")
            matrix.setdefault(label, {})[page.title] = outcome
            if outcome == "open" and viewer in teams_of:
                text = shown(at, downloads)
                strangers = sorted(
                    n for n, team in people.items() if team != teams_of[viewer] and n in text and n not in published
                )
                assert strangers == [], (label, page.key, strangers)
                if page.key == "team":
                    assert downloads, "the team page offers its tables as CSV"
                    mine = [n for n, team in people.items() if team == teams_of[viewer]]
                    assert all(n in text for n in mine)
    width = max(len(p.title) for p in roles.PAGES)
    print(f"\naccess matrix ({cells} cells): open / refused (ran, showed nothing) / absent (not in navigation)")
    print(" " * 22 + "  ".join(p.title.ljust(width) for p in roles.PAGES))
    for label, row in matrix.items():
        print(label.ljust(22) + "  ".join(row[p.title].ljust(width) for p in roles.PAGES))


def test_a_manager_cannot_open_another_persons_detail_by_id(academy: Path) -> None:
    db = store.engine.connect(academy)
    stranger = store.accounts.user_by_username(db, "karine")  # Old Town store
    at = signed_in(academy, "marc", "pages/measure/team.py")
    with pytest.raises(Exception):  # noqa: B017 (AppTest raises whatever the widget does for a value not offered)
        at.selectbox(key="person").set_value(stranger["id"]).run()  # not among the options offered
    import os

    from modules.content import load_catalog
    from modules.measurement import team_reports

    modules = load_catalog(Path(os.environ["ACADEMY_CONTENT"])).for_language("en")
    detail = team_reports.person_report(db, store.accounts.user_by_username(db, "marc")["id"], modules, stranger["id"])
    assert detail.attempts == [] and detail.reads == [] and detail.missed == []
