"""Planning a story: every choice behind it (biome, town, names, looks, lines) drawn from a RNG seeded by the
prompt, in a fixed order, so the same prompt always gives the same story."""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass

from providers.offline import looks
from providers.offline.attire import UNCOLOURED, Attire, dressed_in, read_attire
from providers.offline.creature_looks import NATURAL as _NATURAL
from providers.offline.creature_looks import coat as _coat
from providers.offline.creature_looks import covering_of as _covering
from providers.offline.creature_looks import creature_looks as _creature_looks
from providers.offline.creature_looks import creature_markers as _creature_markers
from providers.offline.creature_looks import kin_dress
from providers.offline.lexicon import (
    ARTICLE_CONCEPTS,
    BIG_CREATURES,
    BIG_OBJECTS,
    BIOME_WORDS,
    CRAFT_OF,
    CRAFTS,
    CREATURE_BIOMES,
    FEMALE,
    GEMS,
    HERO_CREATURE_BIOMES,
    HOMELY,
    MALE,
    OWN_PLACES,
    PLACE_BIOMES,
    ROBOTS,
    ROLE_BIOMES,
    SPEAKING_THINGS,
    TITLES,
    VEHICLE_PLACES,
)
from providers.offline.names import NameMaker
from providers.offline.places import place_scores
from providers.offline.prompt import PromptFacts, Thing, read_prompt, short_sentence
from providers.offline.tasks import task_worlds
from providers.offline.text import a_or_an
from providers.offline.titles import noun_sex, titled_for
from providers.offline.world import (
    ADVICE_LINES,
    ALLY_LOOKS,
    ALLY_TRAITS,
    BIOMES,
    BOOKEND_LINES,
    CONCEPT_DETAILS,
    CREATURE_FOLLOWERS,
    CREATURE_HOME,
    CREATURE_LOOKS,
    CREATURE_TRAITS_BIG,
    CREATURE_TRAITS_SMALL,
    DEFAULT_CONCEPT,
    DOMED_HOMES,
    GARMENT_COLOURS,
    GARMENTS,
    GEM_LOOKS,
    HERO_MARKERS,
    HERO_TRAITS,
    HOME_FLAVOURS,
    MENTOR_MARKERS,
    MENTOR_TRAITS,
    MYSTERY_VILLAIN_KINDS,
    OBJECT_LOOKS,
    OPEN_WORLDS,
    ROBOT_BODIES,
    ROBOT_MARKERS,
    SEA_LOOKS,
    THRESHOLD_LINES,
    TIMES,
    TRADE_GARMENTS,
    VILLAIN_LOOKS,
    VILLAIN_MARKERS,
    WORLD_GARMENTS,
    Biome,
    wear,
)


@dataclass(frozen=True)
class Who:
    """A character's full and short names and pronouns (subject, object, possessive), as the templates use them."""

    full: str
    short: str
    subj: str
    obj: str
    poss: str


_PRONOUNS = {"f": ("she", "her", "her"), "m": ("he", "him", "his"), "n": ("it", "it", "its")}


def _who(full: str, gender: str, short: str | None = None) -> Who:
    subj, obj, poss = _PRONOUNS[gender]
    return Who(full, short or full.split()[-1], subj, obj, poss)


