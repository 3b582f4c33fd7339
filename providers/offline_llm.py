"""A deterministic, offline storyteller: no key, no network, and the same prompt always gives the same story.

`write_story` builds a hero's-journey story out of the prompt's own words (its hero, creature, object, concept and
place), choosing names, places and phrasing with a RNG seeded by the prompt. `extract_characters` and
`generate_panels` do not remember what was generated: they parse whatever text they are given, because a user may
have edited the story. They rely on plain-text cues: capitalised names, appositives ("Grendlow, an ancient sea
monster"), quote attributions ("said Mira") and cue words near each mention.
"""

from __future__ import annotations

import asyncio
import bisect
import colorsys
import hashlib
import heapq
import itertools
import json
import random
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

from domain.character import CharacterRole, CharacterType
from domain.drafts import CharacterProfile, PanelDraft, TokenUsage
from domain.names import slugify
from providers.errors import ProviderError
from providers.llm import Extraction, OnDelta, StoryResult
from providers.prompts import CHARACTERS_SYSTEM_PROMPT, PANELS_SYSTEM_PROMPT, STORY_SYSTEM_PROMPT

_RSQUO = "\u2019"  # the typographic apostrophe, as in "Vask\u2019s"
_APOSTROPHES = "'" + _RSQUO

# ---------------------------------------------------------------------------------------------------------------------
# Shared vocabulary: the same cue words steer both the writer and the parsers, so a generated story round-trips.
# ---------------------------------------------------------------------------------------------------------------------

_HUMANOIDS = frozenset(
    "keeper girl boy child kid woman man lady knight princess prince king queen witch wizard baker thief pirate sailor "
    "farmer librarian detective robot android soldier scientist inventor painter musician student orphan captain "
    "hunter blacksmith smith healer monk nun astronaut engineer pilot fisherman fisher shepherd merchant explorer "
    "mapmaker cartographer teacher doctor nurse chef cook poet writer clockmaker tailor gardener miner ranger archer "
    "warrior samurai courier messenger apprentice mechanic grandmother grandfather mother father daughter son sister "
    "brother widow traveller traveler wanderer stranger hero heroine emperor empress mayor janitor diver climber "
    "dancer singer person teenager woodcutter lumberjack postman bard scribe squire peasant miller weaver potter "
    "carpenter sheriff outlaw cowboy cowgirl spy magician alchemist sorcerer sorceress druid elf dwarf "
    "warlord tyrant pilot smuggler mender herder goatherd clerk navigator loader forester gatherer carrier reader "
    "maker lamplighter scout trader poacher tinker burner guide master".split()
)
_FEMALE = frozenset(
    "girl woman lady princess queen witch mother grandmother daughter sister widow heroine nun sorceress empress "
    "cowgirl".split()
)
_MALE = frozenset("boy man prince king father grandfather son brother emperor cowboy fisherman postman monk".split())
_CREATURES = frozenset(
    "monster dragon serpent beast wolf bird creature kraken whale fox cat dog bear griffin gryphon phoenix unicorn "
    "troll spider owl raven crow horse tiger lion octopus squid turtle tortoise fish shark dolphin seal otter rabbit "
    "hare deer stag giant ogre goblin fairy sprite mermaid yeti golem wyrm leviathan hound beetle moth butterfly frog "
    "toad snake eagle hawk falcon crab jellyfish dinosaur mammoth elephant mouse rat squirrel badger hedgehog monkey "
    "ape gorilla alien ghost vampire werewolf kitten puppy pony goat sheep pig hen chicken duck goose swan bat "
    "camel scorpion pigeon".split()
)
_FEATHERED = frozenset(
    "bird owl raven crow eagle hawk falcon phoenix griffin gryphon swan goose duck hen chicken pigeon".split()
)
_FURRED = frozenset(
    "wolf fox bear cat dog hound rabbit hare deer stag badger hedgehog otter seal mouse rat squirrel monkey ape "
    "gorilla yeti lion tiger goat sheep pony horse kitten puppy werewolf mammoth camel".split()
)
_BIG_CREATURES = frozenset(
    "monster dragon serpent beast kraken whale bear griffin gryphon troll giant ogre yeti golem wyrm leviathan "
    "dinosaur mammoth elephant octopus squid creature".split()
)
_OBJECTS = frozenset(
    "sword lantern compass ship key map book clock watch crown mirror ring amulet harp violin lamp staff shield bell "
    "boat airship telescope spyglass locket umbrella kite wand hat shoe boot box chest stone gem jewel pearl orb pen "
    "brush paintbrush camera radio car train bicycle typewriter piano drum flute guitar teapot doll puppet toy "
    "balloon coin scroll seed candle mask hammer axe spear bow necklace bracelet statue bottle jar egg whistle horn "
    "chart".split()
)
_BIG_OBJECTS = frozenset("ship boat airship car train piano statue".split())
_CONCEPTS = frozenset(
    "time fear storm dream death winter summer spring autumn night hope memory sleep silence darkness shadow wind "
    "fate chaos luck love war sorrow grief joy".split()
)
# Concepts that read naturally with an article when personified ("the Storm", but plain "Time").
_ARTICLE_CONCEPTS = frozenset("storm wind night".split())

_PLACE_BIOMES = {
    **dict.fromkeys("lighthouse sea ocean harbor harbour port island beach shore coast reef bay".split(), "coast"),
    **dict.fromkeys("forest woods jungle swamp village farm garden meadow river".split(), "forest"),
    **dict.fromkeys("mountain mountains peak castle kingdom valley glacier cave".split(), "mountain"),
    **dict.fromkeys("city town street library school museum bakery factory tower market subway".split(), "city"),
    **dict.fromkeys("desert dune dunes oasis pyramid".split(), "desert"),
    **dict.fromkeys(
        "space moon mars planet star stars galaxy station spaceship rocket asteroid orbit".split(), "space"
    ),
}
# Places that *are* a whole biome: the hero lives somewhere in them rather than in them as a building.
_BIOME_WORDS = frozenset(
    "sea ocean coast shore forest woods jungle city town desert dunes space mountain mountains galaxy planet stars "
    "star moon mars orbit station".split()
)
_ROLE_BIOMES = {
    **dict.fromkeys("pirate sailor fisherman fisher diver keeper smuggler".split(), "coast"),
    **dict.fromkeys("farmer woodcutter lumberjack ranger hunter witch druid elf gardener".split(), "forest"),
    **dict.fromkeys("knight king queen prince princess shepherd miner climber monk dwarf squire".split(), "mountain"),
    **dict.fromkeys(
        "librarian detective baker student inventor painter musician courier thief clockmaker robot mechanic spy "
        "teacher doctor".split(),
        "city",
    ),
    **dict.fromkeys("merchant explorer".split(), "desert"),
    **dict.fromkeys("astronaut pilot engineer android scientist".split(), "space"),
}
_CREATURE_BIOMES = {
    **dict.fromkeys(
        "serpent kraken whale octopus squid shark dolphin seal otter turtle mermaid crab jellyfish fish".split(),
        "coast",
    ),
    **dict.fromkeys(
        "wolf fox bear deer stag owl rabbit hare badger hedgehog fairy sprite frog toad spider moth".split(), "forest"
    ),
    **dict.fromkeys("dragon griffin gryphon eagle yeti giant troll goat golem ogre".split(), "mountain"),
    **dict.fromkeys("rat mouse cat dog pigeon crow raven".split(), "city"),
    **dict.fromkeys("snake lion camel scorpion phoenix beetle".split(), "desert"),
    **dict.fromkeys("alien".split(), "space"),
}
_HOSTILE_VERBS = frozenset(
    "fight fights battle battles hunt hunts slay slays defeat defeats kill kills escape escapes flee flees fear fears "
    "destroy destroys chase chases trap traps outwit outwits".split()
)
_DETERMINERS = frozenset("a an the one some two three my his her their our your this that these those every".split())
_PREPOSITIONS = frozenset(
    "in on at of to from with without by for into onto over under above below beyond across through after before "
    "near inside outside behind between among".split()
)
_MODALS = frozenset("must will can should would could might may shall".split())
_NOT_MODIFIERS = frozenset("last first only lost".split())
_NOT_MODIFIER_WORDS = frozenset("and or who that is are its his her".split())

# Colour words the writer uses and the extractor maps back to hex.
_COLOURS = {
    "crimson": "#dc143c",
    "scarlet": "#ff2400",
    "red": "#c0392b",
    "rose": "#e75480",
    "pink": "#f4a7b9",
    "orange": "#e67e22",
    "amber": "#ffbf00",
    "ochre": "#cc7722",
    "gold": "#d4af37",
    "golden": "#d4af37",
    "yellow": "#f1c40f",
    "brass": "#b5a642",
    "bronze": "#cd7f32",
    "copper": "#b87333",
    "green": "#2e8b57",
    "emerald": "#50c878",
    "teal": "#008080",
    "turquoise": "#40e0d0",
    "blue": "#1f4e9c",
    "navy": "#1b2a49",
    "indigo": "#4b0082",
    "violet": "#8f5ab5",
    "purple": "#6a0dad",
    "brown": "#7b4a2a",
    "black": "#1a1a1a",
    "white": "#f5f5f5",
    "ivory": "#fffff0",
    "silver": "#c0c0c0",
    "grey": "#808080",
    "gray": "#808080",
}

# ---------------------------------------------------------------------------------------------------------------------
# Writer: pools of names, places and phrasing.
# ---------------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Biome:
    """Everything place-specific the story templates need; `{town}`, `{villain}`, `{vposs}`, `{hobj}` are filled."""

    towns: tuple[str, ...]
    home: str
    routine: str
    routine_short: str
    confidant: str
    wild: str
    emerge: str
    find_place: str
    call_setting: str
    call_event: str
    weapon: str
    market: str
    mentor_place: str
    mentor_job: str
    mentor_prop: str
    threshold: str
    crossing: str
    trials: str
    deeds: str
    ally_jobs: tuple[str, ...]
    route: str
    lair: str
    lair_noun: str
    road: str
    pursuit: str
    weather: str
    ally_escape: str
    villain_fate: str
    creature_move: str
    creature_strike: str
    gift: str
    gift_use: str
    transformed: str
    hero_roles: tuple[str, ...]
    messenger: str


