"""The install's cookie-signing key: made on first start, owner-only, never committed."""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from modules import settings


def cookie_key(path: Path | None = None) -> str:
    """The key in the file beside the database, created on first use.

    Written to a temporary file then linked into place, so two processes
    starting at once agree on one key and never read a half-written file.
    """
    path = Path(path or settings.secret_file())
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
