"""A headline figure beside its value at the end of the previous period (every measurement page shows them)."""

from __future__ import annotations

from dataclasses import dataclass, field

from modules import i18n


@dataclass(frozen=True)
class Figure:
    """A headline number now and at the end of the previous period.

    `label` and `help` are English msgids; `help` may name `facts` ({count}).
    """

    label: str
    value: float | None
    previous: float | None
    unit: str = ""
    help: str = ""
    facts: dict = field(default_factory=dict)
    digits: int = 0

    @property
    def delta(self) -> float | None:
        if self.value is None or self.previous is None:
            return None
        return self.value - self.previous

    def shown(self, value: float | None, lang: str = "en") -> str:
        return "—" if value is None else f"{i18n.number(value, lang, self.digits)}{self.unit}"