_BIOMES: dict[str, _Biome] = {
    "coast": _Biome(
        towns=("Gullhaven", "Saltmere", "Wrackport"),
        home="a crooked cottage on the harbour wall of {town}",
        routine="walked the harbour wall at dusk, mended what the tide had broken and counted the fishing boats home",
        routine_short="counted the fishing boats home each evening",
        confidant="the gulls",
        wild="the deep",
        emerge="rose out of the black water",
        find_place="tangled in the kelp at the tide line",
        call_setting="on the end of the harbour wall",
        call_event="a fog rolled in so thick that even the gulls fell silent",
        weapon="a boathook",
        market="down in the fish market on the quay of {town}",
        mentor_place="in the net-loft behind the harbour chandlery",
        mentor_job="retired harbour pilot",
        mentor_prop="with a kettle already singing on the stove",
        threshold="at the reef where the charted sea ends",
        crossing="rowed out past the last buoy",
        trials="among the drowned bell-towers beyond the reef",
        deeds="outran the hunting boats and slipped through a maze of rusted anchor chains",
        ally_jobs=("smuggler", "ferry pilot", "salvage diver"),
        route="current",
        lair="in {villain}'s iron fortress on the black shoals",
        lair_noun="fortress",
        road="across the storm-churned strait",
        pursuit="sending {vposs} last warship after them",
        weather="rain as thick as wool",
        ally_escape="took the tiller and steered through gaps no chart had ever shown",
        villain_fate="clinging to a broken mast, shouting at the sea",
        creature_move="gliding beneath the boat like a moving island",
        creature_strike="dived and rose beneath the warship's keel",
        gift="a whistle carved from whalebone",
        gift_use="blew the whalebone whistle, and every gull on the coast came screaming out of the dark",
        transformed="the harbour was full of boats and music again",
        hero_roles=("net-mender", "harbour clerk", "young fisher"),
        messenger="A fishing boat limped into the harbour of {town}",
    ),
    "forest": _Biome(
        towns=("Thornwick", "Elderholt", "Mossford"),
        home="a mossy cottage at the edge of {town}",
        routine="gathered kindling, mended the footbridges and listened to the owls argue at dusk",
        routine_short="mended the footbridges each morning",
        confidant="the owls",
        wild="the old wood",
        emerge="stepped out from between the trees",
        find_place="under the roots of a lightning-split oak",
        call_setting="at the edge of the wood",
        call_event="every bird in the forest fell silent at once",
        weapon="a woodcutter's axe",
        market="on the village green of {town}",
        mentor_place="inside the hollow oak at the heart of the wood",
        mentor_job="hedge-witch who had outlived three kings",
        mentor_prop="beside a fire that burned without smoke",
        threshold="at the black stream where the known paths end",
        crossing="waded across the black stream",
        trials="in the thorn maze beyond the stream",
        deeds="escaped the snapping briars and answered the riddles of a hungry fog",
        ally_jobs=("poacher", "tinker", "charcoal burner"),
        route="path",
        lair="in {villain}'s timber keep in the burned clearing",
        lair_noun="keep",
        road="through the flooded valley",
        pursuit="sending {vposs} hounds baying after them",
        weather="a wind that stripped the leaves from the trees",
        ally_escape="led them along a deer track no hound could follow",
        villain_fate="tangled in {vposs} own snares, shouting at the trees",
        creature_move="padding silently at {hposs} side",
        creature_strike="stood so fiercely in the path that the hounds fled whimpering",
        gift="a seed that glowed like an ember",
        gift_use="threw down the glowing seed, and a wall of thorns burst up between them and the soldiers",
        transformed="the wood was loud with birdsong again",
        hero_roles=("woodcutter", "herb gatherer", "young forester"),
        messenger="A rider in a torn cloak galloped into {town}",
    ),
    "mountain": _Biome(
        towns=("Highcairn", "Stonereach", "Frostmere"),
        home="a stone hut below the high pass above {town}",
        routine="walked the high pass at dawn, swept the snow from the ledges and lit the beacon fire at dusk",
        routine_short="lit the beacon fire each dusk",
        confidant="the goats",
        wild="the high crags",
        emerge="unfolded from the cliff face",
        find_place="frozen into the ice of a glacier cave",
        call_setting="on the ledge outside the hut",
        call_event="the beacon fire blew out, though there was no wind",
        weapon="an ice axe",
        market="in the crowded inn at {town}",
        mentor_place="in the ruined observatory on the eastern ridge",
        mentor_job="retired mountain guide",
        mentor_prop="with a pot of pine-needle tea",
        threshold="at the rope bridge over the bottomless gorge",
        crossing="crossed the swaying rope bridge",
        trials="in the ice caves under the glacier",
        deeds="climbed a frozen waterfall and outwitted a rockslide",
        ally_jobs=("goat-thief", "mapmaker", "avalanche scout"),
        route="ledge",
        lair="in {villain}'s fortress on the summit",
        lair_noun="fortress",
        road="down the avalanche slopes",
        pursuit="sending {vposs} riders thundering after them",
        weather="snow that fell sideways",
        ally_escape="found a hidden chimney in the rock",
        villain_fate="sliding down the mountain on {vposs} own shield",
        creature_move="climbing the rocks beside {hobj}",
        creature_strike="shook the slope until the snow came down between them and the riders",
        gift="an old horn bound in copper",
        gift_use="blew the copper-bound horn, and the whole mountain answered with a roar of falling snow",
        transformed="the pass was busy with travellers again",
        hero_roles=("goatherd", "beacon keeper", "young shepherd"),
        messenger="A climber stumbled down from the pass into {town}",
    ),
    "city": _Biome(
        towns=("Brassmoor", "Lanternhall", "Greyspire"),
        home="a narrow attic above the rooftops of {town}",
        routine="ran errands through the alleys, fed the pigeons on the roof and watched the trams go by at dusk",
        routine_short="fed the pigeons on the roof each morning",
        confidant="the pigeons",
        wild="the tunnels under the city",
        emerge="climbed out of a storm drain",
        find_place="at the back of a junk stall in the night market",
        call_setting="on the rooftop above the attic",
        call_event="every streetlamp in {town} flickered and died",
        weapon="a broom",
        market="in the crowded night market of {town}",
        mentor_place="in the clock-repair shop on a crooked lane",
        mentor_job="retired clockmaker",
        mentor_prop="among a hundred ticking clocks",
        threshold="at the rusted gates of the sealed-off old quarter",
        crossing="slipped through the rusted gates",
        trials="in the flooded subway tunnels beneath the old quarter",
        deeds="dodged the searchlights of the city watch and crossed a canyon of broken rooftops",
        ally_jobs=("pickpocket", "lamplighter", "bicycle courier"),
        route="alley",
        lair="in {villain}'s glass tower above the river",
        lair_noun="tower",
        road="over the rain-slick rooftops",
        pursuit="sending {vposs} watchmen after them",
        weather="rain that turned the streets to rivers",
        ally_escape="knew a shortcut through a laundry and out along the washing lines",
        villain_fate="dangling from the minute hand of the cathedral clock",
        creature_move="slinking through the shadows beside {hobj}",
        creature_strike="knocked the watchmen's lanterns into the canal",
        gift="a pocket watch that ran backwards",
        gift_use="wound the backwards watch, and for three heartbeats the whole tower stood still",
        transformed="the streetlamps burned bright and the night market sang again",
        hero_roles=("bicycle courier", "apprentice clockmaker", "lamplighter"),
        messenger="A breathless messenger ran through the streets of {town}",
    ),
    "desert": _Biome(
        towns=("Sunwell", "Dunehollow", "Qadira"),
        home="a domed house beside the last well of {town}",
        routine="drew water before the heat, patched the canvas awnings and read the stars at night",
        routine_short="read the stars from the roof each night",
        confidant="the lizard on the windowsill",
        wild="the deep dunes",
        emerge="rose out of the shifting sand",
        find_place="half-buried beside a fallen obelisk",
        call_setting="beside the last well",
        call_event="the old well began to sing",
        weapon="a tent pole",
        market="in the spice market of {town}",
        mentor_place="in the star-tower at the edge of the oasis",
        mentor_job="retired caravan master",
        mentor_prop="with two cups of cardamom coffee",
        threshold="at the ruined gate where the caravan road ends",
        crossing="rode out through the ruined gate",
        trials="in the canyon of singing stones",
        deeds="survived a sandstorm and found water where there was none",
        ally_jobs=("caravan scout", "water-thief", "camel trader"),
        route="dune",
        lair="in {villain}'s sun-bleached citadel",
        lair_noun="citadel",
        road="across the endless salt flats",
        pursuit="sending {vposs} riders after them",
        weather="a sandstorm that swallowed the sun",
        ally_escape="led them into a dry riverbed the riders never saw",
        villain_fate="chasing a mirage into the salt flats",
        creature_move="striding across the dunes beside {hobj}",
        creature_strike="lashed the sand into a wall between them and the riders",
        gift="a mirror of polished bronze",
        gift_use="tilted the bronze mirror, and a blade of sunrise struck {villain} full in the eyes",
        transformed="the well was sweet and the spice market was crowded again",
        hero_roles=("water-carrier", "young star-reader", "tent-maker"),
        messenger="A lone camel rider staggered into {town}",
    ),
    "space": _Biome(
        towns=("Meridian Station", "Tycho Station", "Vesta Station"),
        home="a cramped repair bay on the outer ring of {town}",
        routine="patched hull plates, sorted spare parts and watched the freighters dock",
        routine_short="watched the freighters dock each shift",
        confidant="the ship's cat",
        wild="the dark between the stars",
        emerge="drifted out of the dark beyond the viewport",
        find_place="sealed inside a crate of salvage from a dead freighter",
        call_setting="in the observation dome",
        call_event="the station lights dimmed to red",
        weapon="a plasma wrench",
        market="in the crowded cargo bay of {town}",
        mentor_place="on the old navigation deck",
        mentor_job="retired starship navigator",
        mentor_prop="with two mugs of recycled tea",
        threshold="at the last beacon before deep space",
        crossing="steered a battered shuttle past the last beacon",
        trials="in the asteroid field beyond the beacon",
        deeds="outflew the patrol drones and patched a hull breach with a boot and a prayer",
        ally_jobs=("salvage pilot", "cargo smuggler", "mechanic"),
        route="jump lane",
        lair="aboard {villain}'s black flagship",
        lair_noun="flagship",
        road="through the tumbling asteroid field",
        pursuit="sending {vposs} fighter drones after them",
        weather="a storm of ice and stones",
        ally_escape="flew them through a gap no wider than a door",
        villain_fate="drifting away in an escape pod, still shouting orders",
        creature_move="swimming through the dark beside the shuttle",
        creature_strike="wrapped the drones in a cloud of glittering dust",
        gift="an old star chart that rewrote itself",
        gift_use="unrolled the star chart, and it showed a way out that had not been there a moment before",
        transformed="the station hummed with traders and music again",
        hero_roles=("station mechanic", "junior navigator", "cargo loader"),
        messenger="A battered courier ship docked at {town}",
    ),
}

# Homes that deserve their own flavour when the prompt names them: (home, routine, routine_short, call setting,
# call event, transformed).
_HOME_FLAVOURS: dict[str, tuple[str, str, str, str, str, str]] = {
    "lighthouse": (
        "the lighthouse on the black rocks above {town}",
        "climbed the hundred and twelve steps to the lamp room, trimmed the great wick and counted the fishing boats "
        "home",
        "climbed the hundred and twelve steps each evening",
        "on the gallery of the lighthouse",
        "the great lamp guttered and went out",
        "the great lamp burned brighter than it ever had",
    ),
    "library": (
        "the crooked old library at the top of {town}",
        "dusted the shelves, mended torn spines and read by candlelight long after closing",
        "mended torn spines each morning",
        "between the tallest shelves of the library",
        "every candle in the library blew out at once",
        "the library was full of readers again",
    ),
}


def _gendered(spec: str) -> tuple[tuple[str, str], ...]:
    """Parse 'Mira:f, Tomas:m' into (name, pronoun key) pairs."""
    return tuple((name.strip(), gender) for name, gender in (item.split(":") for item in spec.split(",")))


_HERO_NAMES = _gendered(
    "Mira:f, Ada:f, Liesel:f, Noor:f, Wren:f, Tamsin:f, Rosalind:f, Esme:f, Tomas:m, Orin:m, Kaito:m, "
    "Ezra:m, Idris:m, Bram:m, Felix:m, Lucan:m"
)
_SURNAMES = ("Quill", "Thorne", "Ashdown", "Fairweather", "Holloway", "Penhallow", "Larkspur", "Tindall", "Rook")
_MENTORS = _gendered(
    "Old Hesper:f, Grandmother Ilse:f, Captain Ora:f, Aunt Delphine:f, Brother Anselm:m, Master Corvin:m, "
    "Doctor Emrys:m, Old Tobiah:m"
)
_VILLAINS = _gendered(
    "Lord Vask:m, Magistrate Kell:m, Duke Ravenholt:m, Count Malachar:m, Baroness Morrow:f, "
    "Lady Severine:f, General Graul:m"
)
_ALLIES = _gendered(
    "Pell Marrow:f, Juno Skeet:f, Cass Tennant:f, Yara Solent:f, Rafferty Vane:m, Dov Hartley:m, Finch Aldous:m"
)
_CREATURE_NAMES = ("Grendlow", "Thessaly", "Brumm", "Oolu", "Skerra", "Mossback", "Ember", "Fathom", "Halloran")
_OBJECT_NAMES = ("Lumen", "Northwake", "Brightwater", "Tally", "Whisperwick", "Morrowglass", "Kindle", "Ironvow")