@dataclass
class Companion:
    """A named creature, object or concept in the story, with the phrases its scenes need."""

    thing: Thing
    who: Who
    intro: str  # the appositive that introduces it, "an ancient sea monster with ..."

    @property
    def speaks(self) -> bool:
        """Whether it talks: a creature or a concept does, an object only when the prompt makes it talking or
        magical ("a talking sword", "an enchanted mirror")."""
        return self.thing.kind != "object" or bool(set(self.thing.phrase.split()) & SPEAKING_THINGS)

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
    hero: Who
    hero_trait: str
    hero_look: str
    hero_marker: str
    hero_dress: str  # what the hero wears or has after the role: "in a teal wool coat, with a lucky coin on a chain"
    mentor: Who
    mentor_trait: str
    mentor_marker: str
    villain: Who
    villain_epithet: str  # how the news names the villain: "the tyrant", "the notorious"
    rival: bool  # the villain is the prompt's other person or creature ("a detective hunts a thief", "races a dragon")
    villain_kind: str
    villain_look: str
    villain_marker: str
    villain_dress: str  # after the villain's kind: "in a crimson greatcoat, with rings on every finger", "with scales"
    ally: Who
    ally_trait: str
    ally_job: str
    ally_look: str
    companions: list[Companion]
    bookend: tuple[str, str, str]
    threshold_line: str
    advice: str
    times: dict[str, str]
    mystery: bool
    beast: str | None = None  # the creature the villain is ("a girl challenges a giant"), else None

    @property
    def troops(self) -> str:
        """Whom the villain sends: soldiers, or a creature villain's own kind of followers (a giant's goblins)."""
        if self.beast is None:
            return self.biome.henchmen or "soldiers"
        return CREATURE_FOLLOWERS.get(self.beast, CREATURE_FOLLOWERS["default"])

    @property
    def pursuit(self) -> str:
        """How the villain gives chase: the biome's way (warships, hounds), or a creature villain's followers."""
        if self.beast is None:
            return self.fill(self.biome.pursuit)
        return f"sending {self.villain.poss} {self.troops} after them"

    @property
    def hides(self) -> str:
        """How the hero refuses the call: a person bolts the door; a creature has none to bolt."""
        return "hid away at home" if self.facts.hero_kind == "creature" else "went home and bolted the door"

    @property
    def tucked(self) -> str:
        """How the hero carries a small thing on the road: tucked inside a coat, a robot's chest hatch; a creature
        has no coat."""
        if self.facts.hero_kind == "creature":
            return "held close"
        return f"tucked inside {self.hero.poss} {'chest hatch' if self.hero.subj == 'it' else 'coat'}"

    @property
    def kept(self) -> str:
        """Where the hero keeps a small thing: in a pocket, a robot's chest hatch; a creature has no pocket."""
        if self.facts.hero_kind == "creature":
            return "held tight"
        return f"in {self.hero.poss} {'chest hatch' if self.hero.subj == 'it' else 'pocket'}"

    def speaks(self, c: Companion) -> bool:
        """Whether a companion talks: as its kind says, or an object the prompt says talks ("a mirror that speaks")."""
        return c.speaks or bool(set(self.facts.legend.lower().split()) & SPEAKING_THINGS)

    @property
    def mentor_dressed(self) -> str:
        """The mentor's dress in the story's world: "in his faded teal diving suit, with ..." under the sea, a
        pressure suit on Mars, the coat where the world has no garment of its own."""
        return wear(looks.mentor_dress(self.mentor_marker, self.mentor.poss), self.biome.mentor_garment)

    def gives(self, gift: str) -> str:
        """How the mentor hands the hero a gift: into a person's hands, at a creature's feet."""
        if self.facts.hero_kind == "creature":
            return f"laid {gift} at {self.hero.short}'s feet"
        return f"pressed {gift} into {self.hero.short}'s hands"

    def fill(self, template: str) -> str:
        """A biome phrase with the story's own town, villain and hero pronouns in its `{town}`, `{villain}`,
        `{vposs}`, `{hobj}` and `{hposs}`."""
        return template.format(
            town=self.town,
            villain=self.villain.short,
            vposs=self.villain.poss,
            hobj=self.hero.obj,
            hposs=self.hero.poss,
        )


_SUNKEN = frozenset({"sunken", "drowned", "wrecked"})


