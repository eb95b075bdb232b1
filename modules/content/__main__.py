"""The content checker: `python -m modules.content check [FOLDER_OR_FILE ...]`.

Trainers and CI run it; its output format is part of the contract.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from modules.content.catalog import load_catalog
from modules.settings import content_folder


def check(targets: list[Path]) -> tuple[list[str], list[str]]:
    """Problem lines and module lines for every target folder or file."""
    problems, lines = [], []
    for target in targets:
        modules, found = load_catalog(target)
        problems.extend(str(p) for p in found)
        lines.extend(f"{m.id}  {m.title}  {len(m.sections)} sections  {len(m.questions)} questions" for m in modules)
    return problems, lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m modules.content", description="Check training module files.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="check module files against the content format")
    check_cmd.add_argument("targets", nargs="*", type=Path, help="folders or files (default: the content folder)")
    args = parser.parse_args(argv)
    problems, lines = check(args.targets or [content_folder()])
    print("\n".join(problems or lines))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