_HERO_TRAITS = ("stubborn", "curious", "quiet", "restless", "careful", "cheerful", "lonely")
_GARMENT_COLOURS = ("crimson", "yellow", "green", "blue", "scarlet", "amber", "teal", "violet", "orange")
_GARMENTS = ("oilskin coat", "wool coat", "patched jacket", "hooded cloak", "long scarf", "quilted waistcoat")
_HERO_MARKERS = (
    "a brass spyglass on a cord around {poss} neck",
    "a satchel full of hand-drawn maps",
    "a thin scar across {poss} left eyebrow",
    "ink-stained fingers and a pencil behind one ear",
    "a lucky copper coin on a chain",
)
_MENTOR_TRAITS = ("wise", "patient", "sharp-tongued", "gentle")
_MENTOR_MARKERS = (
    "a silver braid and one cloudy eye",
    "a walking stick carved like a heron",
    "spectacles on a long chain",
    "a voice like gravel and hands like old roots",
)
_VILLAIN_KINDS = ("cruel warlord", "dark sorcerer", "ruthless collector of rare and dangerous things")
_VILLAIN_LOOKS = ("black coat of iron scales", "purple velvet cloak", "crimson armoured greatcoat")
_VILLAIN_MARKERS = ("a mask of polished silver", "rings on every finger", "a smile that never reached {poss} eyes")
_ALLY_TRAITS = ("quick-witted", "sharp-eyed", "cheerful", "sarcastic")
_ALLY_LOOKS = (
    "a patched green jacket",
    "a battered brown hat",
    "a scarlet neckerchief",
    "a coat with too many pockets",
)
_CREATURE_TRAITS_BIG = ("ancient", "gentle", "lonely", "old")
_CREATURE_TRAITS_SMALL = ("clever", "shy", "curious", "bright-eyed")
_SEA_LOOKS = (
    "scales the colour of storm-glass and eyes as wide as lifeboats",
    "teal scales crusted with barnacles and a voice like a ship's hull groaning",
)
_CREATURE_LOOKS = {
    "scaled": (
        "green scales, a crest like a torn sail and eyes like lanterns",
        "copper scales that rang like bells and eyes like banked coals",
    ),
    "furred": (
        "fur as white as frost and a tail like a banner",
        "a silver-grey coat and eyes the colour of amber",
    ),
    "feathered": (
        "feathers of burnished copper and a voice like a flute",
        "midnight-blue feathers flecked with silver",
    ),
}
_OBJECT_LOOKS = (
    "older than {town} itself, its brass worn smooth by a hundred hands",
    "that hummed faintly whenever danger was near",
    "with a faint silver glow that never quite went out",
)
_OBJECT_POWERS = {
    "sword": "cut through any chain ever forged",
    "lantern": "light a way through any dark",
    "lamp": "light a way through any dark",
    "compass": "point toward whatever its holder needs most",
    "key": "open any door ever made",
    "map": "show roads that were not there yesterday",
    "chart": "show roads that were not there yesterday",
    "clock": "turn back a single hour",
    "watch": "turn back a single hour",
    "book": "write down what has not happened yet",
    "ship": "sail through any storm",
    "boat": "sail through any storm",
    "airship": "sail through any storm",
    "mirror": "show the truth behind any lie",
    "crown": "command any army",
    "ring": "make its wearer unseen",
}
# Concept -> (how it looks, what is lost if it is caged, what it teaches the hero).
_CONCEPT_DETAILS = {
    "time": (
        "a tall figure in a coat sewn from clock-faces",
        "no clock in the world will ever tick again",
        "that there would always be enough time for the things that mattered",
    ),
    "fear": (
        "a thin grey shape whose cloak of shadows flinched from every light",
        "no one will ever know when to run",
        "that being afraid and being brave can happen in the same heartbeat",
    ),
    "storm": (
        "a giant wrapped in thundercloud, with a crown of lightning",
        "the rains will never come again",
        "that even the wildest weather passes",
    ),
    "dream": (
        "a figure in robes that shifted like painted smoke",
        "no one will ever dream again",
        "that every dream needs someone awake enough to follow it",
    ),
    "death": (
        "a quiet figure in a grey hood, carrying a lantern with no flame",
        "nothing will ever be allowed to rest",
        "that every ending makes room for something new",
    ),
    "winter": (
        "a pale giant with a cloak of frost and breath like snowfall",
        "spring will never come again",
        "that even the longest winter ends",
    ),
    "night": (
        "a tall figure in a cloak sewn with stars",
        "no one will ever see the stars again",
        "that the dark is only the sky resting",
    ),
    "hope": (
        "a small, bright figure with a lamp burning in its chest",
        "no one will ever try anything again",
        "that hope is a thing you do, not a thing you have",
    ),
    "memory": (
        "an old figure in a coat of faded photographs",
        "everyone will forget the people they love",
        "that nothing truly loved is ever lost",
    ),
}
_DEFAULT_CONCEPT = (
    "a shape of shifting golden light that changed each time you blinked",
    "the world will lose its {concept} forever",
    "things no one had ever taught {hobj}",
)
# (first line, closing line, closing gesture when the story has no companion).
_BOOKEND_LINES = (
    ("Nothing ever happens here,", "Nothing ever happens here,", "and laughed, because it was no longer true"),
    ("Tomorrow will be exactly like today,", "Tomorrow, who knows?", "and smiled at the horizon"),
    ("Adventures are for people in stories,", "Turns out I was in a story all along,", "and grinned"),
)
_THRESHOLD_LINES = (
    "If I turn back now, I will never forgive myself,",
    "One step, then another. That is all a journey is,",
    "Well. No one can say nothing ever happens to me now,",
)
_ADVICE_LINES = (
    "When the dark is deepest, do not fight it alone. Call for help.",
    "Courage is not loud. It is the small voice that says: once more.",
    "Everyone thinks they are too small for the story, until they are in it.",
)
_CALL_TIMES = ("one storm-black night late in autumn", "one moonless night", "on the longest night of the year")
_NEXT_TIMES = ("the next morning", "at first light")
_EVENING_TIMES = ("that evening", "at dusk")
_DAWN_TIMES = ("just before dawn", "at first light")
_TRIAL_TIMES = ("for three days and nights", "all through the long afternoon")
_ORDEAL_TIMES = ("at midnight", "at the darkest hour of the night")
_SUNRISE_TIMES = ("as the sun came up", "at sunrise")
_DUSK_TIMES = ("at dusk", "as the evening drew in")
_LATER_TIMES = ("a year later", "when spring came round again")


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


@dataclass(frozen=True)
class _Thing:
    """A creature, object or concept the prompt mentions: its lexicon noun and the prompt's own phrase for it."""

    kind: str  # "creature", "object" or "concept"
    noun: str
    phrase: str


@dataclass
class _PromptFacts:
    """What the prompt tells the writer."""

    hero_noun: str | None = None
    hero_phrase: str | None = None
    things: list[_Thing] = field(default_factory=list)
    place: str | None = None
    legend: str = ""
    quest: str | None = None
    hostile: bool = False


@dataclass
class _Companion:
    """A named creature, object or concept in the story, with the phrases its scenes need."""

    thing: _Thing
    who: _Who
    intro: str  # the appositive that introduces it, "an ancient sea monster with ..."

    @property
    def big(self) -> bool:
        """Too big to hold (a ship) or to hide (a dragon): scenes with it play out differently."""
        return self.thing.noun in (_BIG_CREATURES if self.thing.kind == "creature" else _BIG_OBJECTS)


@dataclass
class _Plan:
    """Every choice behind one story, drawn from the prompt-seeded RNG."""

    facts: _PromptFacts
    biome: _Biome
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
    companions: list[_Companion]
    bookend: tuple[str, str, str]
    threshold_line: str
    advice: str
    times: dict[str, str]


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _a(phrase: str) -> str:
    """The indefinite article for `phrase`."""
    low = phrase.lower()
    if low.startswith(("one", "uni", "use", "eu", "ur")):
        return "a"
    if low.startswith(("hour", "honest", "heir")):
        return "an"
    return "an" if low[:1] in "aeiou" else "a"


def _q(line: str) -> str:
    return f'"{line}"'


def _singular(word: str) -> str:
    """A naive singular, good enough to look a prompt noun up in the lexicons."""
    if len(word) > 4 and word.endswith("ves") and word[:-3] + "f" in _CREATURES:
        return word[:-3] + "f"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def _base_verb(word: str) -> str:
    """Third-person present to base form: befriends -> befriend, watches -> watch, tries -> try."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zzes", "oes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


# ---------------------------------------------------------------------------------------------------------------------
# Writer: reading the prompt.
# ---------------------------------------------------------------------------------------------------------------------


_PROMPT_WORD = rf"[^\W\d_][\w{_APOSTROPHES}-]*"


def _first_sentence(prompt: str) -> str:
    """The prompt's first sentence, at most 30 words, without end punctuation or double quotes (they mark speech)."""
    sentence = re.split(r"(?<=[.!?])\s+|\n+", prompt.strip())[0]
    if sentence.isupper():
        sentence = sentence.lower()  # a shouted prompt reads as ordinary text
    words = sentence.replace('"', "'").replace("“", "'").replace("”", "'").split()[:30]
    return " ".join(words).rstrip(".!?;:, ")


def _noun_kind(word: str) -> str | None:
    if word in _HUMANOIDS:
        return "hero"
    if word in _CREATURES:
        return "creature"
    if word in _OBJECTS:
        return "object"
    if word in _CONCEPTS:
        return "concept"
    return None


def _is_head_noun(lower: list[str], i: int) -> bool:
    """A lexicon noun that is not the first half of a compound ("ghost" in "ghost ship" is a modifier)."""
    compound = i + 1 < len(lower) and _noun_kind(_singular(lower[i + 1])) is not None
    return _noun_kind(_singular(lower[i])) is not None and not compound


def _modifiers(lower: list[str], index: int) -> list[str]:
    """Up to two words right before `index` that describe it ("sea" in "sea monster", "ghost" in "ghost ship")."""
    mods: list[str] = []
    j = index - 1
    while j >= 0 and len(mods) < 2:
        word = lower[j]
        if word in _DETERMINERS | _PREPOSITIONS | _MODALS | _NOT_MODIFIER_WORDS:
            break
        if word.endswith(("'s", _RSQUO + "s")) or (_noun_kind(_singular(word)) and j != index - 1):
            break
        if j > 0 and _noun_kind(_singular(lower[j - 1])) and not _noun_kind(_singular(word)):
            break  # "keeper befriends sea monster": a word right after a noun is its verb
        if word in _HOSTILE_VERBS:
            break
        mods.insert(0, word)
        j -= 1
    return [m for m in mods if m not in _NOT_MODIFIERS]


@dataclass(frozen=True)
class _Clause:
    """The shape of the prompt's first sentence, as word indexes."""

    lead: int  # words in a leading adverbial ("In a world without colour, ...")
    subject: int | None  # the subject's (first) head noun
    predicate: int | None  # where the verb phrase starts
    plural: bool
    relative: bool  # "a dragon who is afraid of fire" is a noun phrase, not a clause


def _clause(sentence: str, lower: list[str]) -> _Clause:
    """Find the subject and where its predicate starts, allowing a leading adverbial and 'X and her Y'."""
    lead = 0
    if lower and lower[0] in _PREPOSITIONS and ", " in sentence:
        lead = len(re.findall(_PROMPT_WORD, sentence.split(", ", 1)[0]))
    subject = None
    for i in range(lead, min(lead + 6, len(lower))):
        if lower[i] in _PREPOSITIONS:
            break
        if _is_head_noun(lower, i):
            subject = i
            break
    if subject is None:
        return _Clause(lead, None, None, False, False)
    plural = _singular(lower[subject]) != lower[subject]
    j = subject + 1
    if j < len(lower) and lower[j] == "and":
        # "a girl and her fox search ...": the subject runs to the second noun and is plural.
        second = next((k for k in range(j + 1, min(j + 5, len(lower))) if _is_head_noun(lower, k)), None)
        if second is not None:
            plural, j = True, second + 1
    relative = j < len(lower) and lower[j] in {"who", "that", "which"}
    j += 1 if relative else 0
    return _Clause(lead, subject, j if j < len(lower) else None, plural, relative)


def _quest(words: list[str], clause: _Clause) -> str | None:
    """The predicate in base form ("befriend a sea monster"), when there is one."""
    if clause.predicate is None:
        return None
    rest = words[clause.predicate :]
    if len(rest) < 2 or rest[0].lower() in _PREPOSITIONS | _DETERMINERS | {"and", "or"}:
        return None
    head, tail = rest[0].lower(), rest[1:]
    if head in _MODALS:
        return " ".join(tail)
    if head in {"is", "are"}:
        return " ".join(["be", *tail])
    if head in {"has", "have"}:
        return " ".join(["have", *tail])
    if head.endswith("ed"):
        return None  # past tense: no base form without a dictionary
    if clause.plural:
        return " ".join([head, *tail])
    if head.endswith("s") and len(head) > 2:
        return " ".join([_base_verb(head), *tail])
    return None


def _legend(sentence: str, lower: list[str], clause: _Clause) -> str:
    """How the town tells the prompt as an old tale: 'in which <clause>' or 'of <noun phrase>'."""
    text = sentence
    concept = clause.subject is not None and _noun_kind(_singular(lower[clause.subject])) == "concept"
    if lower and not concept and (lower[0] in _DETERMINERS | _PREPOSITIONS or _noun_kind(_singular(lower[0]))):
        text = text[:1].lower() + text[1:]
    bare = clause.lead == 0 and clause.subject is not None and lower[0] not in _DETERMINERS
    if bare and not clause.plural and not concept:
        text = f"{_a(text)} {text}"
    predicate = lower[clause.predicate] if clause.predicate is not None else ""
    if predicate and not clause.relative and predicate not in _PREPOSITIONS | _DETERMINERS | {"and", "or"}:
        return f"in which, {text}" if clause.lead else f"in which {text}"
    return f"of {text}"


def _read_prompt(prompt: str) -> _PromptFacts:
    """Find the prompt's hero, creatures, objects, concepts, place, and the quest its verb implies."""
    sentence = _first_sentence(prompt)
    words = re.findall(_PROMPT_WORD, sentence)
    lower = [w.lower() for w in words]
    facts = _PromptFacts()
    for i, word in enumerate(lower):
        noun = _singular(word)
        kind = _noun_kind(noun)
        phrase = " ".join([*_modifiers(lower, i), noun])
        if kind == "hero" and facts.hero_noun is None and _is_head_noun(lower, i):
            facts.hero_noun, facts.hero_phrase = noun, phrase
        elif kind in {"creature", "object", "concept"} and _is_head_noun(lower, i):
            if all(t.noun != noun for t in facts.things):
                facts.things.append(_Thing(kind, noun, phrase))
        if facts.place is None and (word in _PLACE_BIOMES or noun in _PLACE_BIOMES):
            facts.place = word if word in _PLACE_BIOMES else noun
    clause = _clause(sentence, lower)
    facts.legend = _legend(sentence, lower, clause)
    if clause.subject is not None and _noun_kind(_singular(lower[clause.subject])) == "hero":
        facts.quest = _quest(words, clause)
    facts.hostile = any(w in _HOSTILE_VERBS for w in lower)
    facts.things = facts.things[:3]
    return facts


# ---------------------------------------------------------------------------------------------------------------------
# Writer: planning the cast and the world.
# ---------------------------------------------------------------------------------------------------------------------


