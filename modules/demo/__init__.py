"""The demo organisation a new install shows, and the scale generator for benchmarks."""

from modules.demo.organisation import DEMO_PASSWORD, generate, seed_demo, simulate_answers

__all__ = ["DEMO_PASSWORD", "generate", "seed_demo", "simulate_answers"]
