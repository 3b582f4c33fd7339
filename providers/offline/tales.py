"""Stories in the prompt's own language (data/tale_<code>.toml, French and Spanish): the hero's journey with the
plan's names, and the prompt's own words for the hero, the companion and the place. The mentor's home, the journey's
places, the messenger, the villain's lair and henchmen, the menace and the chase are the story's world's ([worlds], as
the English biome's: a rink's private box and hired skaters, not a fortress and riders), a home the prompt names has
its own days ([flavours]), a mystery loses its thing and finds it (the `_mystery` stages), and a creature the hero
fights is the villain, its own kind at its side (the plan's `beast`, `foe_*`)."""

from __future__ import annotations

import random
import re
from typing import Any

from providers.offline.contest_tale import contest_paragraphs
from providers.offline.data import load
from providers.offline.foreign import english, native
from providers.offline.hunt import hunt_story
from providers.offline.lexicon import APOSTROPHES, PLACE_BIOMES, PLACE_NAMES, SPEAKING_THINGS, VEHICLE_PLACES
from providers.offline.looks import colours_in, tale_colours
from providers.offline.plan import Companion, Plan, Who
from providers.offline.prompt import short_sentence
from providers.offline.templates import article, fill
from providers.offline.text import cap, dedupe_words, lower_words
from providers.offline.titles import named_role
from providers.offline.world import BIOMES, HOME_FLAVOURS, OPEN_WORLDS

LANGUAGES = ("fr", "es")

_PLACE_RES = {
    "fr": re.compile(
        rf"\b(?:dans|sur|sous|en|au|aux|à|près de)\s+(?:(?:le|la|les|un|une|des)\s+|l[{APOSTROPHES}])?([^\W\d_]+)", re.I
    ),
    "es": re.compile(r"\b(?:en|sobre|bajo|cerca de|junto a|por)\s+(?:(?:el|la|los|las|un|una)\s+)?([^\W\d_]+)", re.I),
}

_AND = {"fr": "et", "es": "y"}


def _gender(who: Who) -> str:
    return "f" if who.subj == "she" else "m"


def _untitled(who: Who) -> str:
    """A titled name without its English title: 'Jarl Ingrika Stonecrest' is 'Ingrika Stonecrest' in a French tale."""
    words = who.full.split()
    return " ".join(words[-2:]) if len(words) > 2 else who.full


def _place(prompt: str, code: str) -> tuple[str, str | None] | None:
    """The prompt's own phrase for where the story is ('dans la forêt', 'sur Mars', 'en las montañas'), and the
    biome its word names (None for a world by name)."""
    for match in _PLACE_RES[code].finditer(prompt):
        word = english(match.group(1)).lower()
        train = VEHICLE_PLACES.get(word) == "train"  # "en el tren": a world of its own, not a boat a cat finds
        if word in PLACE_BIOMES or word in PLACE_NAMES or train:
            return match.group(0)[:1].lower() + match.group(0)[1:], PLACE_BIOMES.get(word, "train" if train else None)
    return None


def plural_noun(noun: str, code: str) -> str:
    """A French or Spanish noun's plural: 'dragon' -> 'dragons', 'dragón' -> 'dragones', 'loup' -> 'loups'."""
    if noun[-1:] in "sxz":
        return noun if code == "fr" else noun[:-1] + "ces" if noun.endswith("z") else noun
    if code == "fr":
        return noun[:-2] + "aux" if noun.endswith("al") else noun + ("x" if noun.endswith(("eau", "eu")) else "s")
    if noun[-1:] in "aeiouáéó":
        return noun + "s"
    return noun[:-3] + noun[-3:].translate(_UNACCENT) + "es"  # "león" -> "leones"


_UNACCENT = str.maketrans("áéíóú", "aeiou")


def _biome_key(p: Plan) -> str:
    return next(k for k, biome in BIOMES.items() if biome is p.biome)


