"""The floor page of `make load`: a learner page's essential work written by hand, without the portal.

Cookie -> user, one SQL query (the learner's attempts), one section's Markdown
and a sidebar: what every learner page must do at least. The load benchmark
runs it under the same load as the portal, for the ratio.
"""

import jwt
import streamlit as st

from modules import store
from modules.accounts.cookie import cookie_key
from modules.content import current_catalog
from modules.settings import content_folder
from modules.ui.login import COOKIE_NAME

token = st.context.cookies.get(COOKIE_NAME)
username = jwt.decode(token, cookie_key(), algorithms=["HS256"])["username"] if token else None
with store.engine.opened() as db:
    user = store.accounts.user_by_username(db, username) if username else None
    attempts = store.learning.attempts_of(db, user["id"]) if user else []
module = current_catalog(content_folder()).for_language("en")[0]
st.sidebar.markdown(f"**{user['name'] if user else 'nobody'}**")
st.title(module.title)
st.caption(f"{len(attempts)} attempts")
st.markdown(module.sections[0].body)
