"""The stages of a competition story (data/contest.toml): a prompt whose event is a trial, a banquet, a race, a
festival, a tournament or any contest is told around that event. The hero works at a craft (a chef cooks), the
event is announced, the rival boasts, the rounds are worked through, the rival cheats in the last one, and the hero
wins it in the hall where it ends; each stage opens in a place the drawing can show (a kitchen, the banquet hall, a
court room). Creatures of a world of their own compete in it ([worlds]): sea creatures race along the reef and sing
in a sunken ship, creatures of the air race round the peaks."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from providers.offline.data import load
from providers.offline.lexicon import CRAFT_OF, CRAFTS, FEMALE, KIN, MALE
from providers.offline.looks import mentor_dress
from providers.offline.plan import Plan
from providers.offline.pronouns import worn_by
from providers.offline.text import a_or_an, cap, known, lower_words, plural, quoted
from providers.offline.titles import titled_for
from providers.offline.world import BIOMES, wear

_EVENTS: dict[str, dict[str, str]] = load("contest")["events"]
# Where a competition among creatures of a world of their own happens: under the sea, in the sky.
_WORLDS: dict[str, dict[str, Any]] = load("contest")["worlds"]
_BIOME_PLACES = ("market", "mentor_place", "mentor_prop", "confidant")


@dataclass(frozen=True)
class Contest:
    """The event and the hero's craft, with every placeholder their phrases use."""

    event: dict[str, str]
    craft: dict[str, str]
    values: dict[str, str]

    def say(self, text: str) -> str:
        """A phrase with the story's names, pronouns and craft words in it; data templates only, never the prompt."""
        return text.format(**self.values)

    def __getitem__(self, key: str) -> str:
        """The event's phrase, else the craft's, filled in; else a word of the story ("judge", "a_role")."""
        if key in self.event or key in self.craft:
            return self.say(self.event[key] if key in self.event else self.craft[key])
        return self.values[key]

    def get(self, key: str, default: str) -> str:
        """The event's or craft's phrase when it has one (a trial's own "doubt"), else `default`."""
        return self[key] if key in self.event or key in self.craft else default


def contest_of(p: Plan) -> Contest:
    """The plan's event (a bare "contest" when only "compete" says so) and the craft of its hero's noun."""
    noun = p.facts.hero_noun or "contestant"  # "Marie enters a contest": one of a hundred contestants
    # The hero's craft, else the one the prompt names ("a girl enters a baking contest"): its first noun is what
    # every contestant is ("a hundred other bakers", "a ruthless rival baker").
    said = set(lower_words(p.facts.legend))
    world = world_of(p)
    event = _EVENTS[p.facts.contest or "contest"]
    if world is not None:  # "a dolphin and a shark race": swum on the reef, not run on the road
        event = event | world.get("all", {}) | world.get(p.facts.contest or "contest", {})
    named = next((k for k, c in CRAFTS.items() if set(c.get("cues", "").split()) & said and "nouns" in c), None)
    key = CRAFT_OF.get(noun) or named or event.get("crafts_as", "default")  # a banquet's contestants cook
    craft = CRAFTS[key]
    if world is not None:
        own = world.get("crafts", {})
        native = key == event.get("crafts_as")  # a swimmer's own craft under the sea
        event = event | own.get(key, {} if native else own.get("any", {}))
        biome = BIOMES[world["biome"]] if "biome" in world else None
        event = {k: world.get(k) or getattr(biome, k) for k in _BIOME_PLACES if k in world or biome} | event
    if noun not in craft.get("nouns", noun).split():
        noun = craft["nouns"].split()[0]
    values = {
        "town": p.town,
        "wild": p.biome.wild,
        "hero": p.hero.short,
        "hsubj": p.hero.subj,
        "hobj": p.hero.obj,
        "hposs": p.hero.poss,
        "villain": p.villain.short,
        "vposs": p.villain.poss,
        "a_role": f"{a_or_an(p.role)} {p.role}",
        "noun": noun,
        "Noun": noun.capitalize(),
        "nouns": plural(noun),
        "rival_noun": _rival_noun(p, noun),
        "work": craft["work"],
        "works": craft["works"],
        "verb": craft["verb"],
        "verbed": craft["verbed"],
        "craft": craft["craft"],
    }
    judge = event["judge"]
    if judge.split()[-1].lower() in p.villain.full.lower().split():  # "Mayor Lampwright" is no judge of their own
        judge = "the head judge"
    values["judge"], values["Judge"] = judge, cap(judge)
    if p.facts.hero_kind == "creature":  # a unicorn gets a lucky clover, not boots; a cat trots, it leads no horse
        event, craft = _as_creature(event), _as_creature(craft)
    return Contest(event, craft, values)


