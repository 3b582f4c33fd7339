"""The writer's world (data/world.toml, data/cast.toml, data/lines.toml): biomes, looks and lines."""

from dataclasses import dataclass, fields

from providers.offline.data import load


@dataclass(frozen=True)
class Biome:
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
    creature_crossing: str  # a creature hero's: it swims or slips out, it does not row or steer a shuttle
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
    villain_kinds: tuple[str, ...]  # what kind of villain fits the place
    creature_home: str = ""  # a creature hero's home there, when not the hidden hollow out in the wild
    creature_routine: str = ""  # a creature hero's days there: a cat at the circus sweeps no sawdust ring
    creature_routine_short: str = ""
    # A place's own menace where the open worlds have an army (a circus is not besieged): the news of it, what the
    # villain had done, what keeps the hero awake, and whom the villain sends instead of soldiers.
    menace_news: str = ""
    menace: str = ""
    menace_sound: str = ""
    henchmen: str = ""
    mentor_garment: str = "coat"  # what the mentor's faded coat is there: a diving suit under the sea (world.toml)
    gift_carried: str = ""  # how the hero carries a gift too big for a pocket: "under {poss} arm" (world.toml)


def wear(dressed: str, garment: str) -> str:
    """A mentor's dress ("in his faded teal coat, with ...") in the world's `garment` instead of the coat: "in his
    faded teal diving suit, with ..."; as it was when the dress is not "in" a coat."""
    if garment == "coat" or not dressed.startswith("in ") or " coat" not in dressed:
        return dressed
    return dressed.replace(" coat", f" {garment}", 1)


def _biome(table: dict[str, str | list[str]]) -> Biome:
    values = {f.name: table[f.name] for f in fields(Biome) if f.name in table}
    return Biome(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})  # type: ignore[arg-type]


_WORLD = load("world")
_CAST = load("cast")
_LINES = load("lines")

# The storyteller's own worlds, then the places a prompt may name (data/places.toml, outings.toml): a circus, the ice.
_PLACES = load("places")["biomes"] | load("outings")["biomes"]
# The mentor's garment and how the gift is carried in each world are world.toml's, for the places of places.toml
# and outings.toml too.
_DRESS: dict[str, dict[str, str]] = {
    "mentor_garment": _WORLD["mentor_garments"],
    "gift_carried": _WORLD["gift_carried"],
}
BIOMES: dict[str, Biome] = {
    key: _biome(table | {field: by_world[key] for field, by_world in _DRESS.items() if key in by_world})
    for key, table in (_WORLD["biomes"] | _PLACES).items()
}
# The storyteller's own worlds: a prompt that names no place is told in one of these, not in a hospital.
OPEN_WORLDS: tuple[str, ...] = tuple(sorted(_WORLD["biomes"]))
# A trade's own world for a French or Spanish tale that names no place: {"baker": "bakery"}.
TRADE_WORLDS: dict[str, str] = dict(_WORLD["trade_worlds"])
# Homes that deserve their own flavour when the prompt names them: (home, routine, routine_short, call setting,
# call event, transformed).
HOME_FLAVOURS: dict[str, tuple[str, str, str, str, str, str]] = {
    key: (t["home"], t["routine"], t["routine_short"], t["call_setting"], t["call_event"], t["transformed"])
    for key, t in _WORLD["home_flavours"].items()
}
# Homes under glass where nothing grows in the open (Mars, a station): {"garden": "the greenhouse garden ..."}.
DOMED_HOMES: dict[str, str] = {k: t["domed_home"] for k, t in _WORLD["home_flavours"].items() if "domed_home" in t}
# A creature hero's home, routine and routine_short when the prompt names no place.
CREATURE_HOME: tuple[str, str, str] = tuple(  # type: ignore[assignment]
    _WORLD["creature_home"][k] for k in ("home", "routine", "routine_short")
)