def _pick_biome(facts: PromptFacts, prompt: str, rng: random.Random) -> str:
    kind = set((facts.hero_phrase or "").split()) if facts.hero_kind == "creature" else set()
    own_kind = bool(facts.biome) and facts.place in kind  # "a sea serpent guards a bell" names its kind, not a place
    if facts.biome and not own_kind:
        return facts.biome
    if own_kind:  # "a polar bear lost in the desert": a place the prompt puts it in, else where its kind lives
        placed = [s for s in place_scores(re.findall(r"[\w'-]+", prompt.lower())) if s[2] not in kind and s[0] >= 2]
        if placed:
            return max(placed)[3]
    if facts.city:
        return "city"
    if facts.hero_kind == "creature":  # a mermaid, a sea serpent, a polar bear hero: where its kind lives
        hero_biome = HERO_CREATURE_BIOMES.get(facts.hero_noun or "")
        hero_biome = hero_biome or ("undersea" if "sea" in kind else "polar" if "polar" in kind else None)
        if hero_biome:
            return hero_biome
    if facts.biome:  # "a lava monster": its kind is its place
        return facts.biome
    for noun in [facts.hero_noun if facts.hero_kind == "creature" else None, *(t.noun for t in facts.things)]:
        if noun in CREATURE_BIOMES:
            return CREATURE_BIOMES[noun]
    if any(t.noun in VEHICLE_PLACES and set(t.phrase.split()) & _SUNKEN for t in facts.things):
        return "undersea"  # "a diver finds a sunken ship": down where it lies, whoever the hero is
    # "a pirate captain": the captain's trade is a word of the phrase
    role = next((w for w in (facts.hero_noun, *(facts.hero_phrase or "").split()) if w in ROLE_BIOMES), None)
    if role is not None:
        return ROLE_BIOMES[role]
    for thing in facts.things:  # "a submarine crew" is under the sea
        if thing.noun in VEHICLE_PLACES:
            return VEHICLE_PLACES[thing.noun]
    return rng.choice(task_worlds(facts) or OPEN_WORLDS)  # "two friends build a snowman": not on Mars


def _companion(
    thing: Thing, names: NameMaker, town: str, coast: bool, rng: random.Random, coats: list[str]
) -> Companion:
    """Name and describe a creature, object or concept from the prompt so it can be a character."""
    if thing.kind == "concept":
        name = thing.noun.capitalize()
        full = f"the {name}" if thing.noun in ARTICLE_CONCEPTS else name
        look = CONCEPT_DETAILS.get(thing.noun, DEFAULT_CONCEPT)[0]
        who = _who(full, rng.choice("fm"), short=full)
        return Companion(thing, who, f"the embodiment of {thing.noun} itself, {look}")
    if thing.kind == "object":
        if thing.noun in GEMS:
            # A jewel is known by its house: "the Ashcombe Diamond".
            full = f"the {names.surname()} {thing.noun.capitalize()}"
            look = rng.choice(GEM_LOOKS)
            return Companion(thing, _who(full, "n", short=full), f"{a_or_an(thing.phrase)} {thing.phrase} {look}")
        look = rng.choice(OBJECT_LOOKS).format(town=town)
        return Companion(thing, _who(names.thing(), "n"), f"{a_or_an(thing.phrase)} {thing.phrase} {look}")
    big = thing.noun in BIG_CREATURES
    traits = [t for t in (CREATURE_TRAITS_BIG if big else CREATURE_TRAITS_SMALL) if t not in thing.phrase.split()]
    trait = rng.choice(traits)
    look = _coat(rng.choice(_creature_looks(thing.noun, coast)), thing.phrase, thing.noun, coats)  # "a green dragon"
    who = _who(names.creature(), rng.choice("fm"))
    return Companion(thing, who, f"{a_or_an(trait)} {trait} {thing.phrase} with {look}")


def _is_robot(noun: str | None, phrase: str | None) -> bool:
    """A machine in a person's shape: "a droid", and "a robot detective" too (the drawing reads the phrase)."""
    return noun in ROBOTS or bool(phrase and set(phrase.split()) & ROBOTS)


def _first_name(full: str) -> str:
    """How the story calls a named person: 'Captain Ada Reyes' is Ada."""
    words = full.split()
    return next((w for w in words if w.lower() not in TITLES), words[-1])


