"""Check a certificate: public, no account. Anyone with a code (typed, or from the QR code on the PDF) sees the
holder's name, the module, the day it was passed and whether it is valid today; nothing else."""

import uuid

import streamlit as st

from modules import i18n
from modules.certificates import CODE_SHAPE, public
from modules.richtext import plain
from modules.ui import session
from modules.ui.accessibility import result

db = session.database()
_ = session.translator()
lang = session.language()

st.title(_("Check a certificate"))
st.caption(_("Every Service Academy certificate carries a code. Type it, or scan the QR code printed on it."))
with st.form("verify-form"):
    code = st.text_input(
        _("Verification code"), value=st.query_params.get("code", ""), placeholder=CODE_SHAPE, max_chars=40
    )
    asked = st.form_submit_button(_("Check"), type="primary")
if asked or st.query_params.get("code"):
    if not code.strip():
        st.error(_("Type the code printed on the certificate, for example SA-7KQ2-M9TX-C4RB."))
        st.stop()
    titles = {m.id: m.title for m in session.catalog().for_language(lang)}
    found = public.check(db, code, session.client_address(), titles, session.now())
    with result(uuid.uuid4().hex if asked else None):  # a fresh answer takes the focus, read out
        if found.limited:
            minutes = int(public.WINDOW.total_seconds() // 60)
            st.error(
                _("Too many checks from your connection: wait {minutes} minutes and try again.").format(minutes=minutes)
            )
        elif not found.found:
            st.error(
                _("No certificate has this code. Check each character; the code is on the certificate's lower edge.")
            )
        else:
            (st.success if found.valid else st.warning)(
                _("Valid certificate") if found.valid else _("This certificate has expired")
            )
            st.markdown(
                "\n".join(
                    [
                        f"- **{_('Holder')}**: {plain(found.name)}",
                        f"- **{_('Module')}**: {plain(found.module_title)}",
                        f"- **{_('Passed on')}**: {i18n.day(found.passed_on, lang) if found.passed_on else '—'}",
                        f"- **{_('Valid until')}**: "
                        + (i18n.day(found.valid_until, lang) if found.valid_until else _("no end date")),
                    ]
                )
            )
