"""The mirror survey: the same questions to employees and to customers, side by side.

Symmetry of attention: a team that feels well treated treats customers well,
so each question is asked both ways and the gaps are what managers act on.
Recommendation scores are computed the standard way (promoters 9–10 minus
detractors 0–6, in percent of answers). Employee figures of a group smaller
than `MIN_GROUP` are never shown, so no one's answers can be guessed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from modules.i18n import N_
from modules.store.surveys import SurveyQuestion

MIN_GROUP = 5
SCALES = {"agree": (1, 5), "recommend": (0, 10)}
SCALE_LABELS = {"agree": N_("agreement, 1 to 5"), "recommend": N_("recommendation, 0 to 10")}
AGREE_LABELS = (N_("Strongly disagree"), N_("Disagree"), N_("Neither"), N_("Agree"), N_("Strongly agree"))
KEY = re.compile(r"^[a-z][a-z0-9_]{0,29}$")
TITLE_LIMITS, TEXT_LIMITS, MAX_QUESTIONS = (3, 120), (5, 300), 12
TEMPLATE = (
    {
        "key": "welcome",
        "employee_text": "I feel welcome when I arrive at work.",
        "customer_text": "I felt welcome when I arrived.",
        "scale": "agree",
    },
    {
        "key": "listened",
        "employee_text": "My manager listens to my ideas and my difficulties.",
        "customer_text": "The staff listened to what I needed.",
        "scale": "agree",
    },
    {
        "key": "recognised",
        "employee_text": "My efforts are noticed and thanked.",
        "customer_text": "I felt I mattered as a customer.",
        "scale": "agree",
    },
    {
        "key": "recommend",
        "employee_text": "How likely are you to recommend us as a place to work?",
        "customer_text": "How likely are you to recommend us to a friend?",
        "scale": "recommend",
    },
)
# The questions a trainer starts from, in their language; the column names stay the same in every language.
TEMPLATES = {
    "en": TEMPLATE,
    "fr": (
        {
            "key": "welcome",
            "employee_text": "Je me sens bien accueilli quand j'arrive au travail.",
            "customer_text": "Je me suis senti bien accueilli à mon arrivée.",
            "scale": "agree",
        },
        {
            "key": "listened",
            "employee_text": "Mon manager écoute mes idées et mes difficultés.",
            "customer_text": "Le personnel a écouté ce dont j'avais besoin.",
            "scale": "agree",
        },
        {
            "key": "recognised",
            "employee_text": "Mes efforts sont remarqués et on m'en remercie.",
            "customer_text": "J'ai senti que je comptais en tant que client.",
            "scale": "agree",
        },
        {
            "key": "recommend",
            "employee_text": "Recommanderiez-vous notre entreprise comme employeur ?",
            "customer_text": "Recommanderiez-vous notre enseigne à un ami ?",
            "scale": "recommend",
        },
    ),
}


TEXTS = ("employee_text", "customer_text")


def template_translations(lang: str) -> dict[str, dict[str, dict]]:
    """The template's questions in every other language, by language and column name."""
    return {other: {q["key"]: q for q in questions} for other, questions in TEMPLATES.items() if other != lang}


def translated_template(lang: str = "en") -> list[dict]:
    """The template in `lang`, each question carrying its texts in every other language (the demo's surveys)."""
    others = template_translations(lang)
    return [
        {**q, "translations": {o: {side: by_key[q["key"]][side] for side in TEXTS} for o, by_key in others.items()}}
        for q in TEMPLATES[lang]
    ]


def translations_beside(main: list[dict], by_language: dict[str, list[dict]]) -> dict[str, dict[str, dict]]:
    """The texts each other language really has: those that differ from the main ones (a language the trainer
    left blank reads the main text, which is no translation)."""
    texts = {q["key"]: tuple(q[side] for side in TEXTS) for q in main}
    return {
        lang: {q["key"]: q for q in questions if tuple(q[side] for side in TEXTS) != texts.get(q["key"])}
        for lang, questions in by_language.items()
    }


def editor_rows(main: list[dict], translations: dict[str, dict[str, dict]], others: list[str]) -> list[dict]:
    """One editor row per question: its texts in the trainer's language, then a pair of columns per other one."""
    rows = []
    for question in main:
        row = {name: question[name] for name in ("key", *TEXTS, "scale")}
        for lang in others:
            given = translations.get(lang, {}).get(question["key"], {})
            row.update({f"{side}_{lang}": given.get(side, "") for side in TEXTS})
        rows.append(row)
    return rows