def _hero(facts: PromptFacts, biome: Biome, names: NameMaker, rng: random.Random) -> tuple[Who, str]:
    role = facts.hero_phrase or rng.choice(biome.hero_roles)
    if _is_robot(facts.hero_noun, facts.hero_phrase):
        return _who(facts.hero_name or names.robot(), "n"), role
    if facts.hero_kind == "creature":  # "a mermaid searches ...": named like a creature, "Brumiith"
        gender = facts.gender or rng.choice("fm")
        short = _first_name(facts.hero_name) if facts.hero_name else None
        return _who(facts.hero_name or names.creature(), gender, short=short), role
    wanted = "f" if facts.hero_noun in FEMALE else "m" if facts.hero_noun in MALE else facts.gender or rng.choice("fm")
    if facts.hero_name:
        return _who(facts.hero_name, wanted, short=_first_name(facts.hero_name)), role
    full, first = names.person(wanted)
    return _who(full, wanted, short=first), role


def _trade(role: str) -> tuple[str, ...] | None:
    """The garments of the trade a role's words name ("ferry pilot": a sailor's), else None."""
    said = set(role.lower().split()) | set(role.lower().replace("-", " ").split())
    return next((garments for trade, garments in TRADE_GARMENTS if said & trade), None)


def _garment(role: str, biome_key: str, drawn: str, colour: str) -> str:
    """What the hero wears for a trade and a world (a chef's whites, a parka on the ice), picked by the place of the
    garment drawn from GARMENTS, so the RNG draws as it always did."""
    pool = _trade(role) or WORLD_GARMENTS.get(biome_key, GARMENTS)
    garment = pool[GARMENTS.index(drawn) % len(pool)]
    return garment.format(colour=colour) if "{colour}" in garment else f"{colour} {garment}"


def _taken(worn: list[list[str]]) -> list[str]:
    return [c for colours in worn for c in colours]


_DOMED_BIOMES = ("mars", "space")


def _home(facts: PromptFacts, biome: Biome) -> tuple[str, str, str, str, str, str]:
    """(home, routine, routine_short, call setting, call event, transformed): a home the prompt names gets its
    flavour, the prompt's everyday verb becomes the routine, and a place the prompt puts the story in (Mars, a
    train) keeps its own call to adventure."""
    home, routine, routine_short = biome.home, biome.routine, biome.routine_short
    if facts.hero_kind == "creature" and facts.hero_noun not in HOMELY:  # a mermaid does not live on the quay
        home, routine, routine_short = (text.replace("{wild}", biome.wild) for text in CREATURE_HOME)
        home = biome.creature_home or home
    if facts.hero_kind == "creature" and biome.creature_routine:
        routine, routine_short = biome.creature_routine, biome.creature_routine_short
    craft = CRAFTS.get(CRAFT_OF.get(facts.hero_noun or "", ""), {})  # a chef cooks in a kitchen, on any journey
    home = craft.get("workplace", home)
    routine, routine_short = craft.get("routine", routine), craft.get("routine_short", routine_short)
    call_setting, call_event, transformed = biome.call_setting, biome.call_event, biome.transformed
    flavour = HOME_FLAVOURS.get(facts.place or "")
    if flavour:
        home, routine, routine_short, setting, event, transformed = flavour
        if facts.biome in _DOMED_BIOMES and facts.place in DOMED_HOMES:
            home = DOMED_HOMES[facts.place]  # a garden on Mars grows under the dome, and the drawing shows plants
        if facts.biome in (None, PLACE_BIOMES.get(facts.place or "")):
            call_setting, call_event = setting, event
    elif facts.place_phrase:  # "a castle on the moon": not at the edge of a space station
        home = f"the {facts.place_phrase}, {'far above' if facts.biome == 'space' else 'near'} {{town}}"
    elif facts.place and facts.place not in BIOME_WORDS | OWN_PLACES:  # a circus has its own biome's home
        home = f"the {facts.place} at the edge of {{town}}"
    if facts.routine:
        routine = f"{facts.routine} and {routine.split(' and ')[-1]}"
        routine_short = f"{facts.routine} every day"
    return home, routine, routine_short, call_setting, call_event, transformed