def _home(p: Plan, prompt: str, data: dict[str, Any]) -> str:
    """Where the tale lives: the place the prompt names when it is the story's world; else the world's own home
    ("un cirque arrive dans la ville" is at the circus, a mermaid under the sea), for a creature or a world not the
    storyteller's own; else the little house at the edge of town."""
    key = _biome_key(p)
    place = _place(prompt, data["code"])
    own = data["homes"][key].format(town=p.town) if key in data["homes"] else None
    if place and (own is None or place[1] in (None, key)):
        return place[0]
    if own and (place or p.facts.hero_kind == "creature" or key not in OPEN_WORLDS):
        return own
    return data["default_home"].format(town=p.town)


def _world_places(p: Plan, data: dict[str, Any], flags: dict[str, bool], values: dict[str, str]) -> dict[str, str]:
    """The mentor's home and the journey's places in the story's world (data [worlds]), as the English biome's: a
    lighthouse over the harbour by the sea, a workshop under the city's roofs; the mill and the hills elsewhere."""
    worlds = data["worlds"]
    table = worlds["default"] | worlds.get(_biome_key(p), {})
    # A cow at the farm milks no cows: a creature's own days in its world (a mermaid swims among the weed), else its
    # kind's; a person's the world's trade.
    creature = p.facts.hero_kind == "creature"
    table = {key: text for key, text in table.items() if not key.startswith("routine" if creature else "creature_")}
    if creature:
        table = {key.removeprefix("creature_"): text for key, text in table.items()}
    places = {key: fill(text, flags, values) for key, text in table.items()}
    return places | {key[:1].upper() + key[1:]: cap(text) for key, text in places.items()}


def _flavour(p: Plan, data: dict[str, Any]) -> dict[str, str] | None:
    """The tale's table for the home of its own the plan's prompt names (a garden, a lighthouse), else None."""
    key = next((k for k, flavour in HOME_FLAVOURS.items() if flavour[1] == p.routine), None)
    return data["flavours"].get(key) if key else None


def _named(prompt: str, code: str, companion: Companion) -> tuple[str, str, str]:
    """(name, the prompt's noun for it, its gender): a jewel known by its house ("the Ashcombe Diamond") by the
    house alone, since its English name would not read in the tale."""
    noun, gender = native(prompt, code, companion.thing.noun) or (companion.thing.noun, "m")
    full = companion.who.full
    return (full.split()[1] if full.startswith("the ") else full), noun, gender


def _extras(p: Plan, prompt: str, data: dict[str, Any], flags: dict[str, bool], values: dict[str, str]) -> str:
    """A sentence each for the prompt's other creatures and objects, so they join the cast too."""
    sentences = []
    for extra in p.companions[1:]:
        if extra.thing.kind not in ("creature", "object"):
            continue
        name, noun, gender = _named(prompt, data["code"], extra)
        more = {"x": name, "un_x": article(data, "un", noun, gender)}
        sentences.append(
            fill(data["stages"][f"extra_{extra.thing.kind}"], {**flags, "xc": gender == "m"}, {**values, **more})
        )
    return "".join(sentences)


def _elide(text: str, data: dict[str, Any]) -> str:
    """'de Ashleigh' -> "d'Ashleigh": the tale's small words before a name that starts with a vowel."""
    for pair, joined in data.get("contractions", {}).items():  # "a el vagón" -> "al vagón"
        text = re.sub(rf"\b{pair}\b", joined, text)
    small = data["elide_before_names"]
    if not small:
        return text
    pattern = re.compile(rf"\b({'|'.join(small)}) (?=[AEIOUYÉÈÊÂÎÔÛ])")
    return pattern.sub(lambda m: f"{m.group(1)[:-1]}'", text)


def _companion(p: Plan) -> Companion | None:
    """The story's companion when it is a creature or an object (a concept has no tale of its own)."""
    main = p.companions[0] if p.companions else None
    return main if main is not None and main.thing.kind in ("creature", "object") else None


