"""The demo organisation's practices: debriefings, three survey waves, stories and suggestions.

Written through the store's own functions, like the learning history, so the
rules (who may rate whom, anonymity, approval) hold for the demo too. Alice
is left with something to do in every cycle, so a newcomer can walk them.
"""

from __future__ import annotations

import hashlib
import random
from datetime import datetime, timedelta

from sqlite_utils import Database

from modules import store
from modules.practices import mirror

SKILLS = ("welcome", "listening", "empathy", "ending-well")
WENT_WELL = (
    "You greeted the family at the door and knelt to talk to the child first; the parents relaxed at once.",
    "You let the customer finish his whole complaint before answering, then summed it up in one sentence.",
    "On a busy Saturday you still checked with each customer that nothing was missing before they left.",
    "You named the customer's frustration before explaining the delivery delay; her tone changed immediately.",
)
DIFFERENTLY = (
    "Look up from the till as soon as someone reaches the queue, even before you can serve them.",
    "Ask one more open question before proposing a product: what will they use it for?",
    "End with a personal word rather than the usual phrase; the last moment is the one they remember.",
    "When the line is long, tell waiting customers how long it will take; silence feels longer.",
)
EXAMPLES = (
    "A tourist was lost looking for a pharmacy; I walked her to the door and drew the way on a map.",
    "A regular came back with a faulty kettle; I exchanged it and asked about his trip to Lyon.",
    "On the phone, a customer was angry about a double charge; I stayed calm and called her back once fixed.",
)
STORIES = (
    (
        "The wedding suit that arrived too late",
        "A groom's suit was delivered in the wrong size two days before his wedding.",
        "I called our other store, found the right size, and drove it over myself after my shift.",
        "He sent us a wedding photo: 'You saved my day, I will never buy a suit anywhere else.'",
    ),
    (
        "A broken phone and a missed flight",
        "A customer's phone died at the counter while she was checking in for a flight.",
        "I lent her our shop tablet, helped her print the boarding pass and charged her phone meanwhile.",
        "'I came in furious about my phone and I leave with my flight saved. Thank you!'",
    ),
    (
        "The complaint call that became an order",
        "A customer called to cancel after three late deliveries.",
        "I listened to the whole story, apologised, tracked the parcel live with him and added free express delivery.",
        "He kept his subscription and wrote a five-star review mentioning my name.",
    ),
    (
        "Out of stock on a birthday",
        "The toy a grandmother came for was sold out, and the birthday was the next day.",
        "I found one in the Old Town store, had it set aside and wrapped it with a card from us.",
        "'You thought of everything. My grandson will never know it was nearly a disaster.'",
    ),
)
SUGGESTIONS = (
    (
        "A chair near the fitting rooms",
        "People waiting for a partner stand for a long time; two chairs would make the wait pleasant.",
    ),
    (
        "Text customers when a repair is ready",
        "Customers call us several times to ask; a text message would save them and us time.",
    ),
    (
        "Water for waiting customers",
        "At peak hours the queue lasts ten minutes; a water fountain would be a small kindness.",
    ),
    ("Shorter return form", "The return form has twelve fields; the customer only needs four of them filled in."),
    ("Swap shifts in the app", "Swapping a shift takes three phone calls; a shared list would make it simple."),
    (
        "Greet in the customer's language",
        "Badges showing the languages we speak would help tourists ask the right person.",
    ),
)


def seed_practices(
    db: Database, rng: random.Random, now: datetime, teams: list[int], people: dict[str, int], trainer: int
) -> None:
    """`people`: username → id of the employees."""
    team_of, members, managers = _organisation(db)
    for username, uid in people.items():
        if username != "alice":
            _debriefings(db, rng, uid, members[team_of[uid]], managers[team_of[uid]], now)
    chloe = people.get("chloe")
    if chloe and "alice" in people:  # a request waiting for Alice: she can rate a colleague
        store.debriefing.request_peer(db, chloe, people["alice"], "welcome", _ago(now, days=2))
    _surveys(db, rng, now, teams, team_of, people, trainer)
    _stories(db, rng, now, people, team_of, managers)
    _suggestions(db, rng, now, people, team_of, managers)


def _organisation(db: Database) -> tuple[dict[int, int], dict[int, list[int]], dict[int, int]]:
    """Each employee's team, each team's employees and each team's manager, read once."""
    team_of = store.accounts.employee_teams(db)
    members: dict[int, list[int]] = {}
    for uid, team in team_of.items():
        members.setdefault(team, []).append(uid)
    managers = store.accounts.team_managers(db)
    return team_of, members, managers


def _ago(now: datetime, **delta: float) -> str:
    return store.clock.timestamp(now - timedelta(**delta))


def _debriefings(db: Database, rng: random.Random, uid: int, team: list[int], manager: int, now: datetime) -> None:
    """Self ratings on one to three skills, a peer asked for each, most answered, many debriefed by the manager."""
    mates = [p for p in team if p != uid]
    for skill in rng.sample(SKILLS, rng.randint(1, 3)):
        truth = rng.choice((2, 2, 3, 3, 3, 4))
        day = rng.uniform(3, 50)
        store.debriefing.add_rating(
            db,
            uid,
            uid,
            "self",
            skill,
            min(4, truth + rng.choice((0, 0, 1, 1, -1))),
            example=rng.choice(EXAMPLES),
            stamp=_ago(now, days=day),
        )
        peer = rng.choice(mates)
        store.debriefing.request_peer(db, uid, peer, skill, _ago(now, days=day - 0.5))
        if rng.random() < 0.8:
            store.debriefing.add_rating(
                db,
                uid,
                peer,
                "peer",
                skill,
                max(1, truth + rng.choice((0, 0, -1))),
                example=rng.choice(EXAMPLES),
                stamp=_ago(now, days=day - 1),
            )
        if rng.random() < 0.65:
            n = rng.randrange(len(WENT_WELL))
            store.debriefing.add_rating(
                db,
                uid,
                manager,
                "manager",
                skill,
                truth,
                went_well=WENT_WELL[n],
                differently=DIFFERENTLY[n],
                recognition=rng.random() < 0.5,
                stamp=_ago(now, days=day - 2),
            )