def _as_told(look: str, marker: str, told: Attire | None, colour: str | None, fixed: list[str]) -> tuple[str, str]:
    """A person's look and marker as the prompt tells them: its garment ("red coat") or its colour alone ("in black":
    the drawn look in black) over the drawn look, what they are with ("a white beard") over the drawn marker. A look
    the prompt does not colour keeps its drawn `colour` unless it reads as one of the `fixed` colours of the prompt's
    other people (then the next garment colour apart)."""
    if told is not None and told.garment and told.garment != told.colour:
        # a garment of no colour ("a tweed coat") in the drawn one, so that the people are still told apart
        plain = told.colour or not colour or told.garment.split()[-1] in UNCOLOURED
        look = told.garment if plain or colour is None else f"{looks.unlike(colour, fixed)} {told.garment}"
    elif told is not None and told.colour:
        said = next(iter(looks.colours_in(look)), None)
        look = look.replace(said, told.colour, 1) if said else f"{told.colour} {look}"
    elif colour and fixed and colour in look:
        look = look.replace(colour, looks.unlike(colour, fixed), 1)
    if told is not None and told.features:
        marker = " and ".join(told.features)
    return look, marker


def _garment_told(told: Attire | None) -> bool:
    """Whether the prompt named the garment itself ("in black armour"), not a colour alone ("in black")."""
    return told is not None and told.garment is not None and told.garment != told.colour