def _pick_biome(facts: _PromptFacts, rng: random.Random) -> str:
    if facts.place:
        return _PLACE_BIOMES[facts.place]
    for thing in facts.things:
        if thing.noun in _CREATURE_BIOMES:
            return _CREATURE_BIOMES[thing.noun]
    if facts.hero_noun in _ROLE_BIOMES:
        return _ROLE_BIOMES[facts.hero_noun]
    return rng.choice(sorted(_BIOMES))


def _companion(thing: _Thing, used: set[str], town: str, coast: bool, rng: random.Random) -> _Companion:
    """Name and describe a creature, object or concept from the prompt so it can be a character."""
    if thing.kind == "concept":
        name = thing.noun.capitalize()
        full = f"the {name}" if thing.noun in _ARTICLE_CONCEPTS else name
        look = _CONCEPT_DETAILS.get(thing.noun, _DEFAULT_CONCEPT)[0]
        who = _who(full, rng.choice("fm"), short=full)
        return _Companion(thing, who, f"the embodiment of {thing.noun} itself, {look}")
    if thing.kind == "object":
        name = rng.choice([n for n in _OBJECT_NAMES if n not in used])
        look = rng.choice(_OBJECT_LOOKS).format(town=town)
        return _Companion(thing, _who(name, "n"), f"{_a(thing.phrase)} {thing.phrase} {look}")
    name = rng.choice([n for n in _CREATURE_NAMES if n not in used])
    big = thing.noun in _BIG_CREATURES
    traits = _CREATURE_TRAITS_BIG if big else _CREATURE_TRAITS_SMALL
    trait = rng.choice(traits)
    covering = "feathered" if thing.noun in _FEATHERED else "furred" if thing.noun in _FURRED else "scaled"
    looks = _CREATURE_LOOKS[covering] + (_SEA_LOOKS if coast and covering == "scaled" else ())
    look = rng.choice(looks)
    return _Companion(thing, _who(name, rng.choice("fm")), f"{_a(trait)} {trait} {thing.phrase} with {look}")


def _hero(facts: _PromptFacts, biome: _Biome, rng: random.Random) -> tuple[_Who, str]:
    role = facts.hero_phrase or rng.choice(biome.hero_roles)
    wanted = "f" if facts.hero_noun in _FEMALE else "m" if facts.hero_noun in _MALE else None
    name, gender = rng.choice([n for n in _HERO_NAMES if wanted in (None, n[1])])
    return _who(f"{name} {rng.choice(_SURNAMES)}", gender, short=name), role


def _plan(prompt: str) -> _Plan:
    """Draw every choice for `prompt`'s story from a RNG seeded by the prompt, in a fixed order."""
    rng = random.Random(int.from_bytes(hashlib.sha256(prompt.encode()).digest()[:8], "big"))
    facts = _read_prompt(prompt)
    biome = _BIOMES[_pick_biome(facts, rng)]
    town = rng.choice(biome.towns)
    flavour = _HOME_FLAVOURS.get(facts.place or "")
    if flavour:
        home, routine, routine_short, call_setting, call_event, transformed = flavour
    else:
        home, routine, routine_short = biome.home, biome.routine, biome.routine_short
        call_setting, call_event, transformed = biome.call_setting, biome.call_event, biome.transformed
        if facts.place and facts.place not in _BIOME_WORDS:
            home = f"the {facts.place} at the edge of {{town}}"
    hero, role = _hero(facts, biome, rng)
    mentor = _who(*rng.choice(_MENTORS))
    villain = _who(*rng.choice(_VILLAINS))
    ally_name, ally_gender = rng.choice(_ALLIES)
    ally = _who(ally_name, ally_gender, short=ally_name.split()[0])
    used: set[str] = set()
    companions = []
    for thing in facts.things:
        companion = _companion(thing, used, town, biome is _BIOMES["coast"], rng)
        used.add(companion.who.full)
        companions.append(companion)
    times = {
        "call": rng.choice(_CALL_TIMES),
        "next": rng.choice(_NEXT_TIMES),
        "evening": rng.choice(_EVENING_TIMES),
        "dawn": rng.choice(_DAWN_TIMES),
        "trial": rng.choice(_TRIAL_TIMES),
        "ordeal": rng.choice(_ORDEAL_TIMES),
        "sunrise": rng.choice(_SUNRISE_TIMES),
        "dusk": rng.choice(_DUSK_TIMES),
        "later": rng.choice(_LATER_TIMES),
    }
    return _Plan(
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
        hero_trait=rng.choice(_HERO_TRAITS),
        hero_look=f"{rng.choice(_GARMENT_COLOURS)} {rng.choice(_GARMENTS)}",
        hero_marker=rng.choice(_HERO_MARKERS).format(poss=hero.poss),
        mentor=mentor,
        mentor_trait=rng.choice(_MENTOR_TRAITS),
        mentor_marker=rng.choice(_MENTOR_MARKERS),
        villain=villain,
        villain_kind=rng.choice(_VILLAIN_KINDS),
        villain_look=rng.choice(_VILLAIN_LOOKS),
        villain_marker=rng.choice(_VILLAIN_MARKERS).format(poss=villain.poss),
        ally=ally,
        ally_trait=rng.choice(_ALLY_TRAITS),
        ally_job=rng.choice(biome.ally_jobs),
        ally_look=rng.choice(_ALLY_LOOKS),
        companions=companions,
        bookend=rng.choice(_BOOKEND_LINES),
        threshold_line=rng.choice(_THRESHOLD_LINES),
        advice=rng.choice(_ADVICE_LINES),
        times=times,
    )


# ---------------------------------------------------------------------------------------------------------------------
# Writer: the ten stages of the hero's journey, one paragraph (one panel) each.
# ---------------------------------------------------------------------------------------------------------------------


def _fill(p: _Plan, template: str) -> str:
    """Fill the biome placeholders that depend on who is in the story."""
    return template.format(
        town=p.town, villain=p.villain.short, vposs=p.villain.poss, hobj=p.hero.obj, hposs=p.hero.poss
    )


def _main(p: _Plan) -> _Companion | None:
    return p.companions[0] if p.companions else None


def _ordinary_world(p: _Plan) -> str:
    h = p.hero
    return (
        f"In {p.home}, there lived {h.full}, "
        f"{_a(p.hero_trait)} {p.hero_trait} {p.role} in {_a(p.hero_look)} {p.hero_look}, with {p.hero_marker}. "
        f"Day after day {h.subj} {_fill(p, p.routine)}. "
        f"In {p.town} they still told the old tale {p.facts.legend}, but {h.short} had heard it a hundred times "
        f"and believed none of it. "
        f"{_q(p.bookend[0])} said {h.short} to {p.biome.confidant}, and {h.subj} liked it that way."
    )


def _call_to_adventure(p: _Plan) -> str:
    h, v, main = p.hero, p.villain, _main(p)
    opening = f"{_cap(p.call_setting)}, {p.times['call']}, {p.call_event}."
    if main is None:
        oath = f", its master had sworn that no one there would ever {p.facts.quest}," if p.facts.quest else ""
        return (
            f"{opening} {_fill(p, p.biome.messenger)} with terrible news: an army was marching on {p.town}{oath} "
            f"and no one knew how to stop it. "
            f"{_q('Someone should do something,')} said {h.short}, and then {h.subj} noticed that everyone was "
            f"looking at {h.obj}."
        )
    c = main.who
    if main.thing.kind == "creature":
        size = "enormous" if main.big else "small and quick"
        meeting = f"Then something {size} {_fill(p, p.biome.emerge)}: {c.full}, {main.intro}. "
        if p.facts.hostile:
            return (
                f"{opening} {meeting}{h.short} snatched up {p.biome.weapon} and stood {h.poss} ground, but the "
                f"{main.thing.noun} only bowed {c.poss} great head. "
                f"{_q(f'Put that down, {p.role},')} said {c.short}. "
                f"{_q(f'I am not the one you should fear. {v.short} is.')}"
            )
        return (
            f"{opening} {meeting}"
            f"{_q(f'Do not be afraid, {p.role},')} said {c.short}. "
            f"{_q(f'{v.short} is hunting me, and you are the only one in {p.town} who never threw a stone at me.')}"
        )
    if main.thing.kind == "object":
        handled = "stepped aboard" if main.big else "lifted it"
        found = "moored in a hidden cove no map had ever shown" if main.big else p.biome.find_place
        return (
            f"{opening} {h.short} found it {found}: {c.full}, {main.intro}. "
            f"When {h.subj} {handled}, it glowed, and a voice as small as a bell whispered, {_q('At last.')} "
            f"{_q(f'{v.short} has hunted me for a hundred years,')} whispered {c.short}. "
            f"{_q(f'Now {v.subj} will hunt you too.')}"
        )
    lost = _CONCEPT_DETAILS.get(main.thing.noun, _DEFAULT_CONCEPT)[1].format(concept=main.thing.noun)
    return (
        f"{opening} Out of the dark stepped {c.full}, {main.intro}. "
        f"{_q(f'{h.short},')} said {c.full}, {_q(f'{v.short} means to cage me, and without me {lost}.')}"
    )


def _villain_goal(p: _Plan) -> str:
    main = _main(p)
    if main is None:
        return f"had marched on {p.town} at the head of an army of iron-masked soldiers"
    c = main.who.full
    if main.thing.kind == "creature":
        return f"had sworn to drag {c} out of {p.biome.wild} in chains"
    if main.thing.kind == "object":
        power = _OBJECT_POWERS.get(main.thing.noun, f"do what no ordinary {main.thing.noun} could")
        return f"had sworn to take {c}, which could {power}"
    return f"had sworn to cage {c} and rule {p.town} with {main.who.obj}"


def _refusal(p: _Plan) -> str:
    h, v, main = p.hero, p.villain, _main(p)
    if main is None:
        sleepless = f"listening to the drums of {v.short}'s army in the hills"
    elif main.thing.kind == "creature":
        sleepless = f"listening to {main.who.short} calling mournfully somewhere in the dark"
    elif main.thing.kind == "object":
        sleepless = f"with {main.who.short} glowing softly on the table beside the bed"
    else:
        sleepless = f"feeling {main.who.full} waiting patiently outside the window"
    return (
        f"{_cap(_fill(p, p.biome.market))}, {p.times['next']}, the news was on every tongue: the tyrant {v.full}, "
        f"{_a(p.villain_kind)} {p.villain_kind} in {_a(p.villain_look)} {p.villain_look}, with {p.villain_marker}, "
        f"{_villain_goal(p)}. "
        f"{_q(f'I am {_a(p.role)} {p.role}, not a hero,')} said {h.short}, and {h.subj} went home and bolted the "
        f"door. But that night {h.subj} could not sleep, {sleepless}."
    )


def _mentor(p: _Plan) -> str:
    h, m = p.hero, p.mentor
    if p.facts.quest:
        legend_line = f"Every age gets one {p.role} foolish enough to {p.facts.quest},"
    else:
        legend_line = "Every story needs someone foolish enough to begin it,"
    return (
        f"{_cap(p.biome.mentor_place)}, {p.times['evening']}, {m.full}, {_a(p.mentor_trait)} {p.mentor_trait} "
        f"{p.biome.mentor_job} and {h.short}'s oldest mentor, with {p.mentor_marker}, was waiting "
        f"{p.biome.mentor_prop}. "
        f"{_q(legend_line)} said {m.short}. {_q('This time, it is you.')} "
        f"{_cap(m.subj)} pressed {p.biome.gift} into {h.short}'s hands. {_q(p.advice)}"
    )


def _threshold(p: _Plan) -> str:
    h, main = p.hero, _main(p)
    if main is None:
        company = f", with {p.biome.gift} in {h.poss} pocket"
    elif main.thing.kind == "creature":
        company = f", with {main.who.short} {_fill(p, p.biome.creature_move)}"
    elif main.thing.kind == "object":
        carried = "close behind, its lamps dimmed" if main.big else f"tucked inside {h.poss} coat"
        company = f", with {main.who.short} {carried}"
    else:
        company = f", with {main.who.full} walking silently at {h.poss} side"
    return (
        f"{_cap(p.biome.threshold)}, {p.times['dawn']}, {h.short} {p.biome.crossing}{company}. "
        f"Behind {h.obj}, the lights of {p.town} shrank to a single spark. "
        f"{_q(p.threshold_line)} said {h.short}, and {h.subj} did not look back."
    )


def _secondary(p: _Plan) -> str:
    """One sentence each for the prompt's other creatures, objects and concepts, so they join the cast."""
    sentences = []
    for extra in p.companions[1:]:
        if extra.thing.kind == "creature":
            sentences.append(f"Along the way they freed {extra.who.full}, {extra.intro}, from a hunter's snare.")
        elif extra.thing.kind == "object":
            sentences.append(f"In the deepest part of it they found {extra.who.full}, {extra.intro}.")
        else:
            sentences.append(f"Twice they felt {extra.who.full} watching them, {extra.intro}.")
    return " ".join(sentences) + (" " if sentences else "")


