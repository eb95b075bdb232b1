"""The contract's public path for scoring (`from modules.quiz import score`).

CONTENT_FORMAT.md fixes this import for tests and tools; the scoring itself
lives with the rest of the format, in `modules.content.scoring`.
"""

from modules.content.scoring import Answer, ScoreResult, chosen_set, option_order, score

__all__ = ["Answer", "ScoreResult", "chosen_set", "option_order", "score"]