def plan_story(prompt: str) -> Plan:
    """Draw every choice for `prompt`'s story from a RNG seeded by the prompt, in a fixed order."""
    rng = random.Random(int.from_bytes(hashlib.sha256(prompt.encode()).digest()[:8], "big"))
    facts = read_prompt(prompt)
    biome_key = _pick_biome(facts, prompt, rng)
    biome = BIOMES[biome_key]
    sea = biome_key in ("coast", "undersea")  # a creature of the sea has sea-green scales
    names = NameMaker(biome_key, rng)
    names.used.update(
        w for name in [facts.hero_name or "", *facts.names.values(), *facts.spare_names] for w in name.split()
    )
    town = rng.choice(biome.towns)
    town = facts.city or town
    names.used.update(town.split())
    home, routine, routine_short, call_setting, call_event, transformed = _home(facts, biome)
    vehicle = facts.vehicle or "night train"
    hero, role = _hero(facts, biome, names, rng)
    mentor_full, mentor_short, mentor_gender = names.titled("mentor")
    mentor = _who(mentor_full, mentor_gender, short=mentor_short)
    # The prompt's other people: a rival when the prompt is a conflict, else the hero's ally.
    others = list(facts.others)
    spare = list(facts.spare_names)  # people the prompt names without a noun: the rival in a conflict, else allies
    if not others and spare and facts.hostile:
        others.append(Thing("hero", "rival", "rival"))
        facts.names.setdefault("rival", spare.pop(0))
    # In a competition the other of the hero's own kind is the rival ("two knights joust"), hostile words or not.
    contender = bool(others and facts.contest and others[0].noun == facts.hero_noun)
    opposed = bool(others and facts.opponent == others[0])  # "a girl challenges her brother", hostile words or not
    beast = facts.opponent if facts.opponent is not None and facts.opponent.kind == "creature" else None
    # A creature foe is the conflict ("a knight, a princess and a wizard fight a dragon"): the people are allies.
    hostile = facts.hostile and beast is None
    rival = others.pop(0) if others and (hostile or contender or opposed) else None
    if rival is not None and _is_robot(rival.noun, rival.phrase):  # "a boy races a robot": named like one
        villain_full = villain_short = facts.names.get(rival.noun) or names.robot()
        villain_gender = "n"
    elif rival is not None:
        villain_gender = noun_sex(rival.noun) or rng.choice("fm")  # "an evil sorcerer" is a he
        given = facts.names.get(rival.noun)
        villain_full = given or names.person(villain_gender)[0]
        villain_short = villain_full.split()[-1]
    elif beast is not None:  # "a unicorn races a dragon": the dragon is the rival, named like a creature
        villain_gender = rng.choice("fm")
        villain_full = facts.names.get(beast.noun) or names.creature()
        villain_short = villain_full.split()[-1]
    else:
        villain_full, villain_short, villain_gender = names.titled("villain")
    villain = _who(villain_full, villain_gender, short=villain_short)
    ally_gender = rng.choice("fm")  # unless the noun says which: "a princess", "his grandfather", "a wizard"
    ally_gender = (noun_sex(others[0].noun) if others else None) or ally_gender
    ally_given = facts.names.get(others[0].noun) if others else None
    ally_given = ally_given or (spare.pop(0) if spare else None)
    ally_full, ally_first = (ally_given, _first_name(ally_given)) if ally_given else names.person(ally_gender)
    if others and _is_robot(
        others[0].noun, others[0].phrase
    ):  # "a boy and his robot": the ally is a robot, named like one
        ally_full = ally_first = ally_given or names.robot()
        ally_gender = "n"
    ally = _who(ally_full, ally_gender, short=ally_first)
    companions = []
    # The colours the story's creatures wear, each apart from those before; a creature hero's own first (a frog
    # hero green, the turtle beside it brown), though its look is drawn after its companions'.
    own = _NATURAL.get(facts.hero_noun or "", ()) if facts.hero_kind == "creature" else ()
    hero_coat: list[str] = list(own[:1]) if not looks.colours_in(facts.hero_phrase or "") else []
    coats = list(hero_coat)
    for thing in facts.things:
        companion = _companion(thing, names, town, sea, rng, coats)
        given = facts.names.get(thing.noun)
        if given and thing.kind != "concept":  # "her dog Biscuit": the prompt's name, the writer's description
            gender = companion.who.subj
            companion.who = _who(given, "n" if gender == "it" else "f" if gender == "she" else "m")
        companions.append(companion)
    times = {stage: rng.choice(phrases) for stage, phrases in TIMES.items()}
    villain_kind, villain_epithet = rng.choice(biome.villain_kinds), "the tyrant"
    if facts.mystery:
        villain_kind, villain_epithet = rng.choice(MYSTERY_VILLAIN_KINDS), "the famous"
    if rival is not None:
        villain_kind, villain_epithet = f"ruthless {rival.phrase.replace('other ', 'rival ', 1)}", "the notorious"
    elif beast is not None:
        villain_kind, villain_epithet = f"ruthless {beast.phrase}", "the notorious"
    # "Queen Freyis Coldpeak, an iron-fisted lady of the high passes", not a lord; a he is no "sea witch".
    villain_kind = titled_for(villain_kind, villain.subj)
    ally_job = others[0].phrase.replace("other ", "fellow ", 1) if others else rng.choice(biome.ally_jobs)
    hero_trait = rng.choice([t for t in HERO_TRAITS if t not in role.split()])
    colour = rng.choice(GARMENT_COLOURS)
    hero_look = _garment(role, biome_key, rng.choice(GARMENTS), colour)
    robot = _is_robot(facts.hero_noun, facts.hero_phrase)
    if robot:
        colour = rng.choice(GARMENT_COLOURS)
        hero_look = f"{colour} {rng.choice(ROBOT_BODIES)}"
    hero_marker = rng.choice(ROBOT_MARKERS if robot else HERO_MARKERS).format(poss=hero.poss)
    hero_dress = f"in {a_or_an(hero_look)} {hero_look}, with {hero_marker}"
    # What the prompt says its people wear ("a girl in a red coat") wins; a colour it gives is fixed (attire.py).
    told = {} if facts.language else read_attire(short_sentence(prompt), [facts.hero_name or ""])
    ally_noun = next((o.noun for o in others if o.noun != facts.hero_noun), None)  # others[0] once the rival left
    rival_told = told.get(rival.noun) if rival is not None and rival.noun != facts.hero_noun else None
    ally_told = told.get(ally_noun or "")
    fixed = [a.colour for a in (rival_told, ally_told) if a is not None and a.colour]
    hero_told = told.get(facts.hero_noun or "") or told.get(facts.hero_name or "")
    if not robot and (hero_told is not None or fixed):
        hero_look, hero_marker = _as_told(hero_look, hero_marker, hero_told, colour, fixed)
        hero_dress = f"{dressed_in(hero_look, _garment_told(hero_told))}, with {hero_marker}"
    # Each person's colours as the story tells them, the hero first: the role's own too ("a red knight").
    worn = [looks.colours_in(f"{role} {hero_look}")]
    if facts.hero_kind == "creature":  # a creature hero wears its scales or fur, and no scar across an eyebrow
        covering = _covering(facts.hero_noun)
        drawn = rng.choice(CREATURE_LOOKS[covering] + (SEA_LOOKS if sea and covering == "scaled" else ()))
        hero_look = _coat(drawn, role, facts.hero_noun, [c for c in coats if c not in hero_coat])
        coats.extend(looks.colours_in(hero_look)[:1])
        hero_marker = rng.choice(_creature_markers(facts.hero_noun)).format(poss=hero.poss)
        hero_dress = f"with {hero_look}, {hero_marker}"
        worn = [[]]
    # Drawn in the order the plan always drew them, so a story without a creature rival stays the same.
    mentor_trait, mentor_marker = rng.choice(MENTOR_TRAITS), rng.choice(MENTOR_MARKERS)
    if beast is not None:  # a creature rival wears its scales or fur, not a greatcoat
        villain_look = _coat(rng.choice(_creature_looks(beast.noun, sea)), beast.phrase, beast.noun, coats)
        villain_marker = rng.choice(VILLAIN_MARKERS).format(poss=villain.poss)  # drawn, though scales say enough
        villain_dress = f"with {villain_look}"
    else:  # in a colour apart from the hero's; every person after in colours apart from those before (looks.py)
        villain_look = looks.villain_look(rng.choice(VILLAIN_LOOKS), worn[0])
        villain_marker = rng.choice(VILLAIN_MARKERS).format(poss=villain.poss)
        villain_dress = f"in {a_or_an(villain_look)} {villain_look}, with {villain_marker}"
        if rival_told is not None:  # "... fights a witch in a black cloak"
            villain_look, villain_marker = _as_told(villain_look, villain_marker, rival_told, None, [])
            villain_dress = f"{dressed_in(villain_look, _garment_told(rival_told))}, with {villain_marker}"
        worn.append(looks.colours_in(f"{villain_kind} {villain_look}"))
    ally_trait, ally_look = rng.choice(ALLY_TRAITS), rng.choice(ALLY_LOOKS)
    ally_look = looks.ally_look(_trade(ally_job), ally_look, ALLY_LOOKS.index(ally_look), _taken(worn), ally.full)
    if ally_told is not None and ally.subj != "it":  # "a baker and a sailor in a blue coat"
        given = dressed_in(ally_told.garment)[3:] if ally_told.garment else ally_look
        ally_look = ", with ".join([given, " and ".join(ally_told.features)]) if ally_told.features else given
    worn.append(looks.colours_in(f"{ally_job} {ally_look}"))
    mentor_marker = looks.mentor_marker(mentor_marker, mentor.full, _taken(worn))
    if facts.pack > 1 and facts.hunt is None and facts.hero_kind == "creature":  # "three little pigs": all three
        kin = (facts.hero_noun or "", role, facts.pack)
        hero_dress += kin_dress(*kin, (hero.obj, hero.poss), names, sea, rng, coats)
    return Plan(
        facts=facts,
        biome=biome,
        town=town,
        home=home.format(town=town, vehicle=vehicle),
        routine=routine,
        routine_short=routine_short,
        call_setting=call_setting.replace("night train", vehicle),
        call_event=call_event.format(town=town),
        transformed=transformed,
        role=role,
        hero=hero,
        hero_trait=hero_trait,
        hero_look=hero_look,
        hero_marker=hero_marker,
        hero_dress=hero_dress,
        mentor=mentor,
        mentor_trait=mentor_trait,
        mentor_marker=mentor_marker,
        villain=villain,
        villain_epithet=villain_epithet,
        rival=rival is not None or beast is not None,
        villain_kind=villain_kind,
        villain_look=villain_look,
        villain_marker=villain_marker,
        villain_dress=villain_dress,
        ally=ally,
        ally_trait=ally_trait,
        ally_job=ally_job,
        ally_look=ally_look,
        companions=companions,
        bookend=rng.choice(BOOKEND_LINES),
        threshold_line=rng.choice(THRESHOLD_LINES),
        advice=rng.choice(ADVICE_LINES),
        times=times,
        mystery=facts.mystery,
        beast=beast.noun if beast is not None else None,
    )
