"""Does a quiz let a blind learner through? Warnings for trainers, at authoring time.

A learner who never reads can still pass a quiz whose keys follow a pattern:
always the longest option, always the same position, always "False", "all of
the above", two options saying the same, or a right answer copied word for
word from the section. Each check gives a warning with its line and a hint;
then the score of the best blind strategy is set against the pass mark. These
are warnings, not errors: the checker fails on them only with `--strict`.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from modules.content.model import Question, TrainingModule
from modules.content.scoring import score

TRUE_FALSE = ({"true", "false"}, {"vrai", "faux"})
CATCH_ALL = re.compile(
    r"\b(all|none) of the above\b|\btoutes? (les|ces) r[ée]ponses\b|\baucune (de ces|des) r[ée]ponses\b", re.I
)
# A test-wise learner's rule of thumb, English and French: favour what asks, acknowledges, checks or offers;
# shun absolutes, excuses ("since…", "so that…") and sending the customer elsewhere; a statement that says
# "only", "enough" or "every" is false. Distractors that are tempting professional mistakes defeat it.
ENGAGING = re.compile(
    r"\b(ask\w*|acknowledg\w*|check\w*|offer\w*|listen\w*|thank\w*|explain\w*|suggest\w*|rephras\w*|"
    r"demand\w*|reconna\w*|verifi\w*|ecout\w*|remerci\w*|expliqu\w*|propos\w*|reformul\w*)\b"
)
ABSOLUTE = re.compile(
    r"\b(always|never|only|every|all|nothing|enough|toujours|jamais|seulement|uniquement|tout|tous|toutes|rien|"
    r"suffit|suffisent|chaque)\b"
)
# A reason tacked on after a comma, as only a made-up wrong option does ("…, since she is a good customer").
EXCUSE = re.compile(r"(, since|\bso that|\bbecause|\bpuisque|\bpour que|, car|\bparce que|\bafin que)\b")
ELSEWHERE = re.compile(
    r"\b(another (shop|store|service|department)|a colleague|the website|hang up|transfer\w*|un collegue|"
    r"le site|raccroch\w*|transfer\w*|un autre (magasin|service))\b"
)
MIN_SINGLES = 3  # below this, patterns are chance
NEAR_DUPLICATE = 0.9
COPIED_WORDS = 8  # a right option this long found word for word in the sections is recognised, not recalled


@dataclass(frozen=True)
class QuizWarning:
    path: str
    line: int
    message: str
    hint: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: warning: {self.message} (hint: {self.hint})"


@dataclass(frozen=True)
class BlindScore:
    """The best score a learner who never reads would get, and how."""

    percent: float
    strategy: str
    passes: bool


def warnings(module: TrainingModule) -> list[QuizWarning]:
    """Every pattern a blind learner could exploit in this module's quiz, and the blind score if it passes."""
    found: list[QuizWarning] = []
    for check in (_longest, _position, _true_false, _shortest_pair, _per_question):
        found.extend(check(module))
    blind = blind_score(module)
    if blind and blind.passes:
        found.append(
            QuizWarning(
                module.path,
                _quiz_line(module),
                f"a learner who never reads scores {blind.percent:.0f} % by {blind.strategy}"
                f" (pass mark {module.pass_mark} %)",
                "vary the length and the place of right answers, and balance true and false",
            )
        )
    return found


def _singles(module: TrainingModule) -> list[Question]:
    """Single-choice questions other than true/false (checked apart: 'False' is simply the longer word)."""
    return [q for q in module.questions if not q.multiple and not _is_true_false(q)]


def _quiz_line(module: TrainingModule) -> int:
    return module.questions[0].line if module.questions else 1


def _longest(module: TrainingModule) -> list[QuizWarning]:
    singles = _singles(module)
    hits = [q for q in singles if _is_longest(q, next(iter(q.correct)))]
    if len(singles) >= MIN_SINGLES and len(hits) * 2 > len(singles):
        return [
            QuizWarning(
                module.path,
                hits[0].line,
                f"the right answer is the longest option in {len(hits)} of {len(singles)} single-choice questions",
                "give wrong options the same length and precision as the right one",
            )
        ]
    return []