def _trials_and_allies(p: _Plan) -> str:
    h, v, a = p.hero, p.villain, p.ally
    subject, pronoun = ("they", "they") if p.companions else (h.short, h.subj)
    lair = f"{v.short}'s {p.biome.lair_noun}"
    return (
        f"{_cap(p.biome.trials)}, {p.times['trial']}, {subject} {p.biome.deeds}. {_secondary(p)}"
        f"There {pronoun} met {a.full}, {_a(p.ally_trait)} {p.ally_trait} {p.ally_job} in {p.ally_look}, "
        f"who knew every {p.biome.route} for a hundred miles. "
        f"{_q(f'You will never reach {lair} alone,')} said {a.short}. "
        f"{_q(f'Lucky for you, I hate {v.obj} more than you do.')}"
    )


def _ordeal(p: _Plan) -> str:
    h, v, m, main = p.hero, p.villain, p.mentor, _main(p)
    if main is None:
        situation = f"{v.short}'s soldiers held every gate, and {p.ally.short} was already in chains"
    elif main.thing.kind == "creature":
        situation = f"{main.who.short} lay chained beneath a net of iron links, and soldiers closed in from every side"
    elif main.thing.kind == "object":
        taken = (
            f"seized {main.who.short} with grappling chains"
            if main.big
            else f"tore {main.who.short} from {h.short}'s grip"
        )
        situation = f"{v.short} {taken} and laughed as its light turned cold"
    else:
        situation = f"{main.who.full} was trapped in a cage of black glass, growing fainter by the second"
    return (
        f"{_cap(_fill(p, p.biome.lair))}, {p.times['ordeal']}, {h.short} faced {v.short} at last. {_cap(situation)}. "
        f"{_q(f'Did you really think {_a(p.role)} {p.role} could stop me?')} sneered {v.short}. "
        f"{_cap(v.subj)} struck, {h.short} fell hard, and for one terrible moment all seemed lost. "
        f"Then {h.subj} remembered {m.short}'s words and {_fill(p, p.biome.gift_use)}."
    )


def _reward(p: _Plan) -> str:
    h, v, main = p.hero, p.villain, _main(p)
    place = f"On the broken walls of {v.short}'s {p.biome.lair_noun}, {p.times['sunrise']}"
    if main is None:
        freedom = f"For the first time, {h.subj} was free to {p.facts.quest}. " if p.facts.quest else ""
        return (
            f"{place}, the prison doors burst open and {p.ally.short} led the captives out into the light. "
            f"The people of {p.town} lifted {h.short} onto their shoulders and would not put {h.obj} down. {freedom}"
            f"{_q(f'Not bad, for {_a(p.role)} {p.role},')} said {p.ally.short}."
        )
    c = main.who
    if main.thing.kind == "creature":
        noun = main.thing.noun
        token = "feather" if noun in _FEATHERED else "silver whisker" if noun in _FURRED else "scale"
        if main.big:
            freed = f"rose to {c.poss} full height with a roar that shook the stones"
        else:
            freed = "sprang free with a cry so fierce that the soldiers scattered"
        return (
            f"{place}, the last chain snapped, and {c.short} {freed}. Then {c.subj} lowered {c.poss} head and pressed "
            f"a single {token} into {h.short}'s palm, still warm. "
            f"{_q('You came for me when no one else would. Call, and I will always answer,')} said {c.short}."
        )
    if main.thing.kind == "object":
        if main.big:
            bond = f"It answered {h.short}'s touch as if it had always belonged to {h.obj}."
        else:
            bond = f"It settled into {h.short}'s hand as if it had always belonged there."
        return (
            f"{place}, {c.short} blazed so brightly that {v.short}'s soldiers threw down their weapons and ran. "
            f"{bond} {_q('We are bound now, you and I,')} whispered {c.short}."
        )
    lesson = _CONCEPT_DETAILS.get(main.thing.noun, _DEFAULT_CONCEPT)[2].format(hobj=h.obj)
    return (
        f"{place}, the black glass cracked from end to end, and {c.full} poured back out into the world. "
        f"{_cap(c.subj)} touched {h.short}'s forehead, and {h.subj} understood {lesson}. "
        f"{_q('Remember me kindly,')} said {c.full}."
    )


def _road_back(p: _Plan) -> str:
    h, v, a, main = p.hero, p.villain, p.ally, _main(p)
    if main is None:
        help_ = f"{h.short} kept the whole town moving"
    elif main.thing.kind == "creature":
        help_ = f"{main.who.short} {p.biome.creature_strike}"
    elif main.thing.kind == "object":
        help_ = f"{main.who.short} lit a path no one else could see"
    else:
        help_ = f"{main.who.full} stepped into the path of the pursuers, and they faltered"
    fate = _fill(p, p.biome.villain_fate)
    return (
        f"{_cap(p.biome.road)}, {p.times['dusk']}, {v.full} made one last attempt to stop them, "
        f"{_fill(p, p.biome.pursuit)} through {p.biome.weather}. "
        f"{a.short} {p.biome.ally_escape}, {help_}, and {v.short} was last seen {fate}. "
        f"{_q(f'{_cap(v.subj)} will be back,')} said {a.short}. {_q(f'Let {v.obj} come,')} said {h.short}."
    )


def _return(p: _Plan) -> str:
    h, main = p.hero, _main(p)
    if main is None:
        presence = f"{p.ally.short} came by every week with news from the wider world"
        retold = f"the story of {h.short}, the {p.role} who would not stay home"
        gesture = p.bookend[2]
    else:
        c = main.who
        if main.thing.kind == "creature":
            presence = f"{c.short} was never far away, and everyone in {p.town} knew {c.poss} name"
            gesture = f"and somewhere out in {p.biome.wild}, {c.short} answered"
        elif main.thing.kind == "object":
            where = "waited at anchor nearby" if main.big else "hung by the door"
            presence = f"{c.short} {where}, glowing whenever a stranger needed help"
            gesture = (
                f"and {c.short}'s lamps glowed warm in the dark"
                if main.big
                else f"and {c.short} glowed warm in {h.poss} hand"
            )
        else:
            presence = f"{c.full} stopped by now and then, just to talk"
            gesture = f"and somewhere, {c.full} smiled"
        retold = f"the true story of {h.short} and {c.short}"
    if p.facts.quest:
        retold = f"the true story of how {_a(p.role)} {p.role} came to {p.facts.quest}"
    home = re.sub(r"^an? ", "the ", p.home)  # the home is known by now: "a cottage" becomes "the cottage"
    return (
        f"Back in {home}, {p.times['later']}, {p.transformed}. "
        f"{h.short} still {_fill(p, p.routine_short)}, but now {presence}. "
        f"The children of {p.town} tell the old tale differently these days: it is {retold}. "
        f"{_q(p.bookend[1])} said {h.short}, {gesture}."
    )


def _compose(prompt: str) -> str:
    """The whole story for `prompt`: ten paragraphs, one per stage of the hero's journey."""
    p = _plan(prompt)
    stages = (
        _ordinary_world,
        _call_to_adventure,
        _refusal,
        _mentor,
        _threshold,
        _trials_and_allies,
        _ordeal,
        _reward,
        _road_back,
        _return,
    )
    return "\n\n".join(stage(p) for stage in stages)


def _chunks(text: str, words_per_chunk: int) -> list[str]:
    """`text` in pieces of `words_per_chunk` words, whitespace kept, so the pieces join back to exactly `text`."""
    pieces = re.findall(r"\s*\S+\s*", text) or [text]
    chunks = ["".join(pieces[i : i + words_per_chunk]) for i in range(0, len(pieces), words_per_chunk)]
    return [c for c in chunks if c]


def _count_tokens(text: str) -> int:
    """Deterministic token estimate: every word and every punctuation mark counts as one token."""
    return len(re.findall(r"\w+|[^\w\s]", text))


# ---------------------------------------------------------------------------------------------------------------------
# Reader: sentences, quotes and speakers (shared by character extraction and panel breakdown).
# ---------------------------------------------------------------------------------------------------------------------

_ABBREVIATIONS = frozenset("mr mrs ms dr st mt capt prof sr jr vs etc".split())
_SPEECH_VERBS = (
    "said|says|asked|asks|cried|shouted|whispered|replied|answered|called|muttered|growled|rumbled|laughed|snapped|"
    "hissed|murmured|added|roared|sang|demanded|sneered|snarled|breathed|yelled|told|began|insisted|warned|agreed|"
    "sighed|grumbled|boomed|chirped|croaked|gasped|pleaded|declared|explained|exclaimed|promised"
)
_CAPWORD = rf"[A-ZÀ-ÖØ-Þ][\w{_APOSTROPHES}\-]*"
_CAPSEQ = rf"{_CAPWORD}(?: {_CAPWORD}){{0,2}}"
_AFTER_QUOTE_RE = re.compile(
    rf"^\s*,?\s*(?:(?:{_SPEECH_VERBS})\s+(?P<a>{_CAPSEQ})|(?P<b>{_CAPSEQ})\s+(?:{_SPEECH_VERBS})\b)"
)
_BEFORE_QUOTE_RE = re.compile(rf"(?P<n>{_CAPSEQ})\s+(?:{_SPEECH_VERBS})(?:\s+[a-z]+){{0,3}}\s*[,:]?\s*$")
_QUOTE_RE = re.compile(r'"([^"]+)"|“([^”]+)”')
_SPEECH_VERB_RE = re.compile(rf"\b(?:{_SPEECH_VERBS})\b")
_POSSESSIVE_RE = re.compile(rf"[{_APOSTROPHES}]s$")


@dataclass(frozen=True)
class _Quote:
    """A quoted line, where it sits in the text, and who is credited with it (as written), if anyone."""

    text: str
    start: int
    end: int
    speaker: str | None
    verb: str | None


def _strip_possessive(name: str) -> str:
    return _POSSESSIVE_RE.sub("", name)


def _quotes(text: str) -> list[_Quote]:
    """Every quoted line in `text` with its attributed speaker ('"Run!" said Mira', 'Mira said, "Run!"')."""
    found = []
    for match in _QUOTE_RE.finditer(text):
        line = (match.group(1) or match.group(2) or "").strip()
        speaker: str | None = None
        verb: str | None = None
        after = _AFTER_QUOTE_RE.match(text[match.end() : match.end() + 80])
        if after:
            speaker = after.group("a") or after.group("b")
            verb_match = _SPEECH_VERB_RE.search(after.group(0))
            verb = verb_match.group(0) if verb_match else None
        else:
            before = _BEFORE_QUOTE_RE.search(text[max(0, match.start() - 80) : match.start()])
            if before:
                speaker = before.group("n")
                verb_match = _SPEECH_VERB_RE.search(before.group(0))
                verb = verb_match.group(0) if verb_match else None
        if speaker:
            speaker = _strip_possessive(speaker)
            first = speaker.split()[0].lower()
            if first in _STOPWORDS and first not in _TITLES:
                speaker = " ".join(speaker.split()[1:]) or None
        found.append(_Quote(line, match.start(), match.end(), speaker, verb))
    return found


def _paragraphs(text: str) -> list[str]:
    """Paragraphs split on blank lines; a text without blank lines is split on its line breaks instead."""
    parts = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    if len(parts) == 1 and "\n" in parts[0]:
        parts = [p.strip() for p in parts[0].split("\n") if p.strip()]
    return [re.sub(r"\s+", " ", p) for p in parts]


_SENTENCE_MARK_RE = re.compile(r'["“”.!?]')
_QUOTE_THEN_SENTENCE_RE = re.compile(r"\s+[A-Z\"“]")
_TRAILING_WORD_RE = re.compile(r"\w+$")
_WORD_CHAR_RE = re.compile(r"\w")
_LONGEST_ABBREVIATION = max(map(len, _ABBREVIATIONS))


def _sentences(text: str) -> list[str]:
    """Sentences of `text`, never breaking inside a quotation; a quote that ends a sentence ends it too."""
    return list(_iter_sentences(text))


def _iter_sentences(text: str) -> Iterator[str]:
    """`_sentences`, lazily, for callers that need only the first few; it jumps from one quote or stop to the next."""
    start, inside, n = 0, False, len(text)
    mark = _SENTENCE_MARK_RE.search(text)
    while mark:
        i = mark.start()
        ch = text[i]
        if ch in '"“”':
            closing = ch == "”" or (ch == '"' and inside)
            inside = not closing
            if closing and i > 0 and text[i - 1] in ".!?" and _QUOTE_THEN_SENTENCE_RE.match(text[i + 1 : i + 3]):
                if sentence := text[start : i + 1].strip():
                    yield sentence
                start = i + 1
            mark = _SENTENCE_MARK_RE.search(text, i + 1)
        elif inside:
            mark = _SENTENCE_MARK_RE.search(text, i + 1)
        else:
            j = i + 1
            while j < n and text[j] in ".!?)'":
                j += 1
            if (j >= n or text[j].isspace()) and not _ends_with_abbreviation(text, start, i):
                if sentence := text[start:j].strip():
                    yield sentence
                start = j
            mark = _SENTENCE_MARK_RE.search(text, j)
    if rest := text[start:].strip():
        yield rest


