"""The cookie-signing key: shared by every replica when given, else made on first start; never committed."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from modules import settings

MIN_LENGTH = 32


def cookie_key(path: Path | None = None) -> str:
    """`ACADEMY_COOKIE_KEY`, else `cookie_key` in .streamlit/secrets.toml, else the file beside the database.

    Several processes or machines behind a proxy must share one key (a
    session's cookie is checked by whichever replica serves it): give it
    in the environment or the secrets file. A single install makes its own
    file on first use, written to a temporary file then linked into place,
    so two processes starting at once agree on one key.
    """
    given = settings.secret("cookie_key")
    if given is not None:
        if len(given) < MIN_LENGTH:
            raise ValueError(
                f"the cookie key must be at least {MIN_LENGTH} characters (python -c "
                f"'import secrets; print(secrets.token_urlsafe(48))' makes one)"
            )
        return given
    return _key_file(Path(path or settings.secret_file()))


def _key_file(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".cookie-")
        try:
            os.fchmod(fd, 0o600)
            os.write(fd, secrets.token_urlsafe(48).encode())
            os.close(fd)
            os.link(temp, path)
        except FileExistsError:
            pass
        finally:
            os.unlink(temp)
    return path.read_text().strip()