def _surveys(
    db: Database,
    rng: random.Random,
    now: datetime,
    teams: list[int],
    team_of: dict[int, int],
    people: dict[str, int],
    trainer: int,
) -> None:
    """Three waves six weeks apart; the last is open, Alice has not answered it and one team is still small."""
    for wave, weeks in enumerate((13, 7, 1)):
        created = now - timedelta(weeks=weeks)
        survey = store.surveys.create_survey(
            db, f"Mirror survey, wave {wave + 1}", mirror.translated_template(), trainer, store.clock.timestamp(created)
        )
        mood, small_team_answers = 0.4 * wave, 0  # things get better wave after wave
        for uid, team in team_of.items():
            if uid == people.get("alice"):
                continue  # a newcomer: the open survey waits for her
            if wave == 2 and team == teams[-1]:  # still under the anonymity threshold
                if small_team_answers == mirror.MIN_GROUP - 1:
                    continue
                small_team_answers += 1
            elif rng.random() > 0.85:
                continue
            day = (created + timedelta(days=rng.uniform(0, 5))).date().isoformat()
            store.surveys.answer_survey(db, survey, uid, _answers(rng, mood + (0.3 if team == teams[0] else 0.0)), day)
        rows = [
            (
                team,
                (created + timedelta(days=rng.uniform(0, 20))).date().isoformat(),
                _answers(rng, mood - 0.5 + (0.2 if team == teams[1] else 0.0)),
            )
            for team in teams
            for _ in range(rng.randint(25, 40))
        ]
        store.surveys.import_customer_responses(
            db,
            survey,
            hashlib.sha256(f"demo-{wave}".encode()).hexdigest(),
            f"customers-wave-{wave + 1}.csv",
            rows,
            trainer,
        )
        if wave < 2:
            store.surveys.close_survey(db, survey)


def _answers(rng: random.Random, mood: float) -> dict[str, int]:
    agree = lambda: max(1, min(5, round(rng.gauss(3.4 + mood, 0.9))))
    return {
        "welcome": agree(),
        "listened": agree(),
        "recognised": agree(),
        "recommend": max(0, min(10, round(rng.gauss(7.2 + 1.2 * mood, 1.8)))),
    }


def _stories(
    db: Database,
    rng: random.Random,
    now: datetime,
    people: dict[str, int],
    team_of: dict[int, int],
    managers: dict[int, int],
) -> None:
    authors = ["bruno", "karine", "ugo", "david"]
    for n, (story, author) in enumerate(zip(STORIES, authors)):
        uid = people[author]
        told = rng.uniform(8, 40)
        story_id = store.stories.add_story(db, uid, *story, stamp=_ago(now, days=told))
        if author == "david":
            continue  # waiting for Marc's approval
        manager = managers[team_of[uid]]
        store.stories.review_story(db, story_id, manager, True, stamp=_ago(now, days=told - rng.uniform(0.2, 3)))
        if n < 2:
            store.stories.pin_story(db, story_id, manager, True)
        for thanker in rng.sample(list(people.values()), rng.randint(3, 12)):
            store.stories.thank_story(db, story_id, thanker, _ago(now, days=told - 3))


def _suggestions(
    db: Database,
    rng: random.Random,
    now: datetime,
    people: dict[str, int],
    team_of: dict[int, int],
    managers: dict[int, int],
) -> None:
    authors = ["emma", "paul", "vera", "hugo", "maya", "zoe"]
    statuses = ("done", "under study", "not retained", "new", "done", "under study")
    answers = (
        "Two chairs arrive next week. Thank you!",
        "We are testing it with the repair desk this month.",
        "The fountain needs plumbing we cannot add here, but staff will offer water at peak hours.",
        "",
        "A shared swap list is now on the staff board.",
        "We are checking the cost of the badges.",
    )
    for (title, body), author, status, answer in zip(SUGGESTIONS, authors, statuses, answers):
        uid = people[author]
        made = rng.uniform(5, 45)
        idea = store.suggestions.add_suggestion(db, uid, title, body, _ago(now, days=made))
        if status != "new":
            store.suggestions.answer_suggestion(
                db, idea, managers[team_of[uid]], status, answer, _ago(now, days=made - rng.uniform(0.5, 6))
            )


def generate_practices(db: Database, rng: random.Random, now: datetime, teams: list[int], trainer: int) -> None:
    """The practices at scale, for benchmarks: ratings for everyone, three survey waves, a story and a
    suggestion per team."""
    team_of, members, managers = _organisation(db)
    for uid, team in team_of.items():
        _debriefings(db, rng, uid, members[team], managers[team], now)
    _surveys(db, rng, now, teams, team_of, {}, trainer)
    for team in teams:
        author = members[team][0]
        title, happened, did, said = rng.choice(STORIES)
        story = store.stories.add_story(db, author, title, happened, did, said, _ago(now, days=rng.uniform(5, 40)))
        store.stories.review_story(db, story, managers[team], rng.random() < 0.8, stamp=_ago(now, days=4))
        title, body = rng.choice(SUGGESTIONS)
        idea = store.suggestions.add_suggestion(db, author, title, body, _ago(now, days=rng.uniform(5, 40)))
        store.suggestions.answer_suggestion(
            db, idea, managers[team], "under study", "We are looking at it.", _ago(now, days=3)
        )
