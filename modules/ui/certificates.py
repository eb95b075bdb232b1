"""On My progress: a certificate to download for each module passed, and the e-mail reminders switch."""

from __future__ import annotations

from functools import partial

import streamlit as st

from modules import certificates, i18n, notifications, settings, store
from modules.accounts import service as account_service
from modules.certificates import public
from modules.certificates.compliance_pdf import compliance_pdf
from modules.certificates.pdf import certificate_pdf
from modules.content.model import TrainingModule
from modules.i18n import Translate
from modules.learning.progress import ModuleProgress
from modules.mail import smtp
from modules.measurement import compliance
from modules.richtext import plain
from modules.store import clock
from modules.ui import session


def _pdf(user_id: int, row: ModuleProgress, lang: str, base_url: str) -> bytes:
    """Made when the button is clicked, on Streamlit's download thread: it opens its own handle (and was given
    the portal's address, which only the script run knows)."""
    with store.engine.opened(settings.database()) as db:
        facts = certificates.certificate_for(db, user_id, row.module, clock.current())
    return certificate_pdf(facts, lang, public.link(base_url, facts.code))


def certificates_section(user: store.accounts.User, rows: list[ModuleProgress], _: Translate, lang: str) -> None:
    st.subheader(_("Certificates"), anchor=False)
    passed = [r for r in rows if r.last_passed_at]
    if not passed:
        st.caption(_("Pass a module and its certificate appears here, ready to download."))
        return
    st.caption(_("Each certificate carries a code your employer can check; a new pass gives a new certificate."))
    for row in passed:
        text, button = st.columns([3, 1], vertical_alignment="center")
        text.markdown(
            _("**{module}** · passed on {date}").format(
                module=plain(row.module.title), date=i18n.moment(row.last_passed_at, lang, session.time_zone())
            )
        )
        with button:
            certificate_button(user, row, _, lang)


def certificate_button(user: store.accounts.User, row: ModuleProgress, _: Translate, lang: str, key: str = "") -> None:
    """The certificate of a passed module, made when clicked."""
    st.download_button(
        _("Certificate (PDF)"),
        data=partial(_pdf, user["id"], row, lang, session.base_url()),
        file_name=f"certificate-{row.module.id}.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/workspace_premium:",
        key=f"certificate{key}-{row.module.id}",
    )


def _compliance(user_id: int, modules: list[TrainingModule], team_id: int | None, scope: str, lang: str) -> bytes:
    """Made when the button is clicked, on the download thread (its own handle)."""
    now = clock.current()
    with store.engine.opened(settings.database()) as db:
        holdings = compliance.team_compliance(db, user_id, modules, team_id, now)
    return compliance_pdf(holdings, scope, clock.today(now), lang)


def compliance_button(
    user: store.accounts.User, modules: list[TrainingModule], team_id: int | None, scope: str, _: Translate, lang: str
) -> None:
    """The printable compliance report of the teams in view: who holds which certificate, valid until when."""
    st.download_button(
        _("Compliance report (PDF)"),
        data=partial(_compliance, user["id"], modules, team_id, scope, lang),
        file_name="team-compliance.pdf",
        mime="application/pdf",
        on_click="ignore",
        icon=":material/verified:",
        key="compliance-pdf",
        help=_("Who holds the certificate of each assigned module, and until when: for an audit or a notice board."),
    )


def _notification_choices(db, user: store.accounts.User, _: Translate) -> None:
    """What the bell says, e-mailed at once for the kinds the person picks (none at first)."""
    st.markdown(_("**E-mail me at once when…**"))
    mine = notifications.chosen(db, user["id"])
    for kind, label in notifications.CHOICES.items():
        picked = st.toggle(_(label), value=kind in mine, key=f"notify-{kind}")
        if picked != (kind in mine):
            notifications.choose(db, user["id"], kind, picked, session.now())
            st.toast(_("Saved."))


def email_switch(db, user: store.accounts.User, _: Translate) -> None:
    """A person may turn the weekly e-mail off (and on again); said plainly when e-mail cannot reach them."""
    st.subheader(_("Reminders by e-mail"), anchor=False)
    if not user.get("email"):
        st.caption(
            _("Your account has no e-mail address: Home shows your reminders. Ask your administrator to add one.")
        )
        return
    wanted = store.digests.wants_email_digest(db, user["id"])
    chosen = st.toggle(
        _("A weekly e-mail about my assigned modules that are late or due soon"), value=wanted, key="email-digest"
    )
    if chosen != wanted:
        account_service.set_reminder_emails(db, user["id"], chosen)
        st.toast(_("Saved: you will get the weekly e-mail.") if chosen else _("Saved: no more reminder e-mails."))
    _notification_choices(db, user, _)
    if not smtp.configured_url():
        st.caption(_("This academy does not send e-mails yet; Home shows the same reminders."))
