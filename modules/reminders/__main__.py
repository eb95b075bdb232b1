"""`python -m modules.reminders send`: this week's e-mail digests, once each (run it daily or weekly from cron).

python -m modules.reminders send            # needs ACADEMY_SMTP_URL
python -m modules.reminders preview         # prints what would be sent, sends nothing
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, date, datetime, time

from modules import reminders, settings, store
from modules.content import current_catalog
from modules.mail import smtp
from modules.store import clock


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m modules.reminders", description="Weekly e-mail digests.")
    parser.add_argument("command", choices=("send", "preview"))
    parser.add_argument(
        "--on", type=date.fromisoformat, help="as things will stand on this day, YYYY-MM-DD (default: now)"
    )
    args = parser.parse_args(argv)
    catalog = current_catalog(settings.content_folder())
    moment = datetime.combine(args.on, time(7), UTC) if args.on else clock.current()
    with store.engine.opened(settings.database()) as db:
        if args.command == "preview":
            for person in store.digests.digest_recipients(db):
                for _kind, compose in reminders.composers(person["role"]):
                    digest = compose(db, person, catalog, moment)
                    if digest:
                        print(f"To: {digest.email}\nSubject: {digest.subject}\n\n{digest.body}\n")
            return 0
        url = smtp.configured_url()
        if not url:
            print("ACADEMY_SMTP_URL is not set: no e-mail was sent (see the README).", file=sys.stderr)
            return 2
        report = reminders.send_weekly(db, catalog, smtp.parse_url(url), moment)
    print(
        f"{report.week}: {len(report.sent)} sent, {report.already} already sent this week, {len(report.failed)} failed"
    )
    for digest, reason in report.failed:
        print(f"  not sent to {digest.email}: {reason}", file=sys.stderr)
    return 1 if report.failed else 0


if __name__ == "__main__":
    sys.exit(main())