def from_editor(rows: list[dict], others: list[str]) -> list[dict]:
    """The questions an editor's rows define; a language left blank on a row is simply not given for it."""
    questions = []
    for row in rows:
        question: dict = {name: str(row.get(name) or "").strip() for name in ("key", *TEXTS, "scale")}
        translations = {}
        for lang in others:
            texts = {side: str(row.get(f"{side}_{lang}") or "").strip() for side in TEXTS}
            if any(texts.values()):
                translations[lang] = texts
        if translations:
            question["translations"] = translations
        questions.append(question)
    return questions


def definition_problems(title: str, questions: list[SurveyQuestion]) -> list[str]:
    """What is wrong with a survey a trainer defines, as msgids."""
    found = []
    if not TITLE_LIMITS[0] <= len(title.strip()) <= TITLE_LIMITS[1]:
        found.append(N_("Give the survey a title of 3 to 120 characters."))
    keys = [str(q.get("key") or "").strip() for q in questions]
    if not 2 <= len(questions) <= MAX_QUESTIONS:
        found.append(N_("A survey has 2 to 12 questions: short surveys get answered."))
    if not all(KEY.match(k) for k in keys) or len(set(keys)) != len(keys):
        found.append(
            N_("Each question needs its own column name: lower-case letters, digits or _, starting with a letter.")
        )
    if any(
        not TEXT_LIMITS[0] <= len(str(q.get(side) or "").strip()) <= TEXT_LIMITS[1]
        for q in questions
        for side in ("employee_text", "customer_text")
    ):
        found.append(N_("Write each question for employees and for customers in 5 to 300 characters."))
    translated = [t for q in questions for t in (q.get("translations") or {}).values()]
    if any(
        not TEXT_LIMITS[0] <= len(str(t.get(side) or "").strip()) <= TEXT_LIMITS[1]
        for t in translated
        for side in ("employee_text", "customer_text")
    ):
        found.append(N_("A translation gives both texts, each in 5 to 300 characters, or neither."))
    if [q.get("scale") for q in questions].count("recommend") != 1 or any(
        q.get("scale") not in SCALES for q in questions
    ):
        found.append(N_("Exactly one question uses the 0 to 10 recommendation scale; the others use agreement."))
    return found


def score(promoters: int, detractors: int, answers: int) -> int | None:
    """NPS or eNPS: percent of promoters minus percent of detractors, from -100 to 100."""
    if answers == 0:
        return None
    return round(100 * (promoters - detractors) / answers)


def shown(source: str, responses: int) -> bool:
    """Employee figures of a small group stay hidden; customers are not colleagues, so theirs are shown."""
    return source == "customer" or responses >= MIN_GROUP


@dataclass(frozen=True)
class Mirror:
    """One question for one team: the employees' and the customers' answers."""

    team: str
    key: str
    scale: str
    employee: float | None  # mean, or score for the recommendation question
    customer: float | None
    employee_hidden: bool

    @property
    def gap(self) -> float | None:
        if self.employee is None or self.customer is None:
            return None
        return self.employee - self.customer


def mirrors(rows: list[dict], questions: list[dict]) -> list[Mirror]:
    """Employee beside customer per team and question, largest gaps first (then the ones missing a side)."""
    scales = {q["key"]: q["scale"] for q in questions}
    cells: dict[tuple[str, str], dict] = {}
    for row in rows:
        if row["key"] not in scales:
            continue
        value = _value(row, scales[row["key"]])
        cell = cells.setdefault((row["team"], row["key"]), {"employee": None, "customer": None, "hidden": False})
        if shown(row["source"], row["responses"]):
            cell[row["source"]] = value
        else:
            cell["hidden"] = True
    result = [
        Mirror(team, key, scales[key], c["employee"], c["customer"], c["hidden"]) for (team, key), c in cells.items()
    ]
    return sorted(result, key=lambda m: (m.gap is None, -abs(_comparable(m)), m.team, m.key))


def _value(row: dict, scale: str) -> float | None:
    return score(row["promoters"], row["detractors"], row["answers"]) if scale == "recommend" else row["mean"]


def _comparable(mirror: Mirror) -> float:
    """Gaps on a 1–5 scale and on a -100..100 score, brought to the same 0..1 range to sort them."""
    if mirror.gap is None:
        return 0.0
    return mirror.gap / (200 if mirror.scale == "recommend" else 4)


def scores_over_time(rows: list[dict]) -> list[dict]:
    """eNPS and NPS per wave and team, leaving out employee groups under the threshold."""
    return [
        {
            "wave": r["wave"],
            "survey": r["title"],
            "team": r["team"],
            "source": r["source"],
            "score": score(r["promoters"], r["detractors"], r["answers"]),
            "answers": r["answers"],
        }
        for r in rows
        if shown(r["source"], r["answers"])
    ]
