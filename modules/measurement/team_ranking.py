"""Many teams, read at a glance: the ends of the ranking, the spread of all, one team found by name.

A head office of 2,000 teams cannot read 2,000 bars (and a chart of every team × module passed
Altair's 5,000-row limit and crashed the page): charts show the lowest and highest few, a
distribution covers everyone, and the table is searched and paged.
"""

from __future__ import annotations

from typing import Any

SHOWN = 10  # teams at each end of a ranking: what a person reads at a glance
BAND = 10  # completion points per band of the distribution


def ranked(teams: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lowest completion first (the teams to help), teams without a figure last, then by name."""
    return sorted(teams, key=lambda t: (t["completion"] is None, t["completion"] or 0, t["team"]))


def ends(teams: list[dict[str, Any]], shown: int = SHOWN) -> list[dict[str, Any]]:
    """The `shown` lowest and `shown` highest teams with a figure (every one when that is all of them),
    each marked with the end it belongs to."""
    measured = [t for t in ranked(teams) if t["completion"] is not None]
    if len(measured) <= 2 * shown:
        return [{**t, "end": "all"} for t in measured]
    return [{**t, "end": "lowest"} for t in measured[:shown]] + [{**t, "end": "highest"} for t in measured[-shown:]]


def bands(teams: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """How many teams stand in each 10-point band of completion (90–100 is one band): every band, even empty."""
    counts = [0] * (100 // BAND)
    for team in teams:
        if team["completion"] is not None:
            counts[min(int(team["completion"] // BAND), len(counts) - 1)] += 1
    return [{"band": BAND * n, "teams": count} for n, count in enumerate(counts)]


def matching(teams: list[dict[str, Any]], text: str) -> list[dict[str, Any]]:
    """The teams whose name holds `text` (any case), in ranking order."""
    needle = text.strip().casefold()
    return [t for t in ranked(teams) if needle in t["team"].casefold()]


def of_teams(rows: list[dict[str, Any]], teams: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The rows (team × module) of the given teams only: what a heatmap of those teams draws."""
    ids = {t["team_id"] for t in teams}
    return [row for row in rows if row["team_id"] in ids]
