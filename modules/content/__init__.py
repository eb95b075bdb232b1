"""The training-module contract (shared/CONTENT_FORMAT.md): parse, validate, catalog.

Public API: `load_module`, `load_catalog`, `ContentError`; the checker runs as
`python -m modules.content check [FOLDER_OR_FILE ...]`.
"""

from modules.content.catalog import Catalog, current_catalog, load_catalog
from modules.content.model import ContentError, Problem, Question, Section, TrainingModule
from modules.content.parser import load_module, slugify

__all__ = [
    "Catalog",
    "ContentError",
    "Problem",
    "Question",
    "Section",
    "TrainingModule",
    "current_catalog",
    "load_catalog",
    "load_module",
    "slugify",
]
