"""The four practices beyond quizzes (debriefing, mirror survey, best failures, suggestions).

Each practice has its rules in its own module; `service` is the only way
pages change them, so every write is validated and checked against the
stored account of the person doing it.
"""