def _ends_with_abbreviation(text: str, start: int, end: int) -> bool:
    """Whether the last word of `text[start:end]` is an abbreviation ('Mr'), looking back only a few characters:
    rescanning the whole sentence at every stop that does not end it would be quadratic in its length."""
    window = max(start, end - _LONGEST_ABBREVIATION - 2)
    word = _TRAILING_WORD_RE.search(text, window, end)
    if not word:
        return False
    if word.start() == window > start and _WORD_CHAR_RE.match(text, window - 1):
        return False  # the word runs on before the window: longer than any abbreviation
    return word.group().lower() in _ABBREVIATIONS


# ---------------------------------------------------------------------------------------------------------------------
# Reader: finding characters.
# ---------------------------------------------------------------------------------------------------------------------

_STOPWORDS = frozenset(
    "a an the and but or nor so yet for then when while where what who whom whose which why how if though although "
    "because since until unless after before once as at by in on of to from into onto over under above below behind "
    "beyond across through with without within inside outside near beside between among around toward towards upon "
    "i me my mine we us our you your he him his she her they them their it its this that these those there here "
    "now still just only even also too very all every each some any no not never nothing everything everyone "
    "someone something anyone somewhere everywhere one two three first last next another other such both either "
    "neither is was were are be been being am do did does done have has had will would shall should can could may "
    "might must let yes oh ah well okay ok hello goodbye goodnight please thank thanks sorry maybe perhaps "
    "tomorrow today tonight yesterday again always sometimes soon later back down up out off away long many much "
    "more most less few little old new good great dear sir madam mister miss chapter part end epilogue prologue "
    "monday tuesday wednesday thursday friday saturday sunday january february march april may june july august "
    "september october november december spring summer autumn winter christmas together suddenly meanwhile "
    "finally instead slowly quickly twice surely luckily sadly afterwards somehow nobody none yes".split()
)
_TITLES = frozenset(
    "lord lady captain king queen sir dame old mother father brother sister master mistress doctor dr professor "
    "baron baroness magistrate grandmother grandfather aunt uncle prince princess mr mrs ms miss general admiral "
    "count countess duke duchess emperor empress saint st young little big auntie granny madame monsieur inspector "
    "detective officer sergeant constable chief judge governor mayor senator abbot abbess".split()
)
# Titles that are also ordinary sentence openers ("Old boats rot", "Little by little"): only names when followed.
_PLACE_PREPOSITIONS = frozenset(
    "in at from into toward towards across over beyond near above below under through around outside inside within "
    "of past".split()
)
_ANTAGONIST_CUES = frozenset(
    "tyrant villain villainous cruel warlord wicked evil ruthless usurper dark sinister tyrannical despot nemesis "
    "enemy cold-hearted merciless sorcerer".split()
)
_SUPPORT_CUES = frozenset("mentor ally friend teacher companion guide sidekick helper guardian protector".split())
_CONCEPT_CUES = frozenset("embodiment personification spirit incarnation avatar".split())
_DEMEANORS = (
    "brave stubborn curious grim kind gentle cruel wise patient fierce shy proud cunning lonely fearless "
    "anxious restless calm cold-hearted weary sly bold cheerful quick-witted sharp-eyed sharp-tongued "
    "sarcastic solemn playful quiet careful clever ruthless"
).split()
_DEFAULT_DEMEANOR: dict[CharacterRole, str] = {
    "protagonist": "determined",
    "antagonist": "menacing",
    "supporting": "steadfast",
    "minor": "watchful",
}
_ERA_CUES = (
    ("far future", frozenset("starship spaceship station shuttle android laser orbit hologram cyborg planet".split())),
    ("modern day", frozenset("phone smartphone car computer internet subway bus laptop television".split())),
    ("victorian", frozenset("victorian gaslight gaslit telegraph steam steamship corset airship clockwork".split())),
    ("age of sail", frozenset("galleon pirate pirates cannon musket buccaneer".split())),
    ("medieval", frozenset("medieval knight knights castle sword squire kingdom".split())),
    ("ancient", frozenset("ancient pharaoh pyramid temple oracle".split())),
    ("prehistoric", frozenset("dinosaur mammoth caveman".split())),
)
_MARKER_KEYWORDS = re.compile(
    r"\b(?:one-eyed|eyepatch|eye patch|scars?|scarred|tattoo\w*|mask|limp|crest|horns?|antlers?|wings?|tail)\b", re.I
)


@dataclass(slots=True)
class _Mention:
    """One occurrence of a capitalised name in the text."""

    name: str
    start: int
    end: int
    initial: bool  # the first word of a sentence, where capitals prove nothing
    before: str  # the word just before it, lower-case


@dataclass
class _Entity:
    """Everything the text says about one character."""

    name: str
    mentions: list[_Mention] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)
    appositive: str = ""
    speaks: int = 0
    speech_verbs: list[str] = field(default_factory=list)
    named_as: str = ""  # the words before "named X" / "called X", or an epithet like "the tyrant"

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


_SENTENCE_STOP_RE = re.compile(r"[.!?] ")
_WORD_RUN_RE = re.compile(r"\w+")


class _Story:
    """A story's text with the positions the reader looks up for every mention, found in one pass each.

    Per-mention lookups (quotes before a name, the sentence around it, whether a word occurs) would otherwise
    rescan the text and make extraction quadratic in its length.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self._straight_quotes = [m.start() for m in re.finditer('"', text)]
        self._stops = [m.start() for m in _SENTENCE_STOP_RE.finditer(text)]  # ". ", "! ", "? "
        self._newlines = [m.start() for m in re.finditer("\n", text)]
        self._word_starts: dict[str, list[int]] = {}
        for match in _WORD_RUN_RE.finditer(text):
            self._word_starts.setdefault(match.group(), []).append(match.start())
        self._sentences: dict[tuple[int, int], str] = {}

    def straight_quotes_before(self, position: int) -> int:
        return bisect.bisect_left(self._straight_quotes, position)

    def sentence_span(self, position: int) -> tuple[int, int]:
        """Bounds of the sentence containing `position`: from after the last '. ' (or '! ', '? ', line break)
        ending before it to the first one at or after it."""
        stop_before = bisect.bisect_left(self._stops, position - 1) - 1
        newline_before = bisect.bisect_left(self._newlines, position) - 1
        start = max(
            self._stops[stop_before] if stop_before >= 0 else -1,
            self._newlines[newline_before] if newline_before >= 0 else -1,
        )
        ends = [
            positions[k]
            for positions in (self._stops, self._newlines)
            if (k := bisect.bisect_left(positions, position)) < len(positions)
        ]
        return start + 1, min(ends) + 1 if ends else len(self.text)

    def sentence(self, span: tuple[int, int]) -> str:
        if span not in self._sentences:
            self._sentences[span] = self.text[span[0] : span[1]].strip()
        return self._sentences[span]

    def sentence_at(self, position: int) -> str:
        return self.sentence(self.sentence_span(position))

    def has_word(self, word: str) -> bool:
        """Whether `word` occurs as a whole word (as `\\bword\\b` would find it), case-sensitively."""
        run = _WORD_RUN_RE.match(word)
        if run is None or not _WORD_CHAR_RE.fullmatch(word[-1]):
            return re.search(rf"\b{re.escape(word)}\b", self.text) is not None
        if run.end() == len(word):
            return word in self._word_starts
        # 'jean-luc': a whole-word occurrence starts where its first run, 'jean', is a whole word of the text.
        return any(
            self._word_ends_at(start + len(word)) and self.text.startswith(word, start)
            for start in self._word_starts.get(run.group(), ())
        )

    def _word_ends_at(self, end: int) -> bool:
        return end == len(self.text) or not _WORD_CHAR_RE.match(self.text, end)


_ABBREVIATION_STOP_RE = re.compile(r"(\w+)\.$")
_MENTION_RE = re.compile(rf"{_CAPWORD}(?: {_CAPWORD})*")
_WORD_BEFORE_RE = re.compile(rf"[\w{_APOSTROPHES}]+")


def _is_initial(story: _Story, start: int) -> bool:
    """Whether the word at `start` begins a sentence or a quotation (its capital says nothing about it)."""
    text = story.text
    j = start - 1
    while j >= 0 and text[j].isspace():
        j -= 1
    if j < 0:
        return True
    ch = text[j]
    if ch in ".!?":
        word = _ABBREVIATION_STOP_RE.search(text[max(0, j - 6) : j + 1])
        return not (word and word.group(1).lower() in _ABBREVIATIONS)
    if ch == "“":
        return True
    if ch == '"':
        # An opening quote starts speech; a closing quote is followed by the attribution ('"Run!" Mira said').
        return story.straight_quotes_before(j) % 2 == 0
    return False


def _scan_mentions(story: _Story) -> list[_Mention]:
    """Capitalised word runs of 1-3 words (titles allowed), with sentence openers and stop words peeled off."""
    text = story.text
    mentions: list[_Mention] = []
    for match in _MENTION_RE.finditer(text):
        words = match.group(0).split(" ")
        start = match.start()
        initial = _is_initial(story, start)
        before_text = text[max(0, start - 30) : start]
        before_word = (_WORD_BEFORE_RE.findall(before_text) or [""])[-1].lower()
        # Peel leading stop words ("But Mira", "The Storm"): what follows them is no longer sentence-initial.
        while words and words[0].lower() in _STOPWORDS and not (words[0].lower() in _TITLES and len(words) > 1):
            before_word = words[0].lower()
            start += len(words[0]) + 1
            words = words[1:]
            initial = False
        while words and words[-1].lower() in _STOPWORDS:
            words = words[:-1]
        if not words:
            continue
        if words[-1].endswith(("'s", _RSQUO + "s")):
            words[-1] = _strip_possessive(words[-1])
        words = [w.rstrip(_APOSTROPHES + "-") for w in words][:3]
        if all(w.lower() in _TITLES for w in words):
            continue
        name = " ".join(words)
        mentions.append(_Mention(name, start, start + len(name), initial, before_word))
    return _peel_openers(mentions)


def _peel_openers(mentions: list[_Mention]) -> list[_Mention]:
    """'Together Zoë ran': drop a sentence-opening word when the rest is a name the text uses elsewhere."""
    known = {m.name for m in mentions if not m.initial}
    known |= {w for name in known for w in name.split()}
    peeled = []
    for m in mentions:
        words = m.name.split()
        if m.initial and len(words) > 1 and words[0].lower() not in _TITLES and " ".join(words[1:]) in known:
            rest = " ".join(words[1:])
            m = _Mention(rest, m.end - len(rest), m.end, False, words[0].lower())
        peeled.append(m)
    return peeled


def _resolve_aliases(mentions: list[_Mention]) -> dict[str, str]:
    """Map every written form to one key per character: 'Vask' -> 'Lord Vask', 'Mira' -> 'Mira Quill'."""
    forms = {m.name for m in mentions}
    multi = {f for f in forms if len(f.split()) > 1}
    owners: dict[str, set[str]] = {}
    for full in multi:
        core = [w for w in full.split() if w.lower() not in _TITLES] or full.split()
        for word in {core[0], core[-1]}:
            owners.setdefault(word, set()).add(full)
    # A multi-word form inside a longer one ("Vask Ironhand" in "Lord Vask Ironhand") belongs to the longer one.
    containers = _containers(multi)
    alias: dict[str, str] = {}
    for full in sorted(multi, key=lambda f: -len(f.split())):
        longer = containers.get(full, set())
        alias[full] = alias.get(only := next(iter(longer)), only) if len(longer) == 1 else full
    for form in forms - multi:
        candidates = {alias[o] for o in owners.get(form, set())}
        if len(candidates) == 1:
            alias[form] = candidates.pop()
        elif not candidates:
            alias[form] = form
        # Ambiguous single words ("Quill" when two Quills exist) map to no one.
    return alias


def _containers(forms: set[str]) -> dict[str, set[str]]:
    """Each run of two or more words inside a longer form -> the forms containing it (forms have at most 3 words,
    so this is linear where comparing every pair of forms is quadratic)."""
    containers: dict[str, set[str]] = {}
    for form in forms:
        words = form.split()
        for size in range(2, len(words)):
            for i in range(len(words) - size + 1):
                containers.setdefault(" ".join(words[i : i + size]), set()).add(form)
    return containers


_APPOSITIVE_RE = re.compile(
    r"^(?:\s+(?:itself|himself|herself|themselves))?,\s+(?P<body>(?:a|an|the|one)\s[^.!?;:\"“”]+)"
)
_TIME_CLAUSE_RE = re.compile(
    r"\b(?:night|nights|day|days|dawn|morning|afternoon|evening|dusk|sunrise|sunset|noon|midnight|hour|week|year|years|"
    r"spring|summer|autumn|winter|first light|later|ago|sun came up|drew in)\b",
    re.I,
)
_APPOSITIVE_END_RE = re.compile(
    r",\s+(?:was|were|had|has|is|who|stood|sat|waited|came|lay|lived|said|ran|and\s+(?:he|she|it|they))\b"
    r"|,\s+[a-z]+ed\b|\s+—\s+"
)


def _appositive(text: str, mention: _Mention) -> str:
    """The description right after a name ('Grendlow, an ancient sea monster with ...'), or ''."""
    match = _APPOSITIVE_RE.match(text[mention.end : mention.end + 300])
    if not match:
        return ""
    body = match.group("body")
    end = _APPOSITIVE_END_RE.search(body)
    body = (body[: end.start()] if end else body).strip(" ,")
    if _TIME_CLAUSE_RE.search(_head(body)):
        return ""  # "Gullhaven, the next morning, ...": a time clause, not a description
    return body


_EPITHET_RE = re.compile(r"(\b[\w-]+\s+[\w-]+)\s+(?:named|called)\s*$|\bthe\s+([\w-]+)\s*$", re.I)


def _collect_entities(story: _Story) -> list[_Entity]:
    """Group mentions into characters and gather the evidence about each (appositive, speech, epithets)."""
    text = story.text
    mentions = _scan_mentions(story)
    alias = _resolve_aliases(mentions)
    entities: dict[str, _Entity] = {}
    for mention in mentions:
        key = alias.get(mention.name)
        if key is None:
            continue
        entity = entities.setdefault(key, _Entity(key))
        entity.mentions.append(mention)
        entity.forms[mention.name] += 1
        appositive = _appositive(text, mention)
        if appositive and not entity.appositive:
            entity.appositive = appositive
        preceding = text[max(0, mention.start - 60) : mention.start]
        epithet = _EPITHET_RE.search(preceding)
        if epithet and not entity.named_as:
            entity.named_as = (epithet.group(1) or epithet.group(2) or "").lower()
    for quote in _quotes(text):
        if quote.speaker and quote.speaker in alias and alias[quote.speaker] in entities:
            entity = entities[alias[quote.speaker]]
            entity.speaks += 1
            if quote.verb:
                entity.speech_verbs.append(quote.verb)
    return list(entities.values())


def _is_character(entity: _Entity, story: _Story) -> bool:
    """Keep names the text treats as characters: introduced, speaking, or recurring and not a place or a word."""
    named = [m for m in entity.mentions if not m.initial]
    if not named and not entity.appositive and not entity.speaks:
        return False  # only ever at the start of sentences: an ordinary word, not a name
    if entity.speaks:
        return True
    at_place = sum(1 for m in entity.mentions if m.before in _PLACE_PREPOSITIONS)
    if at_place * 2 > len(entity.mentions):
        return False  # "in Gullhaven", "above Gullhaven": a place
    if entity.appositive:
        return True
    if entity.name.lower() in _STOPWORDS:
        return False
    # A lone word that also appears in lower case is ordinary vocabulary capitalised for emphasis.
    if len(entity.name.split()) == 1 and story.has_word(entity.name.lower()):
        return False
    return len(entity.mentions) >= 2


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z][a-z'-]*", text.lower())


def _head(appositive: str) -> str:
    """The noun phrase at the front of an appositive: 'an ancient sea monster' of '... with scales ...'."""
    return re.split(r",|\s(?:in|with|who|whose|that|which|from|and)\s", appositive, maxsplit=1)[0]


def _character_type(entity: _Entity) -> CharacterType:
    """Concept names (Time, the Storm), else the head noun of the appositive or of 'a wolf named X'."""
    if entity.name.split()[-1].lower() in _CONCEPTS:
        return "concept"
    sources = [_head(entity.appositive), entity.named_as]
    for source in sources:
        words = _words(source)
        if any(w in _CONCEPT_CUES for w in words):
            return "concept"
        for word in reversed(words):  # the head noun comes last: "a dragon rider" is a rider
            noun = _singular(word)
            if noun in _HUMANOIDS:
                return "humanoid"
            if noun in _CREATURES:
                return "creature"
            if noun in _OBJECTS:
                return "object"
    return "humanoid"


def _cue_words(entity: _Entity) -> set[str]:
    return set(_words(entity.appositive)) | set(_words(entity.named_as))


def _sentences_about(entity: _Entity, story: _Story, others: list[_Entity]) -> list[str]:
    """Sentences mentioning this character and no other, so their adjectives and colours are theirs."""
    names_other = _whole_words_re({f for o in others if o is not entity for f in o.forms})
    found: dict[str, None] = {}  # insertion-ordered, with constant-time membership
    spans: set[tuple[int, int]] = set()
    for mention in entity.mentions:
        span = story.sentence_span(mention.start)
        if span in spans:
            continue  # several mentions in one sentence: it is read once
        spans.add(span)
        sentence = story.sentence(span)
        if sentence not in found and not (names_other and names_other.search(sentence)):
            found[sentence] = None
    return list(found)


def _whole_words_re(words: set[str]) -> re.Pattern[str] | None:
    """One pattern finding any of `words` as a whole word, or None for no words."""
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")


def _palette(entity: _Entity, context: str) -> list[str]:
    """Colours named near the character, then a palette derived from the name's hash, 3-5 '#rrggbb' in all."""
    colours: list[str] = []
    for word in _words(context):
        hex_ = _COLOURS.get(word)
        if hex_ and hex_ not in colours:
            colours.append(hex_)
    digest = hashlib.sha256(slugify(entity.name).encode()).digest()
    i = 0
    while len(colours) < 3:
        hue = digest[i] / 255
        light = 0.35 + digest[i + 1] / 255 * 0.3
        sat = 0.45 + digest[i + 2] / 255 * 0.4
        r, g, b = colorsys.hls_to_rgb(hue, light, sat)
        colour = f"#{round(r * 255):02x}{round(g * 255):02x}{round(b * 255):02x}"
        if colour not in colours:
            colours.append(colour)
        i += 3
    return colours[:5]


