"""Single sign-on on the sign-in page: a "Sign in with …" button per configured provider, and the account a
returning identity opens.

Configured in `.streamlit/secrets.toml` (see the README): Streamlit's own `[auth]` (`redirect_uri`,
`cookie_secret`) and one `[auth.<provider>]` per provider; the academy's `[academy.sso]` may give providers a
label (`labels = {company = "Contoso"}`), name a team for newcomers (`newcomers_team`), and hide the local form
(`local_sign_in = false`, which keeps it only for accounts that manage people: the break-glass administrator).
"""

from __future__ import annotations

from typing import Any

import streamlit as st
from sqlite_utils import Database

from modules.accounts import sso
from modules.ui import login, session


def _secrets() -> dict[str, Any]:
    try:
        return {key: st.secrets[key] for key in st.secrets}
    except Exception:  # no secrets file at all: no single sign-on
        return {}


def settings() -> dict[str, Any]:
    academy = _secrets().get("academy", {})
    return dict(academy.get("sso", {})) if hasattr(academy, "get") else {}


def providers() -> dict[str, str]:
    """Configured providers and the label of their button."""
    auth = _secrets().get("auth", {})
    labels = dict(settings().get("labels", {}))
    names = [name for name in (auth if hasattr(auth, "keys") else {}) if hasattr(auth[name], "keys")]
    return {name: str(labels.get(name, name.replace("_", " ").title())) for name in names}


def local_form_shown() -> bool:
    return bool(settings().get("local_sign_in", True))


def buttons() -> None:
    """One button per provider; Streamlit's `st.login` takes the browser to the provider and back."""
    _ = session.translator()
    for name, label in providers().items():
        st.button(
            _("Sign in with {provider}").format(provider=label),
            key=f"sso-{name}",
            on_click=st.login,
            args=(name,),
            icon=":material/badge:",
            width="stretch",
        )


def signed_in_identity() -> dict[str, Any] | None:
    """The claims of the identity Streamlit holds for this browser, if any."""
    try:
        return st.user.to_dict() if st.user.is_logged_in else None
    except Exception:  # single sign-on not configured
        return None


PROBLEM = "sso-problem"


def open_account(db: Database, built: Any) -> None:
    """Sign the returning identity in to its account, or keep why it opens none for the sign-in page."""
    claims = signed_in_identity()
    if claims is None:
        return
    config = settings()
    directory = sso.FromClaims(
        config.get("role_claim"), dict(config.get("roles", {})) or None, config.get("team_claim")
    )
    outcome = sso.account_for(db, str(claims.get("iss", "sso")), claims, config.get("newcomers_team"), directory)
    if outcome.account is None:
        st.session_state[PROBLEM] = (outcome.problem, outcome.email)
        return
    st.session_state.pop(PROBLEM, None)
    login.start_session(built, outcome.account)


def refusal() -> None:
    """On the sign-in page: why the company identity opened nothing, and a way to use another one."""
    found = st.session_state.get(PROBLEM)
    if not found:
        return
    _ = session.translator()
    problem, email = found
    st.error(_(problem).format(email=email or "—"))
    st.button(_("Use another company account"), on_click=st.logout, key="sso-other")


def end() -> None:
    """Log out of Streamlit's identity too (and of the provider's, where it offers an end-session endpoint)."""
    if signed_in_identity() is not None:
        st.logout()
