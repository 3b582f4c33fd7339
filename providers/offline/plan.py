"""Planning a story: every choice behind it (biome, town, names, looks, lines) drawn from a RNG seeded by the
prompt, in a fixed order, so the same prompt always gives the same story."""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass

from providers.offline.lexicon import (
    ARTICLE_CONCEPTS,
    BIG_CREATURES,
    BIG_OBJECTS,
    BIOME_WORDS,
    CREATURE_BIOMES,
    FEATHERED,
    FEMALE,
    FURRED,
    MALE,
    PLACE_BIOMES,
    ROLE_BIOMES,
)
from providers.offline.prompt import PromptFacts, Thing, read_prompt
from providers.offline.text import a_or_an
from providers.offline.world import (
    ADVICE_LINES,
    ALLIES,
    ALLY_LOOKS,
    ALLY_TRAITS,
    BIOMES,
    BOOKEND_LINES,
    CONCEPT_DETAILS,
    CREATURE_LOOKS,
    CREATURE_NAMES,
    CREATURE_TRAITS_BIG,
    CREATURE_TRAITS_SMALL,
    DEFAULT_CONCEPT,
    GARMENT_COLOURS,
    GARMENTS,
    HERO_MARKERS,
    HERO_NAMES,
    HERO_TRAITS,
    HOME_FLAVOURS,
    MENTOR_MARKERS,
    MENTOR_TRAITS,
    MENTORS,
    OBJECT_LOOKS,
    OBJECT_NAMES,
    SEA_LOOKS,
    SURNAMES,
    THRESHOLD_LINES,
    TIMES,
    VILLAIN_KINDS,
    VILLAIN_LOOKS,
    VILLAIN_MARKERS,
    VILLAINS,
    Biome,
)


@dataclass(frozen=True)
class _Who:
    """A named character as the writer refers to them."""

    full: str
    short: str
    subj: str
    obj: str
    poss: str


_PRONOUNS = {"f": ("she", "her", "her"), "m": ("he", "him", "his"), "n": ("it", "it", "its")}


def _who(full: str, gender: str, short: str | None = None) -> _Who:
    subj, obj, poss = _PRONOUNS[gender]
    return _Who(full, short or full.split()[-1], subj, obj, poss)


@dataclass
class Companion:
    """A named creature, object or concept in the story, with the phrases its scenes need."""

    thing: Thing
    who: _Who
    intro: str  # the appositive that introduces it, "an ancient sea monster with ..."

    @property
    def big(self) -> bool:
        """Too big to hold (a ship) or to hide (a dragon): scenes with it play out differently."""
        return self.thing.noun in (BIG_CREATURES if self.thing.kind == "creature" else BIG_OBJECTS)


@dataclass
class Plan:
    """Every choice behind one story, drawn from the prompt-seeded RNG."""

    facts: PromptFacts
    biome: Biome
    town: str
    home: str
    routine: str
    routine_short: str
    call_setting: str
    call_event: str
    transformed: str
    role: str
    hero: _Who
    hero_trait: str
    hero_look: str
    hero_marker: str
    mentor: _Who
    mentor_trait: str
    mentor_marker: str
    villain: _Who
    villain_kind: str
    villain_look: str
    villain_marker: str
    ally: _Who
    ally_trait: str
    ally_job: str
    ally_look: str
    companions: list[Companion]
    bookend: tuple[str, str, str]
    threshold_line: str
    advice: str
    times: dict[str, str]


def _pick_biome(facts: PromptFacts, rng: random.Random) -> str:
    if facts.place:
        return PLACE_BIOMES[facts.place]
    for thing in facts.things:
        if thing.noun in CREATURE_BIOMES:
            return CREATURE_BIOMES[thing.noun]
    if facts.hero_noun in ROLE_BIOMES:
        return ROLE_BIOMES[facts.hero_noun]
    return rng.choice(sorted(BIOMES))