def world_key(p: Plan) -> str | None:
    """The world of its own a competition happens in (data/contest.toml [worlds]): "undersea" when its hero is a
    sea creature or the story is set under the sea, "sky" for a creature of the air; else None."""
    kinds = set((p.facts.hero_phrase or "").split()) | {p.facts.hero_noun or ""}
    for key, world in _WORLDS.items():
        if (p.facts.contest or "contest") not in world["events"].split():
            continue
        creature = p.facts.hero_kind == "creature" and bool(kinds & set(world["creatures"].split()))
        if creature or ("biome" in world and p.biome is BIOMES[world["biome"]]):
            return key
    return None


def world_of(p: Plan) -> dict[str, Any] | None:
    """The table of the world `p`'s competition happens in, else None (see `world_key`)."""
    key = world_key(p)
    return _WORLDS[key] if key else None


def _as_creature(table: dict[str, str]) -> dict[str, str]:
    """A table with its `creature_` phrases in place of the ones a person's hands, feet or horse need."""
    own = {key.removeprefix("creature_"): text for key, text in table.items() if key.startswith("creature_")}
    return {key: text for key, text in table.items() if not key.startswith("creature_")} | own


def _rival_noun(p: Plan, noun: str) -> str:
    """What the rival is: the one the prompt sets against the hero ("a ruthless rival dragon", "witch"), else one of
    the hero's craft, of the villain's own gender ("a ruthless rival princess" would not be Thane Vigin Cairnrake)."""
    opponent = p.facts.opponent
    other = opponent is not None and opponent.noun != p.facts.hero_noun and opponent.noun not in KIN
    if opponent is not None and (opponent.kind == "creature" or other):  # "two dragons race": a rival dragon
        return opponent.phrase  # "a baker races a witch", "a boy races a robot": a rival witch, a rival robot
    return "contestant" if noun in FEMALE | MALE and not p.rival else noun


def _workplace(p: Plan, c: Contest) -> str:
    """The hero's workplace for the craft (a runner's narrow house); a creature lives where its kind lives."""
    return p.home if p.facts.hero_kind == "creature" else c.get("workplace", p.home)


def ordinary(p: Plan, c: Contest) -> str:
    h = p.hero
    routine, confidant = c.get("routine", p.fill(p.routine)), c.get("confidant", p.biome.confidant)
    return (
        f"In {_workplace(p, c)}, there lived {h.full}, {a_or_an(p.hero_trait)} {p.hero_trait} {p.role} "
        f"{p.hero_dress}. Day after day {h.subj} {routine}. "
        f"In {p.town} they still told the old tale {p.facts.legend}, but {h.short} had heard it a hundred times "
        f"and believed none of it. {quoted(p.bookend[0])} said {h.short} to {confidant}, and {h.subj} liked "
        f"it that way."
    )


def call(p: Plan, c: Contest) -> str:
    h = p.hero
    if "call_line" in c.event:  # a trial: nothing to win, only a name to clear
        reply = f"{quoted(c['call_line'] + ',')} said {h.short}, but nobody was listening."
    else:
        reread = c.get("reread", "read the notice three times over")  # or the word the wind carried
        reply = f"{quoted(cap(c['prize']) + ',')} whispered {h.short}, and {h.subj} {reread}."
    return f"{cap(c['call_place'])}, {p.times['call']}, {c['announce']}. {reply}"


def rival(p: Plan, c: Contest) -> str:
    h, v = p.hero, p.villain
    doubt = c.get("doubt", f"I am only {c['a_role']}. Who am I to win {c['prize']}?")
    return (
        f"{cap(c.get('market', p.fill(p.biome.market)))}, {p.times['next']}, the news was on every tongue. "
        f"Rumour had it that {v.full}, {a_or_an(c['rival'])} {c['rival']} {p.villain_dress}, {c['oath']}. "
        f"{quoted(doubt)} said {h.short}, and {h.subj} {p.hides}. "
        f"But that night {h.subj} could not sleep, {c['sleepless']}."
    )


def mentor(p: Plan, c: Contest) -> str:
    h, m = p.hero, p.mentor
    line = f"Every {c['noun']} has one {c['work']} in them that no one else could make,"
    if "workplace" not in c.craft and "routine" not in c.craft:  # a craft of no particular work
        line = "Every story needs someone foolish enough to begin it,"
    place, job = c.get("mentor_place", p.biome.mentor_place), c.get("mentor_job", p.biome.mentor_job)
    job = titled_for(job, m.subj)  # a "retired stage actress", a "hedge-wizard"
    # A contest's mentor wears the coat, whatever the journey's world, but a diving suit in a sea race or song.
    dressed = mentor_dress(p.mentor_marker, m.poss)
    dressed = wear(dressed, BIOMES["undersea"].mentor_garment) if world_key(p) == "undersea" else dressed
    return (
        f"{cap(place)}, {p.times['evening']}, {m.full}, {a_or_an(p.mentor_trait)} {p.mentor_trait} "
        f"{job} and {h.short}'s oldest mentor, {dressed}, was waiting "
        f"{c.get('mentor_prop', p.biome.mentor_prop)}. {quoted(line)} "
        f"said {m.short}. {quoted('This time, it is yours.')} "
        f"{cap(m.subj)} {p.gives(c['gift'])}. {quoted(p.advice)}"
    )