_MARKER_SPLIT_RE = re.compile(r",\s+|\s+and\s+(?=(?:a|an|the|one|two|his|her|its|their|eyes)\b)")


def _markers(appositive: str, about: list[str]) -> list[str]:
    """Distinctive features: the appositive's 'with ...' phrases, what the character had, wore or carried, and
    keyword features (scars, masks, wings)."""
    phrases = [m.group(1) for m in re.finditer(r"\bwith\s+([^.;:!?\"“”]{3,120})", appositive)]
    for sentence in about:
        pattern = r"\b(?:had|has|wore|wears|carried|carries)\s+((?:a|an|the|his|her|its|their)\s[^,.;:!?\"“”]{3,60})"
        phrases += [m.group(1) for m in re.finditer(pattern, sentence)]
    found: list[str] = []
    # Only the first four are kept and `found` only grows, so collecting stops there.
    parts = (part.strip() for phrase in phrases for part in _MARKER_SPLIT_RE.split(phrase))
    for part in parts:
        if len(found) == 4:
            return found
        if part and part not in found:
            found.append(part)
    for match in _MARKER_KEYWORDS.finditer(" ".join([appositive, *about])):
        if len(found) == 4:
            return found
        word = match.group(0).lower()
        if not any(word in f.lower() for f in found):
            found.append(word)
    return found


def _visual_form(entity: _Entity, character_type: CharacterType, about: list[str]) -> str:
    if entity.appositive:
        return _trim(re.sub(r"^(?:a|an|the|one)\s+", "", entity.appositive), 200)
    clothing = re.search(r"\b(?:in|wearing)\s+((?:a|an|the|his|her|its|their)\s[^,.;:!?\"]{3,60})", " ".join(about))
    defaults = {
        "humanoid": "a figure of ordinary build",
        "creature": "a large, expressive creature",
        "object": "a hand-sized, well-worn object",
        "concept": "an abstract, shifting shape",
    }
    return f"{defaults[character_type]} in {clothing.group(1)}" if clothing else defaults[character_type]


def _demeanor(context: str, role: CharacterRole) -> str:
    words = set(_words(context))
    found = [d for d in _DEMEANORS if d in words]
    return ", ".join(found[:2]) if found else _DEFAULT_DEMEANOR[role]


def _era(text: str) -> str:
    """The story's period: the era whose cue words it uses most ('station', 'shuttle' -> far future)."""
    counts = Counter(_words(text))
    scores = [(sum(counts[c] for c in cues), -i, era) for i, (era, cues) in enumerate(_ERA_CUES)]
    best = max(scores)
    return best[2] if best[0] else "timeless"


def _brief(entity: _Entity, story: _Story) -> str:
    """The name with its appositive ('Grendlow, an ancient sea monster ...'), else the sentence introducing it."""
    if entity.appositive:
        brief = f"{_display_name(entity)}, {entity.appositive}."
    else:
        brief = story.sentence_at(entity.mentions[0].start)
    return _trim(brief, 240)


