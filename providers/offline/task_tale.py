"""Everyday tasks (data/tasks.toml): a prompt whose hero sets out to make or do something, with no one set against
them ("a grandmother and her grandson bake bread for the village fair", "two sisters build a treehouse"), is told
as that task, not as a quest against a villain the prompt never named. Ten paragraphs (a panel each): home, the
promise, the neighbour who knows the craft, the work, what goes wrong, the doubt, the fix, the result, the day it
was for, and home again. Each opens in a place the drawing can show."""

from __future__ import annotations

import re
from dataclasses import dataclass

from providers.offline.lexicon import KIN
from providers.offline.plan import Companion, Plan, Who
from providers.offline.pronouns import worn_by
from providers.offline.tasks import COMFORT, OCCASIONS, TASKS, everyday_task
from providers.offline.text import a_or_an, cap, known, quoted, singular

_POSSESSIVES = frozenset({"her", "his", "their", "its", "our", "my"})
_DEFAULTS = {"proud": "stood proudly beside {thing}", "setback_time": "that night"}


@dataclass(frozen=True)
class Task:
    """The task's phrases, filled with the story's names, and what the prompt asks for."""

    phrases: dict[str, str]
    values: dict[str, str]

    @property
    def together(self) -> bool:
        """Whether the hero works with someone (the prompt's other person or creature)."""
        return self.values["they"] == "they"

    @property
    def pal_or_hero(self) -> str:
        """Who cheers and chats while they work: the companion, else the hero alone."""
        return self.values["pal"] if self.together else self.values["hero"]

    def __getitem__(self, key: str) -> str:
        """A story value ("occasion": the prompt's own day), else the task's phrase filled in."""
        if key in self.values:
            return self.values[key]
        return self.phrases.get(key, _DEFAULTS.get(key, "")).format(**self.values)


def task_of(p: Plan) -> Task | None:
    """The everyday task `p`'s prompt is about, else None: no rival, villain, mystery, contest or creature hero."""
    f = p.facts
    task = None if p.rival or p.beast else everyday_task(f)
    if task is None or not f.quest:
        return None
    phrases = TASKS[task.key]
    thing = f"the {' '.join(task.thing)}" if task.thing else phrases["default_thing"]
    plural = bool(task.thing) and singular(task.thing[-1]) != task.thing[-1]
    occasion, place = _occasion(f.quest, phrases)
    pal = _pal(p)
    h, m = p.hero, p.mentor
    both = f"{h.short} and {pal.short}" if pal else h.short
    expert = phrases["expert"].split("|")
    values = {
        "hero": h.short,
        "Hsubj": cap(h.subj),
        "hsubj": h.subj,
        "hposs": h.poss,
        "hobj": h.obj,
        "pal": pal.short if pal else m.short,
        "palposs": pal.poss if pal else m.poss,
        "both": both,
        "expert": expert[-1] if m.subj == "she" else expert[0],
        "they": "they" if pal else h.subj,
        "them": "them" if pal else h.obj,
        "their": "their" if pal else h.poss,
        "mentor": m.short,
        "msubj": m.subj,
        "mposs": m.poss,
        "thing": thing,
        "thing_was": "were" if plural else "was",
        "occasion": occasion,
        "occasion_place": place,
        "town": p.town,
    }
    return Task(phrases, values)


def _occasion(quest: str, phrases: dict[str, str]) -> tuple[str, str]:
    """The day the work is for and where it happens: the prompt's "for the village fair", else the task's own."""
    match = re.search(r"\bfor ((?:the |a |an )?[\w' -]+)$", quest.lower())
    if match:
        phrase = match.group(1).strip()
        said = OCCASIONS.get(singular(phrase.split()[-1]))
        if said:
            phrase = phrase if phrase.startswith(("the ", "a ", "an ")) else f"the {phrase}"
            return said[0].format(phrase=known(phrase)), said[1]
    return phrases["occasion"], phrases["occasion_place"]


def _pal(p: Plan) -> Who | None:
    """Whom the hero works with: the prompt's other person (the ally), else its creature, else no one."""
    if _works_with(p):
        return p.ally
    creature = _creature(p)
    return creature.who if creature else None


def _works_with(p: Plan) -> bool:
    """Whether the prompt's other person works with the hero ("a girl and her father", "with her father"), not
    the one it is for ("a cake for the king")."""
    quest = (p.facts.quest or "").lower()
    _, _, tail = quest.partition(" for ")
    return any(other.noun not in tail.split() for other in p.facts.others)


def _creature(p: Plan) -> Companion | None:
    return next((c for c in p.companions if c.thing.kind == "creature"), None)


def _home(p: Plan) -> str:
    """The hero's home as the story knows it by now: "the mossy cottage" of "a mossy cottage at the edge of X"."""
    return known(p.home.split(" at the edge of ")[0])


def _indoors(p: Plan, t: Task) -> str:
    """Where the hero sits and thinks it over: the room the work is done in, else at home."""
    place = t["work_place"]
    return place if place.split()[-1] in _ROOMS else f"in {_home(p)}"


_ROOMS = frozenset({"kitchen", "workshop", "room"})


def _said(line: str) -> str:
    """A line as it is quoted before "said X": its full stop a comma ("Once more," said Anna)."""
    return quoted(line[:-1] + "," if line.endswith(".") else line)