def _is_longest(question: Question, index: int) -> bool:
    lengths = [len(o) for o in question.options]
    return lengths[index] == max(lengths) and lengths.count(max(lengths)) == 1


def _position(module: TrainingModule) -> list[QuizWarning]:
    if module.shuffle:
        return []  # options change places for each attempt
    singles = [q for q in _singles(module) if len(q.options) >= 3]
    if len(singles) < MIN_SINGLES:
        return []
    place, count = Counter(next(iter(q.correct)) for q in singles).most_common(1)[0]
    if count * 2 <= len(singles):
        return []
    return [
        QuizWarning(
            module.path,
            singles[0].line,
            f"option {chr(ord('A') + place)} is the right answer in {count} of {len(singles)} single-choice questions",
            "spread the right answers over the positions, or set `shuffle: true`",
        )
    ]


def _shortest_pair(module: TrainingModule) -> list[QuizWarning]:
    """Two-answer questions whose keys are the two shortest options: the habit mirrors 'the longest'."""
    pairs = [q for q in module.questions if q.multiple and len(q.correct) == 2 and len(q.options) >= 4]
    hits = [q for q in pairs if q.correct == _shortest(q, 2)]
    if len(pairs) >= 2 and len(hits) * 2 > len(pairs):
        return [
            QuizWarning(
                module.path,
                hits[0].line,
                f"the right answers are the two shortest options in {len(hits)} of {len(pairs)} two-answer questions",
                "give right and wrong options the same length",
            )
        ]
    return []


def _shortest(question: Question, count: int) -> frozenset[int]:
    return frozenset(sorted(range(len(question.options)), key=lambda i: len(question.options[i]))[:count])


def _is_true_false(question: Question) -> bool:
    return {_normal(o) for o in question.options} in TRUE_FALSE


def _true_false(module: TrainingModule) -> list[QuizWarning]:
    pairs = [q for q in module.questions if _is_true_false(q)]
    answers = {_normal(q.options[next(iter(q.correct))]) for q in pairs if len(q.correct) == 1}
    if len(pairs) >= 2 and len(answers) == 1:
        return [
            QuizWarning(
                module.path,
                pairs[0].line,
                f"all {len(pairs)} true/false questions have the same answer ({answers.pop()})",
                "balance true and false statements",
            )
        ]
    return []


def _per_question(module: TrainingModule) -> list[QuizWarning]:
    sections = _normal(" ".join(s.body for s in module.sections))
    found = []
    for question in module.questions:
        if any(CATCH_ALL.search(o) for o in question.options):
            found.append(
                QuizWarning(
                    module.path,
                    question.line,
                    f"'{question.id}' offers 'all / none of the above'",
                    "ask for each option on its own (a multiple-answer question does that)",
                )
            )
        excused = [i for i, o in enumerate(question.options) if EXCUSE.search(_lower(o))]
        if excused and not set(excused) & set(question.correct) and not question.multiple:
            found.append(
                QuizWarning(
                    module.path,
                    question.line,
                    f"'{question.id}': only wrong options give an excuse («{question.options[excused[0]]}»)",
                    "a mistake people really make rarely announces itself: drop the clause, or give the key one too",
                )
            )
        twins = _near_duplicates(question.options)
        if twins:
            found.append(
                QuizWarning(
                    module.path,
                    question.line,
                    f"'{question.id}' has two options that say nearly the same: «{twins[0]}» and «{twins[1]}»",
                    "make each wrong option a different, real mistake",
                )
            )
        for index in sorted(question.correct):
            text = _normal(question.options[index])
            if len(text.split()) >= COPIED_WORDS and text in sections:
                found.append(
                    QuizWarning(
                        module.path,
                        question.line,
                        f"'{question.id}': the right answer «{question.options[index]}» is copied from the section",
                        "rephrase it, so learners recall the idea rather than recognise the words",
                    )
                )
    return found


def _near_duplicates(options: list[str]) -> tuple[str, str] | None:
    normal = [_normal(o) for o in options]
    for i in range(len(options)):
        for j in range(i + 1, len(options)):
            if normal[i] == normal[j] or difflib.SequenceMatcher(None, normal[i], normal[j]).ratio() >= NEAR_DUPLICATE:
                return options[i], options[j]
    return None


