"""The bell and the e-mail choices through the app: what is new in the menu of every page, marked read with
one click; the kinds to e-mail chosen on My account."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from modules import notifications, store
from modules.learning import assignments
from tests.helpers import signed_in


def _assign_now(academy: Path, module_id: str) -> None:
    with store.engine.opened(academy) as db:
        theo = store.accounts.user_by_username(db, "theo")["id"]
        team = store.accounts.team_id_for(db, "Riverside store")
        now = datetime.now(UTC)
        assignments.assign(db, theo, [module_id], [team], [], (now + timedelta(days=20)).date(), None, now)


def test_a_new_assignment_rings_the_bell_until_it_is_read(academy: Path) -> None:
    _assign_now(academy, "complaints")
    at = signed_in(academy, "alice", "pages/learn/home.py")
    (bell,) = [p for p in at.get("popover") if str(p.proto.popover.label).startswith("Notifications")]
    assert str(bell.proto.popover.label).startswith("Notifications: ") and str(bell.proto.popover.label).endswith(
        " new"
    )
    links = [str(link.proto.label) for link in at.get("page_link")]
    assert any(label.startswith("New: «Complaints") for label in links), links
    at.button(key="bell-read").click().run()
    (bell,) = [p for p in at.get("popover") if str(p.proto.popover.label).startswith("Notifications")]
    assert str(bell.proto.popover.label) == "Notifications" and not at.exception


def test_e_mail_choices_are_kept_on_my_account(academy: Path) -> None:
    at = signed_in(academy, "alice", "pages/learn/account.py")
    at.toggle(key="notify-assignment").set_value(True).run()
    with store.engine.opened(academy) as db:
        alice = store.accounts.user_by_username(db, "alice")["id"]
        assert notifications.chosen(db, alice) == {"assignment"}
    assert signed_in(academy, "alice", "pages/learn/account.py").toggle(key="notify-assignment").value