def _promise(p: Plan, t: Task) -> str:
    quest = p.facts.quest or ""
    words = set(quest.lower().split())
    we = "We" if t.together else "I"
    teach = re.match(r"teach \S+ \S+ (to .+)$", quest)
    if teach and we == "We":  # "teach his granddaughter to sail": said to her
        return f"I will teach you {teach.group(1)}, {t.values['pal']}!"
    if words & _POSSESSIVES or "with" in words:  # "plant a garden with her father": whose father, to whom?
        return f"{we} will make {t.values['thing']} the talk of {p.town}!"
    return f"{we} will {quest}!"


def home(p: Plan, t: Task) -> str:
    h = p.hero
    said = f"In {p.home}, there lived {h.full}, {a_or_an(p.hero_trait)} {p.hero_trait} {p.role} {p.hero_dress}."
    if _works_with(p):
        a = p.ally
        job = p.ally_job.removeprefix("fellow ")  # "two sisters": her sister, "two friends": his friend
        whose = h.poss if job.split()[-1] in KIN else a_or_an(p.ally_trait)
        look = worn_by(p.ally_look, a.subj, a.poss)
        said += f" With {h.obj} lived {a.full}, {whose} {p.ally_trait} {job} in {look}."
    creature = _creature(p)
    if creature is not None:
        said += f" At {h.short}'s side the whole time was {creature.who.full}, {creature.intro}."
    # The place's days, not the prompt's verb: the task is what this story changes about them.
    return f"{said} Day after day {h.subj} {p.fill(p.biome.routine)}. {quoted(p.bookend[0])} said {h.short}."


def promise(p: Plan, t: Task) -> str:
    pal = t.values["pal"] if t.together else None
    cheer = "cheered" if _works_with(p) else "leapt for joy"
    agreed = f", and {pal} {cheer}" if pal else ""
    return (
        f"In {_home(p)}, one bright morning, word came that {t['occasion']} was only three days away. "
        f"{_said(_promise(p, t))} said {p.hero.short}{agreed}."
    )


def neighbour(p: Plan, t: Task) -> str:
    m = p.mentor
    return (
        f"{cap(t['fetch_place'])}, {p.times['next']}, {m.full}, {a_or_an(p.mentor_trait)} {p.mentor_trait} "
        f"{t['expert']} {p.mentor_dressed}, {t['fetch']}. {_said(t['advice'])} said {m.short}."
    )


def work(p: Plan, t: Task) -> str:
    line = f"{_said(t['work_line'])} said {t.pal_or_hero}."
    return f"{cap(t['work_place'])}, {p.times['trial']}, {t['both']} {t['work']}. {line}"


def setback(p: Plan, t: Task) -> str:
    learner = t.values["pal"] if (p.facts.quest or "").startswith("teach ") and t.together else None
    return (
        f"But {t['setback_time']}, {t['work_place']}, {t['setback']}. {p.hero.short}'s heart sank. "
        f"{_said(t['despair'])} cried {learner or p.hero.short}."
    )


def doubt(p: Plan, t: Task) -> str:
    h = p.hero
    comfort = COMFORT[len(p.town) % len(COMFORT)]
    if t.together:
        helper = f"{t.values['pal']} sat down beside {h.obj}. {_said(comfort)} said {t.values['pal']}."
    else:
        helper = f"{_said(COMFORT[-1])} {h.subj} told {h.obj}self at last."  # not "we": alone
    return (
        f"{cap(_indoors(p, t))}, {p.times['evening']}, {h.short} sat by the window and wanted to give up. {helper} "
        f"Then {h.short} remembered {p.mentor.short}'s words."
    )


def fix(p: Plan, t: Task) -> str:
    line = f"{quoted('Once more,')} said {p.hero.short}."
    return f"{cap(t['work_place'])}, {p.times['dawn']}, {t['both']} {t['fix']}. {line}"


def result(p: Plan, t: Task) -> str:
    believe = f"{t['both']} stared in wonder"  # not "could hardly believe": the faces would read it as sad
    return (
        # The result first: a panel's background keeps a sentence's first clause, and it is what the panel shows.
        f"{cap(t['work_place'])}, {p.times['sunrise']}, {t['result']}. {cap(believe)}. "
        f"{quoted('We did it!' if t.together else 'I did it!')} cried {t.pal_or_hero}."
    )


def occasion(p: Plan, t: Task) -> str:
    m = p.mentor
    return (
        f"{cap(t['occasion_place'])}, when {t['occasion']} came, {t['both']} {t['proud']}, and {t['event']}. "
        f"{m.short} was there in the front row. {_said(t['praise'])} said {m.short}."
    )


def homecoming(p: Plan, t: Task) -> str:
    h = p.hero
    return (
        f"Back in {_home(p)}, {p.times['later']}, {t['both']} still smiled to think of it. These days, {t['after']}. "
        f"{quoted(p.bookend[1])} said {h.short}, {p.bookend[2]}."
    )


STAGES = (home, promise, neighbour, work, setback, doubt, fix, result, occasion, homecoming)


def task_story(p: Plan, t: Task) -> list[str]:
    """The ten paragraphs of `p`'s everyday task."""
    return [stage(p, t) for stage in STAGES]