def arrival(p: Plan, c: Contest) -> str:
    h = p.hero
    carried = c.get("carry", p.kept)
    return (
        f"{cap(c['arrival_place'])}, {p.times['dawn']}, {h.short} {c['arrival']}, with {c['gift']} {carried}. "
        f"{c.get('behind', f'Behind {h.obj}, the doors swung shut')}. "
        f"{quoted(p.threshold_line)} said {h.short}, and {h.subj} did not look back."
    )


def rounds(p: Plan, c: Contest) -> str:
    h, v, a = p.hero, p.villain, p.ally
    whose = h.poss if p.ally_job in KIN else a_or_an(p.ally_trait)
    job = c["ally_job"] if p.ally_job in p.biome.ally_jobs else p.ally_job  # the prompt's own ally keeps its job
    look = worn_by(p.ally_look, a.subj, a.poss)  # "in her yellow coat": the reader knows a she from a he
    return (
        f"{cap(c['rounds_place'])}, {p.times['trial']}, {h.short} {c['rounds']}. {_company(p)}"
        f"There {h.subj} met {a.full}, {whose} {p.ally_trait} {job} in {look}, who knew every "
        f"{c['route']} of {c['venue']}. {quoted(f'You will never beat {v.short} alone,')} said {a.short}. "
        f"{quoted(f'Lucky for you, I know every trick {v.subj} plays.')}"
    )


def _company(p: Plan) -> str:
    """A sentence each for the prompt's creatures, objects and concepts, so they are in the story and the cast."""
    h = p.hero
    sentences = []
    for c in p.companions:
        if c.thing.kind == "creature":
            sentences.append(f"At {h.short}'s side the whole time was {c.who.full}, {c.intro}.")
        elif c.thing.kind == "object":
            sentences.append(f"Close at hand the whole time was {c.who.full}, {c.intro}.")
        else:
            sentences.append(f"Now and then {h.short} felt {c.who.full} watching, {c.intro}.")
    return " ".join(sentences) + (" " if sentences else "")


def last_round(p: Plan, c: Contest) -> str:
    h, v, m, a_role = p.hero, p.villain, p.mentor, c["a_role"]
    when = c.get("final_time", "as the last round began")
    return (
        f"{cap(c['final_place'])}, {when}, {h.short} faced {v.short} at last. "
        f"{v.short} {c['sabotage']}. "
        f"{quoted(f'Did you really think {a_role} could beat me?')} sneered {v.short}. "
        f"{h.short} stumbled back, and for one terrible moment all seemed lost. "
        f"Then {h.subj} remembered {m.short}'s words and {c['gift_use']}."
    )


def finale(p: Plan, c: Contest) -> str:
    a, a_role = p.ally, c["a_role"]
    return (
        f"{cap(c['hall'])}, {c['hall_time']}, {c['judging']}. {c['win']}. "
        f"{quoted(f'Not bad, for {a_role},')} said {a.short}."
    )


def aftermath(p: Plan, c: Contest) -> str:
    h, v, a = p.hero, p.villain, p.ally
    return (
        f"{cap(c['after_place'])}, {p.times['dusk']}, {v.full} made one last attempt {c['last_trick']}. "
        f"{a.short} {c['exposed']}, and {v.short} was last seen {c['fate']}. "
        f"{quoted(f'{cap(v.subj)} will be back,')} said {a.short}. {quoted(f'Let {v.obj} come,')} said {h.short}."
    )


def homecoming(p: Plan, c: Contest) -> str:
    h = p.hero
    home = known(_workplace(p, c))  # known by now: "a narrow house" becomes "the narrow house"
    routine_short = c.get("routine_short", p.fill(p.routine_short))
    return (
        f"Back in {home}, {p.times['later']}, {c['transformed']}. "
        f"{h.short} still {routine_short}, but now {h.subj} {c['prize_line']}. "
        f"The children of {p.town} tell the old tale differently these days: it is the true story of how "
        f"{c['a_role']} {c['won']}. {quoted(p.bookend[1])} said {h.short}, {p.bookend[2]}."
    )


STAGES = (ordinary, call, rival, mentor, arrival, rounds, last_round, finale, aftermath, homecoming)


def contest_story(p: Plan) -> list[str]:
    """The ten paragraphs of `p`'s competition story."""
    c = contest_of(p)
    return [stage(p, c) for stage in STAGES]
