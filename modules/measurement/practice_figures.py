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
from modules.measurement import kept_teams
from modules.measurement.figures import Figure
from modules.practices import debriefing, mirror


@dataclass
class PracticesReport:
    figures: list[Figure]
    teams: list[dict[str, Any]]  # one row per team: debriefings, stories, suggestions, answer times
    skills: list[debriefing.SkillView]  # team averages, self / peer / manager
    scores: list[dict[str, Any]]  # eNPS and NPS per wave and team


TEAM_PRACTICES = "team practices"


def practices_report(
    db: Database, viewer_id: int, team_id: int | None, weeks: int, now: datetime, skills: list[str]
) -> PracticesReport:
    """The practices of the viewer's teams (or one of them) over the period: from each team's kept parts, so
    only the teams with news since are computed again (a head office's were seconds of every rating)."""
    parts = _kept_parts(db, store.scope.Scope(viewer_id, (), team_id), weeks, now)
    teams, waits = _team_rows(parts["debriefings"], parts["exchanges"], parts["waits"])
    views = debriefing.skill_views(_levels(parts["levels"]), skills)
    waves = sorted(parts["waves"], key=lambda r: (r["survey_id"], r["team"]))
    scores = mirror.scores_over_time(waves)
    return PracticesReport(_figures(teams, waits, views, scores), teams, views, scores)


def _kept_parts(db: Database, scope: store.scope.Scope, weeks: int, now: datetime) -> dict[str, list[dict]]:
    """Each team's debriefings, stories and suggestions (with their waits), skill levels and survey waves,
    read from what is kept or computed for the teams with news, gathered by part in the order of team names."""
    since = store.clock.start_of(store.clock.today(now) - timedelta(weeks=weeks))  # the same all day: keepable
    span = (store.clock.timestamp(since), store.clock.timestamp(now))

    def parts(s: store.scope.Scope) -> list[dict]:
        return (
            [{"part": "debriefings", **r} for r in store.debriefing.debriefings_per_team(db, s, *span)]
            + [{"part": "exchanges", **r} for r in store.stories.stories_and_suggestions_per_team(db, s, *span)]
            + [{"part": "waits", **r} for r in store.stories.answer_waits(db, s, *span)]
            + [{"part": "levels", **r} for r in store.debriefing.team_level_sums(db, s)]
            + [{"part": "waves", **r} for r in store.surveys.recommendation_over_time(db, s)]
        )

    key = store.kept_reports.key_of(TEAM_PRACTICES, span[0], store.surveys.surveys_stamp(db))
    rows = kept_teams.kept_rows(db, scope, TEAM_PRACTICES, key, parts, (store.summaries.PRACTICES,))
    return kept_teams.by_part(rows, ("debriefings", "exchanges", "waits", "levels", "waves"))


def _levels(sums: list[dict]) -> list[dict]:
    """Per skill and kind, the mean of each person's level over the teams' sums."""
    totals: dict[tuple[str, str], list[float]] = {}
    for row in sums:
        into = totals.setdefault((row["skill"], row["kind"]), [0.0, 0])
        into[0] += row["level_sum"]
        into[1] += row["people"]
    return [{"skill": s, "kind": k, "level": total / n, "people": n} for (s, k), (total, n) in sorted(totals.items())]


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
