"""The demo organisation a new install shows, and the scale generator for benchmarks."""

from pathlib import Path

from modules import store
from modules.content import current_catalog
from modules.demo.answers import simulate_answers
from modules.demo.organisation import DEMO_PASSWORD, generate, seed_demo

__all__ = ["DEMO_PASSWORD", "generate", "prepare", "seed_demo", "simulate_answers"]


def prepare(target: str, content: Path, with_demo: bool) -> None:
    """Migrate the database and, when it has no account yet, seed the demo organisation into it."""
    with store.engine.opened(target) as db:
        if with_demo and store.engine.is_empty(db):
            seed_demo(db, current_catalog(content).for_language("en"))
