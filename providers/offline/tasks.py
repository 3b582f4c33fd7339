"""Which everyday task a prompt's quest is (data/tasks.toml): the task's key, the thing it makes and the worlds it
fits. Only reading here; the story is told by task_tale.py."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from providers.offline.data import load
from providers.offline.prompt import PromptFacts
from providers.offline.text import singular

_DATA: dict[str, Any] = load("tasks")
TASKS: dict[str, dict[str, str]] = _DATA["tasks"]
OCCASIONS: dict[str, list[str]] = _DATA["occasions"]
COMFORT: list[str] = _DATA["lines"]["comfort"]
# Each task's verbs as keys: "bake", "go-fishing" (two words), "build-snowman" (a verb and its thing's noun); and
# the skills one learns or teaches ("learn to ride", "teach her to sail").
_BY_VERB = {verb: key for key, task in TASKS.items() for verb in task["verbs"].split()}
_BY_SKILL = {skill: key for key, task in TASKS.items() for skill in task.get("skills", "").split()}
_STOPS = frozenset({"for", "with", "in", "on", "at", "to", "by", "from", "into", "before", "after", "and", "so"})
_ARTICLES = frozenset({"a", "an", "the", "some", "her", "his", "their", "its", "our", "my"})
# Where a task fits when the prompt names no place: a village, a town, the coast, the hills; never space or Mars.
_HOMELY = ("forest", "city", "coast", "mountain")


@dataclass(frozen=True)
class TaskQuest:
    """The task a quest is, and what it makes ("bread", "prize pumpkin"; empty when it names nothing)."""

    key: str
    thing: tuple[str, ...]


def read_task(quest: str | None) -> TaskQuest | None:
    """The everyday task of a quest in base form ("bake bread for the fair", "teach his son to sail"), else None."""
    words = (quest or "").lower().split()
    if len(words) < 2:
        return None
    if words[0] in {"learn", "teach"}:  # "learn to ride a bicycle", "teach his granddaughter to sail"
        at = words.index("to") if "to" in words[:5] else -1
        key = _BY_SKILL.get(words[at + 1]) if 0 <= at < len(words) - 1 else None
        return TaskQuest(key, _thing(words[at + 2 :])) if key else None
    verb, rest = words[:1], words[1:]
    if rest[:1] == ["on"] or verb == ["go"]:  # "put on a show", "go fishing"
        verb, rest = verb + rest[:1], rest[1:]
    thing = _thing(rest)
    noun = singular(thing[-1]) if thing else ""
    for candidate in (f"{verb[0]}-{noun}", "-".join(verb), verb[0]):
        if candidate in _BY_VERB:
            return TaskQuest(_BY_VERB[candidate], thing)
    return None


def _thing(words: list[str]) -> tuple[str, ...]:
    """The object phrase at the start of `words`, up to a preposition, without its article or possessive."""
    thing = []
    for word in words:
        if word in _STOPS:
            break
        thing.append(word)
    return tuple(w for w in thing if w not in _ARTICLES)


def everyday_task(facts: PromptFacts) -> TaskQuest | None:
    """The task of a prompt about people at peace (no contest, mystery, conflict or rival, in English), else None."""
    if facts.contest or facts.mystery or facts.hostile or facts.opponent is not None or facts.language:
        return None
    return None if facts.hero_kind == "creature" else read_task(facts.quest)


def task_worlds(facts: PromptFacts) -> tuple[str, ...] | None:
    """The worlds an everyday task fits, for a prompt that names no place; None when the prompt is no task."""
    task = everyday_task(facts)
    return None if task is None else tuple(TASKS[task.key].get("worlds", " ".join(_HOMELY)).split())