_LOOKS = _CAST["looks"]
HERO_TRAITS: tuple[str, ...] = tuple(_LOOKS["hero_traits"])
GARMENT_COLOURS: tuple[str, ...] = tuple(_LOOKS["garment_colours"])
GARMENTS: tuple[str, ...] = tuple(_LOOKS["garments"])
ROBOT_BODIES: tuple[str, ...] = tuple(_LOOKS["robot_bodies"])
# A hero's garments by trade (the role's words, in file order) and by world: see data/cast.toml.
TRADE_GARMENTS: tuple[tuple[frozenset[str], tuple[str, ...]], ...] = tuple(
    (frozenset(t["words"].split()), tuple(t["garments"])) for t in _CAST["trade_garments"]
)
WORLD_GARMENTS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _CAST["world_garments"].items()}
GEM_LOOKS: tuple[str, ...] = tuple(_LOOKS["gem_looks"])
HERO_MARKERS: tuple[str, ...] = tuple(_LOOKS["hero_markers"])
# A robot hero's: the hero markers without a face or hands, and a robot's own.
ROBOT_MARKERS: tuple[str, ...] = tuple(
    [m for m in HERO_MARKERS if "eyebrow" not in m and "fingers" not in m] + _LOOKS["robot_markers"]
)
CREATURE_MARKERS: tuple[str, ...] = tuple(_LOOKS["creature_markers"])
MENTOR_TRAITS: tuple[str, ...] = tuple(_LOOKS["mentor_traits"])
MENTOR_MARKERS: tuple[str, ...] = tuple(_LOOKS["mentor_markers"])
MYSTERY_VILLAIN_KINDS: tuple[str, ...] = tuple(_LOOKS["mystery_villain_kinds"])
VILLAIN_LOOKS: tuple[str, ...] = tuple(_LOOKS["villain_looks"])
VILLAIN_MARKERS: tuple[str, ...] = tuple(_LOOKS["villain_markers"])
ALLY_TRAITS: tuple[str, ...] = tuple(_LOOKS["ally_traits"])
ALLY_LOOKS: tuple[str, ...] = tuple(_LOOKS["ally_looks"])
CREATURE_TRAITS_BIG: tuple[str, ...] = tuple(_LOOKS["creature_traits_big"])
CREATURE_TRAITS_SMALL: tuple[str, ...] = tuple(_LOOKS["creature_traits_small"])
SEA_LOOKS: tuple[str, ...] = tuple(_LOOKS["sea_looks"])
OBJECT_LOOKS: tuple[str, ...] = tuple(_LOOKS["object_looks"])
CREATURE_LOOKS: dict[str, tuple[str, ...]] = {k: tuple(v) for k, v in _CAST["creature_looks"].items()}
OBJECT_POWERS: dict[str, str] = dict(_CAST["object_powers"])
CREATURE_FOLLOWERS: dict[str, str] = dict(_CAST["creature_followers"])
VESSEL_FINDS: dict[str, str] = dict(_CAST["vessel_finds"])
# Concept -> (how it looks, what is lost if it is caged, what it teaches the hero); "default" for any other.
_CONCEPTS = {k: (v[0], v[1], v[2]) for k, v in _CAST["concepts"].items()}
DEFAULT_CONCEPT: tuple[str, str, str] = _CONCEPTS.pop("default")
CONCEPT_DETAILS: dict[str, tuple[str, str, str]] = _CONCEPTS

# (first line, closing line, closing gesture when the story has no companion).
BOOKEND_LINES: tuple[tuple[str, str, str], ...] = tuple((a, b, c) for a, b, c in _LINES["bookends"])
THRESHOLD_LINES: tuple[str, ...] = tuple(_LINES["threshold"])
ADVICE_LINES: tuple[str, ...] = tuple(_LINES["advice"])
# When each stage happens: stage -> phrases, drawn in this order.
TIMES: dict[str, tuple[str, ...]] = {stage: tuple(phrases) for stage, phrases in _LINES["times"].items()}