def _lower(text: str) -> str:
    """Lower case without accents, punctuation kept (a comma tells a reason from a date)."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _normal(text: str) -> str:
    """Lower case, accents and punctuation left out, spaces collapsed: what a comparison should ignore."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", ascii_text).split())


# Blind strategies: a learner who never reads picks by habit, one habit per kind of question.
Pick = Callable[[Question], set[int]]


def _longest_first(q: Question, count: int = 1) -> set[int]:
    return set(sorted(range(len(q.options)), key=lambda i: -len(q.options[i]))[:count])


def _appeal(option: str) -> int:
    """How much the test-wise rule of thumb likes an option."""
    text = _normal(option)
    engaging, absolute, elsewhere = (len(pattern.findall(text)) for pattern in (ENGAGING, ABSOLUTE, ELSEWHERE))
    return engaging - absolute - elsewhere - len(EXCUSE.findall(_lower(option)))


def _test_wise_single(q: Question) -> set[int]:
    return {max(range(len(q.options)), key=lambda i: (_appeal(q.options[i]), len(q.options[i])))}


def _test_wise_multiple(q: Question) -> set[int]:
    liked = {i for i, o in enumerate(q.options) if _appeal(o) > 0}
    return liked or _test_wise_single(q)


def _test_wise_truth(q: Question) -> set[int]:
    false = bool(ABSOLUTE.search(_normal(q.prompt)))
    words = ("false", "faux") if false else ("true", "vrai")
    return {i for i, o in enumerate(q.options) if _normal(o) in words}


TEST_WISE = "the test-wise rule"  # how the warning names its three habits together


def _always(place: int) -> Pick:
    """The habit of ticking the option at one place (the last one when a question has fewer)."""
    return lambda q: {min(place, len(q.options) - 1)}


def _habits(module: TrainingModule) -> tuple[dict[str, Pick], dict[str, Pick], dict[str, Pick]]:
    """(single choice, true/false, multiple answer) habits, each named as the warning says it."""
    singles: dict[str, Pick] = {
        "always choosing the longest option": _longest_first,
        f"{TEST_WISE} (favour what asks, checks or offers)": _test_wise_single,
    }
    if not module.shuffle:  # shuffled options have no habitual place
        for place in range(4):
            singles[f"always choosing option {chr(ord('A') + place)}"] = _always(place)

    def answering(words: tuple[str, ...]) -> Pick:
        return lambda q: {i for i, o in enumerate(q.options) if _normal(o) in words}

    truths = {
        "answering false": answering(("false", "faux")),
        "answering true": answering(("true", "vrai")),
        f"{TEST_WISE} (false when it says only, enough or every)": _test_wise_truth,
    }
    multiples: dict[str, Pick] = {
        "ticking the two longest boxes": lambda q: _longest_first(q, 2),
        "ticking the two shortest boxes": lambda q: set(_shortest(q, 2)),
        "ticking every box": lambda q: set(range(len(q.options))),
        f"{TEST_WISE} (tick what asks, checks or offers)": _test_wise_multiple,
    }
    if not module.shuffle:
        multiples["ticking the first two boxes"] = lambda q: {0, 1}
    return singles, truths, multiples


def blind_score(module: TrainingModule) -> BlindScore | None:
    """The best score over every mix of habits (one for single choice, true/false and multiple answer)."""
    if not module.questions:
        return None
    kinds = {q.id: "truth" if _is_true_false(q) else "multiple" if q.multiple else "single" for q in module.questions}
    used = set(kinds.values())
    singles, truths, multiples = _habits(module)
    best: tuple[float, str, bool] = (-1.0, "", False)
    for single_name, single in singles.items():
        for truth_name, truth in truths.items():
            for multiple_name, multiple in multiples.items():
                picks = {"single": single, "truth": truth, "multiple": multiple}
                result = score(module, {q.id: picks[kinds[q.id]](q) for q in module.questions})
                names = [
                    n
                    for kind, n in (("single", single_name), ("truth", truth_name), ("multiple", multiple_name))
                    if kind in used
                ]
                if result.percent > best[0]:  # on a tie, the simplest habit (listed first) names it
                    best = (result.percent, ", ".join(names), result.passed)
    return BlindScore(*best)  # passed as the quiz decides it, exactly (not a float against the mark)
