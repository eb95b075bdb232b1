"""The four practices on the measurement pages: debriefings, gaps, eNPS / NPS, stories and suggestions.

Same scope as the learning figures (a manager's teams, every team for a
trainer); the store computes the aggregates, this module folds them into
one row per team and the headline figures.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlite_utils import Database

from modules import store
from modules.i18n import N_
from modules.measurement.figures import Figure
from modules.practices import debriefing, mirror


@dataclass
class PracticesReport:
    figures: list[Figure]
    teams: list[dict[str, Any]]  # one row per team: debriefings, stories, suggestions, answer times
    skills: list[debriefing.SkillView]  # team averages, self / peer / manager
    scores: list[dict[str, Any]]  # eNPS and NPS per wave and team


def practices_report(
    db: Database, viewer_id: int, team_id: int | None, weeks: int, now: datetime, skills: list[str]
) -> PracticesReport:
    scope = store.scope.Scope(viewer_id, (), team_id)
    since, until = store.clock.timestamp(now - timedelta(weeks=weeks)), store.clock.timestamp(now)
    teams, waits = _team_rows(
        store.debriefing.debriefings_per_team(db, scope, since, until),
        store.stories.stories_and_suggestions_per_team(db, scope, since, until),
        store.stories.answer_waits(db, scope, since, until),
    )
    views = debriefing.skill_views(store.debriefing.team_skill_levels(db, scope), skills)
    scores = mirror.scores_over_time(store.surveys.recommendation_over_time(db, scope))
    return PracticesReport(_figures(teams, waits, views, scores), teams, views, scores)


def _team_rows(
    debriefs: list[dict], exchanges: list[dict], answered: list[dict]
) -> tuple[list[dict[str, Any]], dict[str, list[float]]]:
    """One row per team, and every answered item's wait in days by kind ("story", "suggestion") for the medians."""
    rows = {
        d["team_id"]: {
            "team": d["team"],
            "people": d["people"],
            "debriefings": d["debriefings"],
            "people_debriefed": d["people_debriefed"],
            "recognitions": d["recognitions"],
            "stories": 0,
            "stories_approved": 0,
            "story_days": None,
            "suggestions": 0,
            "suggestions_answered": 0,
            "suggestion_days": None,
        }
        for d in debriefs
    }
    waits: dict[str, list[float]] = {"story": [], "suggestion": []}
    per_team: dict[tuple[int, str], list[float]] = {}
    for row in answered:
        days = store.clock.days_between(row["created_at"], row["answered_at"])
        waits[row["what"]].append(days)
        per_team.setdefault((row["team_id"], row["what"]), []).append(days)
    for row in exchanges:
        team = rows.get(row["team_id"])
        if team is None or row["what"] is None:
            continue
        days = per_team.get((row["team_id"], row["what"]), [])
        if row["what"] == "story":
            team.update(stories=row["made"], stories_approved=row["approved"], story_days=_median(days))
        else:
            team.update(suggestions=row["made"], suggestions_answered=row["answered"], suggestion_days=_median(days))
    return list(rows.values()), waits


def _median(days: list[float]) -> float | None:
    return round(statistics.median(days), 1) if days else None


def _latest(scores: list[dict], source: str) -> tuple[float | None, float | None]:
    """The latest wave's score over all teams in scope, and the wave before, weighted by answers."""
    waves: dict[str, list[dict]] = {}
    for row in scores:
        if row["source"] == source:
            waves.setdefault(row["wave"], []).append(row)
    values = [
        sum(r["score"] * r["answers"] for r in rows) / sum(r["answers"] for r in rows)
        for _, rows in sorted(waves.items())
    ]
    return (values[-1] if values else None), (values[-2] if len(values) > 1 else None)


def _figures(
    teams: list[dict], waits: dict[str, list[float]], views: list[debriefing.SkillView], scores: list[dict]
) -> list[Figure]:
    people = sum(t["people"] for t in teams)
    debriefed = sum(t["people_debriefed"] for t in teams)
    gaps = [abs(v.gap) for v in views if v.gap is not None]
    return [
        Figure(
            N_("People debriefed"),
            100 * debriefed / people if people else None,
            None,
            " %",
            N_("People who had at least one manager debriefing in the period (debriefings: {count})."),
            {"count": sum(t["debriefings"] for t in teams)},
        ),
        Figure(
            N_("Largest self-view gap"),
            max(gaps) if gaps else None,
            None,
            "",
            N_(
                "Largest difference, in levels out of 4, between how people rate themselves and how a peer "
                "or their manager rates them, averaged per skill."
            ),
            digits=1,
        ),
        Figure(
            N_("eNPS"),
            *_latest(scores, "employee"),
            "",
            N_("Employees: percent of 9–10 minus percent of 0–6, latest survey, against the one before."),
        ),
        Figure(
            N_("NPS"),
            *_latest(scores, "customer"),
            "",
            N_("Customers: percent of 9–10 minus percent of 0–6, latest survey, against the one before."),
        ),
        Figure(
            N_("Days to answer a suggestion"),
            _median(waits["suggestion"]),
            None,
            "",
            N_("Median days between a suggestion and its first answer, in the period."),
            digits=1,
        ),
        Figure(
            N_("Days to review a story"),
            _median(waits["story"]),
            None,
            "",
            N_("Median days between a story and its manager's review, in the period."),
            digits=1,
        ),
    ]
