"""`python -m modules.certificates verify CODE`: is this certificate genuine, and still valid?

Exit code 0 for a genuine certificate that is still valid, 1 when no certificate
has that code, 3 for a genuine one that has expired (a recertification is due), 4 for a revoked one
(its holder's data was erased).
"""

from __future__ import annotations

import argparse
import sys

from modules import i18n, settings, store
from modules.certificates import verify
from modules.content import current_catalog


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m modules.certificates", description="Check certificates.")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("verify", help="check a certificate's verification code")
    check.add_argument("code", help="the code printed on the certificate, e.g. SA-7KQ2-M9TX-C4RB")
    check.add_argument("--lang", choices=sorted(i18n.LANGUAGES), default="en", help="language of the answer")
    args = parser.parse_args(argv)
    _ = i18n.translator(args.lang)
    titles = {m.id: m.title for m in current_catalog(settings.content_folder()).for_language(args.lang)}
    with store.engine.opened(settings.database()) as db:
        result = verify(db, args.code, titles)
    if result.revoked:
        print(_("The certificate {code} was revoked: it proves nothing any more.").format(code=args.code.strip()))
        return 4
    if result.facts is None:
        print(_("No certificate has the code {code}.").format(code=args.code.strip()))
        return 1
    facts = result.facts
    print(
        _("Genuine: {name} passed «{module}» on {date}").format(
            name=facts.name, module=facts.module_title, date=i18n.day(facts.passed_on, args.lang)
        )
        + (f" ({i18n.percent(facts.percent, args.lang)})" if facts.percent is not None else "")
        + "."
    )
    if facts.valid_until is None:
        print(_("It does not expire."))
        return 0
    when = i18n.day(facts.valid_until, args.lang)
    if result.valid:
        print(_("Valid until {date}.").format(date=when))
        return 0
    print(_("Expired on {date}: a recertification is due.").format(date=when))
    return 3


if __name__ == "__main__":
    sys.exit(main())