def _trim(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "…"


def _display_name(entity: _Entity) -> str:
    """The fullest way the story writes the name ('Lord Vask' over 'Vask'), ties to the most frequent."""
    return max(entity.forms, key=lambda f: (len(f.split()), entity.forms[f]))


def _assign_roles(kept: list[_Entity], types: dict[str, CharacterType]) -> dict[str, CharacterRole]:
    """Villain cues make antagonists; mentors, allies and recurring names support; the busiest humanoid who is
    not a mentor is the protagonist."""
    roles: dict[str, CharacterRole] = {}
    for entity in kept:
        cues = _cue_words(entity)
        if cues & _ANTAGONIST_CUES or any(v in {"sneered", "snarled"} for v in entity.speech_verbs):
            roles[entity.name] = "antagonist"
        elif cues & _SUPPORT_CUES or len(entity.mentions) >= 4 or entity.speaks >= 2:
            roles[entity.name] = "supporting"
        else:
            roles[entity.name] = "minor"
    heroes = [e for e in kept if roles[e.name] != "antagonist"]
    humanoids = [e for e in heroes if types[e.name] == "humanoid"] or heroes
    mentors = {e.name for e in humanoids if _cue_words(e) & {"mentor", "teacher", "guide"}}
    candidates = [e for e in humanoids if e.name not in mentors] or humanoids
    if candidates:
        hero = max(candidates, key=lambda e: (len(e.mentions), -e.first))
        roles[hero.name] = "protagonist"
    return roles


def _profiles(text: str) -> list[CharacterProfile]:
    """The characters of `text`, protagonist first then in order of appearance, at most eight."""
    story = _Story(text)
    entities = _collect_entities(story)
    kept = [e for e in entities if _is_character(e, story)]
    types = {e.name: _character_type(e) for e in kept}
    roles = _assign_roles(kept, types)
    rank = {"protagonist": 0, "antagonist": 1, "supporting": 2, "minor": 3}
    kept = sorted(kept, key=lambda e: (rank[roles[e.name]], -len(e.mentions), e.first))[:8]
    kept.sort(key=lambda e: (roles[e.name] != "protagonist", e.first))
    profiles = []
    era = _era(text)
    for entity in kept:
        about = _sentences_about(entity, story, kept)
        context = " ".join([entity.appositive, *about])
        role = roles[entity.name]
        profiles.append(
            CharacterProfile(
                name=_display_name(entity)[:120],
                brief=_brief(entity, story),
                character_type=types[entity.name],
                era=era,
                visual_form=_visual_form(entity, types[entity.name], about),
                color_palette=_palette(entity, entity.appositive or context),
                distinctive_markers=_markers(entity.appositive, about),
                demeanor=_demeanor(context, role),
                role=role,
            )
        )
    return profiles


# ---------------------------------------------------------------------------------------------------------------------
# Reader: panels.
# ---------------------------------------------------------------------------------------------------------------------

_SETTING_PREPOSITIONS = (
    "down|up|past|out of|on|in|at|inside|beneath|under|above|across|through|beyond|along|atop|among|amid|outside|"
    "within|near|beside|below|over|aboard|between|into"
)
# A place phrase: "[Back ]in the lighthouse on the black rocks", "along the Seine", "in Paris".
_SETTING_PHRASE = (
    rf"(?i:(?:back|down|up|out|deep|high|far|somewhere)\s)?(?i:{_SETTING_PREPOSITIONS})\s+"
    rf"(?:(?:(?i:the|a|an)|[A-Z]\w+[{_APOSTROPHES}]s)\s[^,.;:!?\"“”]{{3,90}}|[A-Z]\w+(?:\s[A-Z]\w+)*)"
)
_OPENING_SETTING_RE = re.compile(rf"(?:^|(?<=[.!?]\s)|(?<=,\s))({_SETTING_PHRASE})")
_ANY_SETTING_RE = re.compile(rf"\b({_SETTING_PHRASE})")
# Phrases built like places that describe people instead: "in a black raincoat", "in a voice like gravel".
_NOT_PLACES = frozenset(
    "coat cloak jacket raincoat hat dress scarf waistcoat boots armour armor greatcoat robe robes hood neckerchief "
    "uniform gown chains hand hands pocket voice eyes grip palm way time life moment heart silence".split()
)
_TIME_WORDS = (
    ("midnight", "at midnight"),
    ("nightfall", "at nightfall"),
    ("first light", "at dawn"),
    ("daybreak", "at dawn"),
    ("sunrise", "at sunrise"),
    ("sun came up", "at sunrise"),
    ("dawn", "at dawn"),
    ("noon", "at noon"),
    ("midday", "at noon"),
    ("afternoon", "in the afternoon"),
    ("morning", "in the morning"),
    ("sunset", "at sunset"),
    ("dusk", "at dusk"),
    ("twilight", "at twilight"),
    ("evening", "in the evening"),
    ("night", "at night"),
)
_TIME_WORD_RES = tuple((re.compile(rf"\b{word}\b"), phrase) for word, phrase in _TIME_WORDS)
# Mood by cue words, most telling first; stems match inflections ("laughed", "flooded").
_MOODS = (
    (r"all seemed lost|terrible|in chains|trapped|cage", "desperate"),
    (r"storm\w*|thunder\w*|lightning", "stormy"),
    (r"fog|mist\w*", "misty"),
    (r"rain|flood\w*", "rain-soaked"),
    (r"snow\w*|frost\w*|ice|icy", "icy"),
    (r"fire|flames?|blaz\w+", "fiery"),
    (r"roar\w*|battle\w*|fought|chas\w+|hunting|outran|dodged", "tense"),
    (r"laugh\w*|music|cheer\w*|grinned|birdsong", "joyful"),
    (r"silent|silence|quiet|hush\w*|mournful\w*", "hushed"),
    (r"sun|sunrise|golden|bright\w*|glow\w*|blazed", "bright"),
    (r"dark\w*|shadows?|moonless", "dark"),
)
_MOOD_RES = tuple((re.compile(rf"\b(?:{pattern})\b"), name) for pattern, name in _MOODS)


def _beats(text: str) -> list[str]:
    """Story beats: paragraphs, split by sentences up to at least six, merged down to at most twelve."""
    beats = _paragraphs(text)
    while len(beats) < 6:
        split = [(len(_sentences(b)), i) for i, b in enumerate(beats)]
        count, index = max(split)
        if count < 2:
            break
        sentences = _sentences(beats[index])
        half = count // 2
        beats[index : index + 1] = [" ".join(sentences[:half]), " ".join(sentences[half:])]
    return _merge_shortest(beats, 12)


def _merge_shortest(beats: list[str], most: int) -> list[str]:
    """Join the adjacent pair with the shortest combined text (leftmost on a tie) until at most `most` remain.

    A heap of candidate pairs, stale ones skipped, keeps this O(n log n) in paragraphs; rescanning every pair for
    each merge is quadratic (a story of thousands of one-line paragraphs).
    """
    end = remaining = len(beats)
    groups: list[list[str] | None] = [[beat] for beat in beats]  # each merged beat's paragraphs, kept at its first
    lengths = [len(beat) for beat in beats]  # of the joined group
    following = list(range(1, end + 1))  # index of the next live group, `end` for none
    preceding = list(range(-1, end - 1))  # -1 for none
    pairs = [(lengths[i] + 1 + lengths[i + 1], i, i + 1) for i in range(end - 1)]
    heapq.heapify(pairs)
    while remaining > most:
        total, left, right = heapq.heappop(pairs)
        group, merged = groups[left], groups[right]
        # Lengths only grow, so a pair whose total changed (or whose right side moved on) is stale.
        if group is None or merged is None or following[left] != right or lengths[left] + 1 + lengths[right] != total:
            continue
        group.extend(merged)
        groups[right] = None
        lengths[left] = total
        following[left] = following[right]
        if following[left] < end:
            preceding[following[left]] = left
            heapq.heappush(pairs, (total + 1 + lengths[following[left]], left, following[left]))
        if preceding[left] >= 0:
            heapq.heappush(pairs, (lengths[preceding[left]] + 1 + total, preceding[left], left))
        remaining -= 1
    return [" ".join(group) for group in groups if group is not None]


def _without_quotes(text: str) -> str:
    return _QUOTED_RE.sub(" ", text)


_QUOTED_RE = re.compile(r'"[^"]*"|“[^”]*”')
_SETTING_END_RE = re.compile(r"\s(?:until|while|when|as|and then)\s")


def _setting(plain: str) -> str:
    """The beat's place: a phrase opening a sentence or clause, else any place-like phrase that is not clothing."""
    # Lazily: the first fitting phrase is usually near the start of a beat that may be long.
    candidates = (
        m.group(1) for m in itertools.chain(_OPENING_SETTING_RE.finditer(plain), _ANY_SETTING_RE.finditer(plain))
    )
    for phrase in candidates:
        phrase = _SETTING_END_RE.split(phrase)[0].strip()
        if not set(_words(phrase)) & _NOT_PLACES:
            return phrase
    return ""


_SPACES_RE = re.compile(r"\s+")
_CLAUSE_END_RE = re.compile(r":\s|;\s")


def _background(beat: str, inherited: str) -> tuple[str, str]:
    """'<place> <time> (<mood>): <action>' from the beat's own words, and the place it used.

    A beat that names no place stays where the previous one was (`inherited`), as a comic's panels do.
    """
    plain = _SPACES_RE.sub(" ", _without_quotes(beat)).strip()
    own = _setting(plain)
    setting = own or inherited
    low = plain.lower()
    time = next((phrase for word, phrase in _TIME_WORD_RES if word.search(low)), "")
    if time and time.split()[-1] in setting.lower():
        time = ""
    mood = next((name for pattern, name in _MOOD_RES if pattern.search(low)), "")
    action = _action(plain, own)
    scene = " ".join(part for part in (_cap(setting), time) if part) or "The scene"
    if mood:
        scene += f" ({mood})"
    room = 240 - len(scene) - 2
    background = f"{scene}: {_trim(action, max(room, 20))}"[:240] if action else _trim(scene, 240)
    return background, setting


def _action(plain: str, setting: str) -> str:
    """The beat's first real sentence, minus an opening setting phrase and the time clause that follows it."""
    for sentence in _iter_sentences(plain):
        rest = sentence
        if setting and rest.startswith(setting):
            rest = rest[len(setting) :]
        rest = rest.strip(" ,")
        # Drop a leading time clause ("one moonless night, ...") now carried by the time of day.
        parts = rest.split(", ", 1)
        if len(parts) == 2 and len(parts[0].split()) <= 8 and _TIME_CLAUSE_RE.search(parts[0]):
            rest = parts[1]
        # "the news was on every tongue: the tyrant ..." - the clause before a colon is the action.
        head = _CLAUSE_END_RE.split(rest, maxsplit=1)[0]
        rest = head if len(head.split()) >= 4 else rest
        rest = rest.strip(" ,")
        if len(rest.split()) >= 3:
            return rest.rstrip(".")
    return plain.rstrip(".")


_COMMON_WORDS = _STOPWORDS | _CONCEPTS | _CREATURES | _OBJECTS | _HUMANOIDS | frozenset(_COLOURS)


def _cast_aliases(cast: list[str]) -> list[tuple[tuple[str, ...], str]]:
    """Slug-token sequences that identify each cast member: the full name, plus a unique first or last name."""
    aliases: list[tuple[tuple[str, ...], str]] = []
    singles: dict[str, set[str]] = {}
    for name in cast:
        tokens = tuple(t for t in slugify(name).split("-") if t)
        if not tokens:
            continue
        aliases.append((tokens, name))
        core = [t for t in tokens if t not in _TITLES and t != "the"] or list(tokens)
        for token in {core[0], core[-1]}:
            singles.setdefault(token, set()).add(name)
    full_singles = {a[0][0] for a in aliases if len(a[0]) == 1}
    for token, owners in singles.items():
        if len(owners) == 1 and (token,) not in {a[0] for a in aliases} and token not in full_singles:
            aliases.append(((token,), owners.pop()))
    return sorted(aliases, key=lambda a: -len(a[0]))


@lru_cache(maxsize=16384)
def _word_slug(word: str) -> str:
    """`slugify` of one word; a story repeats its words, and slugify (Unicode normalisation) is the costly part."""
    return slugify(word)


_ALNUM_RUN_RE = re.compile(r"[^\W_]+")


def _panel_characters(beat: str, aliases: list[tuple[tuple[str, ...], str]]) -> list[str]:
    """Cast members named in the beat, in order of first mention, spelled as in the cast, at most four."""
    words = [(_word_slug(m.group(0)), m.group(0)) for m in _ALNUM_RUN_RE.finditer(beat)]
    slugs = [w[0] for w in words]
    # Only aliases starting with the word at hand can match there; each keeps its longest-first order.
    by_first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
    for alias in aliases:
        by_first.setdefault(alias[0][0], []).append(alias)
    found: list[str] = []
    i = 0
    while i < len(words):
        for tokens, name in by_first.get(slugs[i], ()):
            if tuple(slugs[i : i + len(tokens)]) != tokens:
                continue
            written = [w[1] for w in words[i : i + len(tokens)]]
            # Lower-case common words ("time", "the storm") are not the characters Time or The Storm.
            if all(w.islower() for w in written) and set(tokens) <= _COMMON_WORDS:
                continue
            if name not in found:
                found.append(name)
            i += len(tokens) - 1
            break
        i += 1
    return found[:4]


_CONTINUATION_RE = re.compile(rf"^\s*,?\s*[^.!?]{{0,60}}(?:{_SPEECH_VERBS})[^.!?]{{0,40}},\s*$")


def _dialogue(beat: str) -> str:
    """The beat's first quoted line, credited to its speaker ('Mira: Hold the light!'), else a caption."""
    quotes = _quotes(beat)
    if not quotes:
        return _trim(next(_iter_sentences(beat), beat), 160)
    first = quotes[0]
    line = first.text
    # '"Wait," said Mira, "the lamp!"' is one utterance split by its attribution.
    if len(quotes) > 1 and first.speaker:
        between = beat[first.end : quotes[1].start]
        continuation = _CONTINUATION_RE.match(between)
        if continuation:
            line = f"{line} {quotes[1].text}"
    if line.endswith(","):
        line = line[:-1] + "."
    prefix = f"{first.speaker}: " if first.speaker else ""
    return _trim(prefix + line, 160)


def _panels(story: str, cast: list[str]) -> list[PanelDraft]:
    aliases = _cast_aliases(list(dict.fromkeys(cast)))
    beats = _beats(story)
    # Before the story names a place, panels use the first place it names at all.
    setting = next((found for found in (_setting(_without_quotes(b)) for b in beats) if found), "")
    panels = []
    for beat in beats:
        background, setting = _background(beat, setting)
        panels.append(
            PanelDraft(background=background, characters=_panel_characters(beat, aliases), dialogue=_dialogue(beat))
        )
    return panels


# ---------------------------------------------------------------------------------------------------------------------
# The provider.
# ---------------------------------------------------------------------------------------------------------------------


class OfflineStoryteller:
    """A deterministic storyteller that needs no key and no network; the default LLM provider."""

    name = "offline-storyteller"

    def __init__(self, chunk_delay: float = 0.0, words_per_chunk: int = 4) -> None:
        if words_per_chunk < 1:
            raise ValueError("words_per_chunk must be at least 1")
        if chunk_delay < 0:
            raise ValueError("chunk_delay must not be negative")
        self.chunk_delay = chunk_delay
        self.words_per_chunk = words_per_chunk

    async def write_story(self, prompt: str, on_delta: OnDelta) -> StoryResult:
        """Write the prompt's hero's-journey story, streaming it to `on_delta` a few words at a time."""
        if not prompt.strip():
            raise ProviderError("prompt is empty", retryable=False)
        text = _compose(prompt.strip())
        for i, chunk in enumerate(_chunks(text, self.words_per_chunk)):
            if i and self.chunk_delay > 0:
                await asyncio.sleep(self.chunk_delay)
            await on_delta(chunk)
        usage = TokenUsage(
            prompt_tokens=_count_tokens(prompt) + _count_tokens(STORY_SYSTEM_PROMPT),
            completion_tokens=_count_tokens(text),
        )
        return StoryResult(text=text, finish_reason="stop", usage=usage)

    # Parsing is CPU-bound (about half a second a megabyte), so it runs in a worker thread: on the event loop it
    # would stall every other activity and heartbeat of the worker. A thread is enough: the parser is Python code
    # that gives up the GIL every few milliseconds, and its longest single C call (a regex pass over the whole
    # story) takes tens of milliseconds for a megabyte.

    async def extract_characters(self, story: str) -> Extraction[CharacterProfile]:
        """The characters named in `story` as written (it may have been edited), protagonist first."""
        if not story.strip():
            raise ProviderError("story is empty", retryable=False)
        return await asyncio.to_thread(_character_extraction, story)

    async def generate_panels(self, story: str, cast: list[str]) -> Extraction[PanelDraft]:
        """Break `story` into 6-12 panels (fewer for a very short story) whose characters come only from `cast`."""
        if not story.strip():
            raise ProviderError("story is empty", retryable=False)
        return await asyncio.to_thread(_panel_breakdown, story, cast)


def _character_extraction(story: str) -> Extraction[CharacterProfile]:
    profiles = _profiles(story)
    return Extraction(items=profiles, usage=_usage(CHARACTERS_SYSTEM_PROMPT, story, profiles))


def _panel_breakdown(story: str, cast: list[str]) -> Extraction[PanelDraft]:
    panels = _panels(story, cast)
    system = PANELS_SYSTEM_PROMPT.format(cast=", ".join(cast))
    return Extraction(items=panels, usage=_usage(system, story, panels))


def _usage(system: str, story: str, items: list[CharacterProfile] | list[PanelDraft]) -> TokenUsage:
    """Token estimate for a structured call: system prompt plus story in, the items' JSON out."""
    answer = json.dumps([item.model_dump() for item in items])
    return TokenUsage(
        prompt_tokens=_count_tokens(system) + _count_tokens(story), completion_tokens=_count_tokens(answer)
    )
