"""French and Spanish competitions (data/tale_<code>.toml [contest]): a prompt whose event is a contest, a race, a
tournament or a banquet is told around that event in the prompt's own language, as an English one is (contest.py):
the hero works at a craft, the event is announced, the rival boasts, the rounds are worked through, the rival cheats
in the last one, and the hero wins where it ends; in the contestants' own world under the sea or in the sky
([contest.worlds], the English contest's worlds)."""

from __future__ import annotations

from typing import Any

from providers.offline.contest import world_key
from providers.offline.foreign import native
from providers.offline.lexicon import CRAFT_OF
from providers.offline.plan import Plan
from providers.offline.templates import article, fill
from providers.offline.text import cap, lower_words

STAGES = ("call", "rival", "mentor", "arrival", "rounds", "last_round", "finale", "aftermath", "homecoming")

# The English events' crafts: a banquet's contestants cook, a race's run, a tournament's joust.
_CRAFTS_AS = {"banquet": "cook", "race": "runner", "tournament": "knight"}


def craft_of(p: Plan, prompt: str, crafts: dict[str, dict[str, str]], event: dict[str, str] | None = None) -> str:
    """The hero's craft: by the hero's noun ("chef" cooks), else the one the prompt's own words name ("concours de
    cuisine"), the event's in its world before that (a dolphins' race is swum), else the event's (a race is run),
    else none in particular."""
    said = set(lower_words(prompt))
    named = next((key for key, craft in crafts.items() if set(craft.get("cues", "").split()) & said), None)
    # A world's craft before the prompt's words: a dragons' "course" is flown, not run.
    world = (event or {}).get("crafts_as")
    key = CRAFT_OF.get(p.facts.hero_noun or "") or world or named or _CRAFTS_AS.get(p.facts.contest or "", "default")
    return key if key in crafts else "default"


def contest_paragraphs(
    p: Plan,
    prompt: str,
    data: dict[str, Any],
    flags: dict[str, bool],
    values: dict[str, str],
    rival: tuple[str, str] | None,
    ally: tuple[str, str] | None,
) -> list[str] | None:
    """The ten paragraphs of the competition tale, or None when the prompt's event has none in this language (a
    trial, a festival: the journey tells them). `values` and `flags` are the journey tale's; `rival` and `ally` the
    prompt's own words for the other people (and their genders), when it names them."""
    table = data.get("contest")
    if table is None or p.facts.contest not in table["events"]:
        return None
    # Its world's (a race of dolphins is swum along the reef): the event's phrases there, and the craft's.
    world = table.get("worlds", {}).get(world_key(p) or "", {})
    event = table["defaults"] | table["events"][p.facts.contest] | world.get("all", {}) | world.get(p.facts.contest, {})
    key = craft_of(p, prompt, table["crafts"], event)
    own = world.get("crafts", {})
    craft = table["crafts"][key] | own.get(key, {} if key == event.get("crafts_as") else own.get("any", {}))
    noun_m, noun_f = craft["nouns"].split("|")
    values = {**values, "nouns": craft["plural"], "craft_de": craft["craft_de"]}
    home = values["home"] if values["home"] != values["default_home"] else None
    home = home or (fill(craft["workplace"], flags, values) if "workplace" in craft else values["home"])
    values.update(home=home, Home=cap(home))
    if "routine" in craft:
        values["routine"] = fill(craft["routine"], flags, values)
        values["routine_short"] = fill(craft["routine_short"], flags, values)
    creature = p.facts.hero_kind == "creature"
    values["kept"] = fill(table["creature_kept" if creature else "kept"], flags, values)
    values["vkind"], values["vlook"], masculine = _rival(p, prompt, data, flags, rival, (noun_m, noun_f))
    flags = {**flags, "v": masculine}  # "un chien rival ... vaincu": the words agree with the creature's noun
    for key, text in craft.items():  # the craft's words first: the event's phrases use them ("{best_work}")
        if key not in ("cues", "nouns", "plural", "craft_de", "workplace", "routine", "routine_short"):
            values[key] = fill(text, flags, values)
    if ally is None:
        values["ajob"] = event["ally_jobs"].split("|")[0 if flags["a"] else 1]
    for name, text in event.items():
        if name not in ("ally_jobs", "crafts_as"):
            values[name] = fill(text, flags, values)
            values[name[:1].upper() + name[1:]] = cap(values[name])
    # The contest's own gift, as the mentor hands it: into a person's hands, at a creature's feet.
    values["gives"] = fill((data["creature"] if creature else data)["gives"], flags, values)
    values["extras"] = _company(p, prompt, data, table, flags, values)
    stages = [data["stages"]["ordinary"], *(table["stages"][stage] for stage in STAGES)]
    return [fill(stage, flags, values) for stage in stages]


def _rival(
    p: Plan,
    prompt: str,
    data: dict[str, Any],
    flags: dict[str, bool],
    rival: tuple[str, str] | None,
    craft_nouns: tuple[str, str],
) -> tuple[str, str, bool]:
    """How the news calls the rival, their look, and whether the words for them are masculine: the prompt's other
    chef ("un chef rival sans pitié"), the creature the prompt races ("un chien rival"), else one of the hero's
    craft of the rival's gender."""
    table, code = data["contest"], data["code"]
    opponent = p.facts.opponent
    beast = native(prompt, code, opponent.noun) if opponent is not None and opponent.kind == "creature" else None
    noun, gender = beast or rival or (craft_nouns[0 if flags["v"] else 1], "m" if flags["v"] else "f")
    masculine = gender == "m"
    # A trial's rival accuses; the rival of any other event is one of the hero's craft.
    spec = table["events"][p.facts.contest].get("rival_kind", table["rival_kind"]) if not beast else table["rival_kind"]
    kind = fill(spec, {**flags, "v": masculine}, {"un_x": article(data, "un", noun, gender)})
    return kind, table["creature_look" if beast else "look"], masculine


def _company(
    p: Plan, prompt: str, data: dict[str, Any], table: dict[str, Any], flags: dict[str, bool], values: dict[str, str]
) -> str:
    """A sentence each for the prompt's creatures and objects, at the hero's side through the rounds."""
    sentences = []
    for companion in p.companions:
        kind = companion.thing.kind
        if kind not in ("creature", "object"):
            continue
        noun, gender = native(prompt, data["code"], companion.thing.noun) or (companion.thing.noun, "m")
        full = companion.who.full
        name = full.split()[1] if full.startswith("the ") else full  # "the Ashcombe Diamond": by its house
        more = {"x": name, "un_x": article(data, "un", noun, gender)}
        sentences.append(fill(table[f"extra_{kind}"], flags, {**values, **more}))
    return "".join(sentences)
