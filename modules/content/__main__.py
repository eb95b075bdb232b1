"""The content checker: `python -m modules.content check [FOLDER_OR_FILE ...]`.

Trainers and CI run it; its output format is part of the contract. Quiz-quality
warnings (`quality.py`) go to stderr and fail the run only with `--strict`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from modules.content import quality
from modules.content.catalog import load_catalog
from modules.settings import content_folder


def check(targets: list[Path]) -> tuple[list[str], list[str], list[str]]:
    """Problem lines, module lines and quiz-quality warning lines for every target folder or file."""
    problems: list[str] = []
    lines: list[str] = []
    warnings: list[str] = []
    for target in targets:
        modules, found = load_catalog(target)
        problems.extend(str(p) for p in found)
        lines.extend(f"{m.id}  {m.title}  {len(m.sections)} sections  {len(m.questions)} questions" for m in modules)
        warnings.extend(str(w) for m in modules for w in quality.warnings(m))
    return problems, lines, warnings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m modules.content", description="Check training module files.")
    commands = parser.add_subparsers(dest="command", required=True)
    check_cmd = commands.add_parser("check", help="check module files against the content format")
    check_cmd.add_argument("targets", nargs="*", type=Path, help="folders or files (default: the content folder)")
    check_cmd.add_argument(
        "--strict", action="store_true", help="fail on quiz-quality warnings too (a blind learner could pass)"
    )
    args = parser.parse_args(argv)
    problems, lines, warnings = check(args.targets or [content_folder()])
    print("\n".join(problems or lines))
    if warnings:  # on stderr: the contract's output (problems, or one line per module) stays as it is
        print("\n".join(warnings), file=sys.stderr)
    return 1 if problems or (args.strict and warnings) else 0


if __name__ == "__main__":
    sys.exit(main())