def compose_tale(p: Plan, prompt: str) -> str | None:
    """The story in a shape of its own, else None (the hero's journey): in the prompt's language when there are
    templates for it, or, in English, the hunt, flight or fight of a prompt that names only creatures in conflict
    ("two wolves hunt a deer", hunt.py)."""
    code = p.facts.language_code
    if code is None and p.facts.hunt:
        return hunt_story(p)
    if code not in LANGUAGES:
        return None
    data = {**load(f"tale_{code}"), "code": code}
    rng = random.Random(f"{p.hero.full}|{p.villain.full}|{code}")
    choices, stages = data["choices"], data["stages"]
    roles = data["roles"].get(_biome_key(p), choices["roles"])  # a circus story's acrobat, not a shepherd
    # A person the prompt names by a word the glossary does not know keeps the word's sex: "une gouvernante".
    found = native(prompt, code, p.facts.hero_noun) if p.facts.hero_noun else named_role(prompt, roles)
    hero_gender = found[1] if found else _gender(p.hero)
    role = found[0] if found and found[0] else rng.choice(roles).split("|")[0 if hero_gender == "m" else 1]
    main = _companion(p)
    kind = main.thing.kind if main else "none"
    comp, noun, comp_gender = "", "", "m"
    if main is not None:
        comp, noun, comp_gender = _named(prompt, code, main)
    # The prompt's other people; one of the hero's own noun is named after the hero's word ("una cocinera compite
    # contra un cocinero rival": the rival is "un cocinero", not the hero's "cocinera").
    word = (found[0] or "") if found else ""
    after = prompt[prompt.lower().find(word) + len(word) :] if word and word in prompt.lower() else ""
    others = [(after if o.noun == p.facts.hero_noun and after else prompt, o.noun) for o in p.facts.others]
    people = [native(said, code, noun) or (noun, "m") for said, noun in others]
    # "un chevalier combat un dragon": the creature fought is the villain, called as the prompt calls it
    beast = (native(prompt, code, p.beast) or (p.beast, "m")) if p.beast else None
    rival = beast or (people.pop(0) if p.rival and people else None)
    ally = people[0] if people else None
    flags = {
        "h": hero_gender == "m",
        "v": (rival[1] if rival else _gender(p.villain)) == "m",
        "m": _gender(p.mentor) == "m",
        "a": (ally[1] if ally else _gender(p.ally)) == "m",
        "c": comp_gender == "m",
        "s": kind != "creature",  # a creature travels with the hero; an object is carried
        "b": beast is None or beast[1] == "m",
    }

    def gendered(options: list[str], who: str) -> str:
        return rng.choice(options).split("|")[0 if flags[who] else 1]

    gift, gift_use = rng.choice(choices["gifts"])
    creature = data["creature"] if p.facts.hero_kind == "creature" else None  # a monkey carries no lantern
    pronouns = data["pronouns"]
    il = pronouns["m" if flags["h"] else "f"]
    values = {
        "hero": p.hero.full,
        "h": p.hero.short,
        "villain": _untitled(p.villain),
        "v": p.villain.short,
        "mentor": _untitled(p.mentor),
        "m": p.mentor.short,
        "ally": p.ally.full,
        "a": p.ally.short,
        "comp": comp,
        "town": p.town,
        "prompt": short_sentence(prompt),
        "role": role,
        "un_role": article(data, "un", role, hero_gender),
        "un_chose": article(data, "un", noun, comp_gender) if main else "",
        "le_chose": article(data, "le", noun, comp_gender) if main else "",
        "il": il,
        "pron": il if flags["s"] else pronouns["plural"],
        "travellers": p.hero.short if flags["s"] else f"{p.hero.short} {_AND[code]} {comp}",
        "trait": gendered(choices["traits"], "h"),
        "look": rng.choice((creature or choices)["looks"]),
        "routine": rng.choice((creature or choices)["routines"]),
        "vkind": gendered(data["villains"].get(_biome_key(p), choices["villain_kinds"]), "v"),  # a rink's cheat
        "ajob": ally[0] if ally else gendered(choices["ally_jobs"], "a"),
        "gift": gift,
        "gift_use": gift_use,
        "prompt_lead": data["prompt_lead"].format(town=p.town),
        "routine_short": (creature or stages)["routine_short"],
    }
    # The ally's and the mentor's coats: in colours apart from the hero's look and the villain's black coat.
    plan_colours = [next(iter(colours_in(look)), None) for look in (p.ally_look, p.mentor_marker)]
    values["acoul"], values["mcoul"] = tale_colours(code, values["look"], plan_colours)
    # The hero's first line and the one that answers it at the end, drawn last so the other choices stay as they were.
    opening, closing, closing_how = rng.choice(data["bookends"])
    values.update(opening=opening, closing=closing, closing_how=closing_how)
    values["gives"] = fill((creature or data)["gives"], flags, values)
    values["Gives"] = cap(values["gives"])
    values["and_comp"] = fill(stages["and_comp"], flags, values) if main else ""
    if rival:  # "un detective persigue a un ladrón": the thief is the villain, as the prompt calls them
        values["vkind"] = data["rival_kind"].format(un_x=article(data, "un", rival[0], rival[1]))
    values["vlook"] = data["foe_look" if beast else "villain_look"]
    values["hides"] = fill((creature or data)["hides"], flags, values)
    values.update(_world_places(p, data, flags, values))
    if beast:  # the dragon's own kind guard its lair and give chase, not the world's soldiers or riders
        kin = {**values, "xs": plural_noun(beast[0], code)}
        values["troops"] = fill(data["foe_troops"], flags, kin)
        values.update(Troops=cap(values["troops"]), pursuit=fill(data["foe_pursuit"], flags, kin))
        for key in ("lair", "lair_in", "ruins", "freed"):  # its den in the world, not the world's fortress
            values[key] = fill(data[f"foe_{key}"], flags, values)
            values[key[:1].upper() + key[1:]] = cap(values[key])
    values["default_home"] = data["default_home"].format(town=p.town)
    home = _home(p, prompt, data)
    flavour = _flavour(p, data)
    if flavour and p.facts.hero_kind != "creature":  # "un robot cultive un jardin sur Mars": the garden's days
        home = flavour.get(f"home_{_biome_key(p)}", flavour["home"]).format(town=p.town)
        values.update(routine=flavour["routine"], routine_short=flavour["routine_short"])
    values.update(home=home, Home=cap(home))
    contest = contest_paragraphs(p, prompt, data, flags, values, rival, ally)
    if contest is not None:  # "deux chefs rivaux s'affrontent dans un concours de cuisine": told around the event
        return "\n\n".join(_elide(dedupe_words(paragraph), data) for paragraph in contest)
    values["extras"] = _extras(p, prompt, data, flags, values)
    # "un diamant disparaît dans le train de nuit": the thing goes missing, the villain took it, the hero finds it.
    mystery = p.mystery and kind == "object"
    for part in ("goal", "sleepless", "company", "situation", "help", "presence"):
        # A conflict with no companion is the rival's: "X had struck again", sworn no detective would catch them.
        variant = "rival" if rival and kind == "none" and f"{part}_rival" in stages else kind
        variant = "mystery" if mystery and f"{part}_mystery" in stages else variant
        values[part] = fill(stages[f"{part}_{variant}"], flags, values)
        if creature and f"{part}_{variant}" in creature:  # no pocket or coat to tuck a thing in
            values[part] = fill(creature[f"{part}_{variant}"], flags, values)
    # "un chevalier combat un dragon": the dragon the hero would fight turns out not to be the enemy.
    call = "call_creature_hostile" if kind == "creature" and p.facts.hostile and not rival else f"call_{kind}"
    call = "call_rival" if rival and kind == "none" else call
    # A chest does not talk; a magic sword may ("une épée magique": the prompt's own words say so).
    magic = main is not None and (main.speaks or bool(set(lower_words(prompt)) & SPEAKING_THINGS))
    silent = "" if magic else "_silent"
    call, reward = (
        call + (silent if call == "call_object" else ""),
        f"reward_{kind}" + (silent if kind == "object" else ""),
    )
    if mystery:
        call, reward = "call_mystery", "reward_mystery"
    order = ("ordinary", call, "refusal", "mentor", "threshold", "trials", "ordeal", reward)
    # A creature's own stage where a person's would not do: no crowd lifts a mermaid onto its shoulders.
    own = {**stages, **{k: v for k, v in (creature or {}).items() if k in stages and k in order}}
    paragraphs = [fill(own[stage], flags, values) for stage in (*order, "road", "homecoming")]
    return "\n\n".join(_elide(dedupe_words(paragraph), data) for paragraph in paragraphs)
