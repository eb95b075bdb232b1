"""Observation and debriefing per service skill: valid forms and the gaps between views.

The point of rating oneself, being rated by a peer and debriefed by a manager
on the same four observable levels is the gap: where a person sees themself
higher or lower than others see them is where a conversation helps.
"""

from __future__ import annotations

from dataclasses import dataclass

from modules.i18n import N_

KIND_LABELS = {"self": N_("Self"), "peer": N_("Peer"), "manager": N_("Manager")}
TEXT_LIMITS = (10, 1000)
GAP_WORTH_TALKING = 0.75  # a level apart, nearly: worth a conversation


def problems(level: int | None, texts: dict[str, str]) -> list[str]:
    """What is wrong with a rating form, as msgids; `texts` are the required free-text fields."""
    found = []
    if level is None:
        found.append(N_("Choose the level you observed, from 1 to 4."))
    if any(not TEXT_LIMITS[0] <= len(text.strip()) <= TEXT_LIMITS[1] for text in texts.values()):
        found.append(N_("Write each text in 10 to 1,000 characters: a real situation you saw helps most."))
    return found


@dataclass(frozen=True)
class SkillView:
    """How one skill is seen: self, peer and manager levels (None when not rated yet)."""

    skill: str
    self: float | None
    peer: float | None
    manager: float | None

    @property
    def gap(self) -> float | None:
        """Self minus the others' view: positive when a person rates themself higher than others do."""
        others = [v for v in (self.peer, self.manager) if v is not None]
        if self.self is None or not others:
            return None
        return self.self - sum(others) / len(others)

    @property
    def worth_talking(self) -> bool:
        return self.gap is not None and abs(self.gap) >= GAP_WORTH_TALKING


def skill_views(levels: list[dict], skills: list[str]) -> list[SkillView]:
    """One view per skill, in the rubric's order, from rows of (skill, kind, level)."""
    by = {(row["skill"], row["kind"]): row["level"] for row in levels}
    return [SkillView(s, by.get((s, "self")), by.get((s, "peer")), by.get((s, "manager"))) for s in skills]


def chart_rows(views: list[SkillView], skill_names: dict[str, str]) -> list[dict]:
    """Long rows for the self / peer / manager chart."""
    return [
        {"skill": skill_names.get(v.skill, v.skill), "view": kind, "level": getattr(v, kind)}
        for v in views
        for kind in KIND_LABELS
        if getattr(v, kind) is not None
    ]