def _companion(thing: Thing, used: set[str], town: str, coast: bool, rng: random.Random) -> Companion:
    """Name and describe a creature, object or concept from the prompt so it can be a character."""
    if thing.kind == "concept":
        name = thing.noun.capitalize()
        full = f"the {name}" if thing.noun in ARTICLE_CONCEPTS else name
        look = CONCEPT_DETAILS.get(thing.noun, DEFAULT_CONCEPT)[0]
        who = _who(full, rng.choice("fm"), short=full)
        return Companion(thing, who, f"the embodiment of {thing.noun} itself, {look}")
    if thing.kind == "object":
        name = rng.choice([n for n in OBJECT_NAMES if n not in used])
        look = rng.choice(OBJECT_LOOKS).format(town=town)
        return Companion(thing, _who(name, "n"), f"{a_or_an(thing.phrase)} {thing.phrase} {look}")
    name = rng.choice([n for n in CREATURE_NAMES if n not in used])
    big = thing.noun in BIG_CREATURES
    traits = CREATURE_TRAITS_BIG if big else CREATURE_TRAITS_SMALL
    trait = rng.choice(traits)
    covering = "feathered" if thing.noun in FEATHERED else "furred" if thing.noun in FURRED else "scaled"
    looks = CREATURE_LOOKS[covering] + (SEA_LOOKS if coast and covering == "scaled" else ())
    look = rng.choice(looks)
    return Companion(thing, _who(name, rng.choice("fm")), f"{a_or_an(trait)} {trait} {thing.phrase} with {look}")


def _hero(facts: PromptFacts, biome: Biome, rng: random.Random) -> tuple[_Who, str]:
    role = facts.hero_phrase or rng.choice(biome.hero_roles)
    wanted = "f" if facts.hero_noun in FEMALE else "m" if facts.hero_noun in MALE else None
    name, gender = rng.choice([n for n in HERO_NAMES if wanted in (None, n[1])])
    return _who(f"{name} {rng.choice(SURNAMES)}", gender, short=name), role


def plan_story(prompt: str) -> Plan:
    """Draw every choice for `prompt`'s story from a RNG seeded by the prompt, in a fixed order."""
    rng = random.Random(int.from_bytes(hashlib.sha256(prompt.encode()).digest()[:8], "big"))
    facts = read_prompt(prompt)
    biome = BIOMES[_pick_biome(facts, rng)]
    town = rng.choice(biome.towns)
    flavour = HOME_FLAVOURS.get(facts.place or "")
    if flavour:
        home, routine, routine_short, call_setting, call_event, transformed = flavour
    else:
        home, routine, routine_short = biome.home, biome.routine, biome.routine_short
        call_setting, call_event, transformed = biome.call_setting, biome.call_event, biome.transformed
        if facts.place and facts.place not in BIOME_WORDS:
            home = f"the {facts.place} at the edge of {{town}}"
    hero, role = _hero(facts, biome, rng)
    mentor = _who(*rng.choice(MENTORS))
    villain = _who(*rng.choice(VILLAINS))
    ally_name, ally_gender = rng.choice(ALLIES)
    ally = _who(ally_name, ally_gender, short=ally_name.split()[0])
    used: set[str] = set()
    companions = []
    for thing in facts.things:
        companion = _companion(thing, used, town, biome is BIOMES["coast"], rng)
        used.add(companion.who.full)
        companions.append(companion)
    times = {stage: rng.choice(phrases) for stage, phrases in TIMES.items()}
    return Plan(
        facts=facts,
        biome=biome,
        town=town,
        home=home.format(town=town),
        routine=routine,
        routine_short=routine_short,
        call_setting=call_setting,
        call_event=call_event.format(town=town),
        transformed=transformed,
        role=role,
        hero=hero,
        hero_trait=rng.choice(HERO_TRAITS),
        hero_look=f"{rng.choice(GARMENT_COLOURS)} {rng.choice(GARMENTS)}",
        hero_marker=rng.choice(HERO_MARKERS).format(poss=hero.poss),
        mentor=mentor,
        mentor_trait=rng.choice(MENTOR_TRAITS),
        mentor_marker=rng.choice(MENTOR_MARKERS),
        villain=villain,
        villain_kind=rng.choice(VILLAIN_KINDS),
        villain_look=rng.choice(VILLAIN_LOOKS),
        villain_marker=rng.choice(VILLAIN_MARKERS).format(poss=villain.poss),
        ally=ally,
        ally_trait=rng.choice(ALLY_TRAITS),
        ally_job=rng.choice(biome.ally_jobs),
        ally_look=rng.choice(ALLY_LOOKS),
        companions=companions,
        bookend=rng.choice(BOOKEND_LINES),
        threshold_line=rng.choice(THRESHOLD_LINES),
        advice=rng.choice(ADVICE_LINES),
        times=times,
    )
