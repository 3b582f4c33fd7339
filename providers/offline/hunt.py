"""The tale of a prompt that names only creatures in conflict (quarry.py reads it, data/hunt.toml has its places):
a hunt ("two wolves hunt a deer": the pack stalks its quarry, gives chase, and the quarry gets away), a flight ("a
rabbit escapes a fox": the same chase, told by the quarry) or a fight ("a hawk and a snake fight": they fight to a
standstill and share the ground). The prompt's creatures are the whole cast, each side's kin beside it: no person
the prompt never named. Each stage opens in a place of the hunting ground, so that its panel shows it."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from providers.offline.data import load
from providers.offline.plan import Companion, Plan, Who
from providers.offline.text import a_or_an, cap, dedupe_words, known, quoted
from providers.offline.world import BIOMES

_GROUNDS: dict[str, dict[str, str]] = load("hunt")["grounds"]
_MOVES: dict[str, dict[str, str]] = load("hunt")["moves"]
_SEAS = ("undersea", "coast")  # worlds whose own way out is a swimmer's
_FEMALE_KINDS = frozenset({"hen", "cow", "ewe", "doe", "hind", "lioness", "vixen", "mare"})
_QUARRY_TRAITS = ("wary old", "swift young", "clever old", "quick-witted")
_HUNTER_TRAITS = ("hungry", "sly", "cunning", "greedy")
_FOE_TRAITS = ("fierce", "proud", "stubborn", "quick-tempered")


@dataclass(frozen=True)
class _Cast:
    """Who is who in the tale: the hero and its kin, the opponent and its kin, and anything else the prompt names."""

    hero: Who
    kin: list[Companion]
    foe: Who
    foe_kin: list[Companion]
    others: list[Companion]


def _cast(p: Plan) -> _Cast:
    kin = p.companions[: p.facts.pack - 1]
    foe_kin = p.companions[len(kin) : len(kin) + p.facts.foes - 1]
    return _Cast(p.hero, kin, p.villain, foe_kin, p.companions[len(kin) + len(foe_kin) :])


def _names(whos: list[Who]) -> str:
    """'Hallow', 'Hallow and Rukiback', 'Hallow, Rukiback and Tamsin'."""
    shorts = [w.short for w in whos]
    return shorts[0] if len(shorts) == 1 else f"{', '.join(shorts[:-1])} and {shorts[-1]}"


def _party(lead: Who, kin: list[Companion]) -> str:
    """How the tale calls one side together: by name, so that each of them is in the panel ('Hallow and Rukiback')."""
    return _names([lead, *(k.who for k in kin)])


def _kin_lines(lead: Who, kin: list[Companion], verbs: tuple[str, ...]) -> str:
    """A sentence for each of a side's kin, each introduced by an appositive so the reader casts it."""
    lines = []
    for i, member in enumerate(kin):
        female = member.who.subj == "she" or member.thing.noun in _FEMALE_KINDS  # a hen is no one's brother
        relation = "sister" if female else "brother"
        verb = verbs[i % len(verbs)].format(poss=lead.poss, subj=lead.subj)
        lines.append(f"{cap(lead.poss)} {relation} {member.who.full}, {member.intro}, {verb}.")
    return " ".join(lines)


_BESIDE = ("was never far from {poss} side", "went wherever {subj} went", "kept watch while {subj} slept")
_BEHIND = ("came close behind", "followed in {poss} tracks")


def _pick(p: Plan, options: tuple[str, ...], salt: str) -> str:
    """One of `options` that says nothing the opponent's phrase says already ("a clever rabbit" is no "clever old
    clever rabbit"), chosen by the story's names (the same prompt, the same choice)."""
    said = set(p.facts.opponent.phrase.replace("-", " ").split()) if p.facts.opponent else set()
    fresh = [o for o in options if not set(o.replace("-", " ").split()) & said] or list(options)
    digest = hashlib.sha256(f"{p.hero.full}|{p.villain.full}|{salt}".encode()).digest()
    return fresh[digest[0] % len(fresh)]


def _ground(p: Plan) -> dict[str, str]:
    """The hunting ground of the story's world (a forest's by default), and its key."""
    key = next((k for k in _GROUNDS if k != "default" and BIOMES.get(k) is p.biome), "default")
    return _GROUNDS["default"] | _GROUNDS[key] | {"key": key}


def _moves(noun: str) -> dict[str, str]:
    """How a creature of `noun` moves in the chase: swims, flies, or (any other) runs."""
    mode = next((m for m, table in _MOVES.items() if noun in table.get("creatures", "").split()), "walk")
    return _MOVES[mode] | {"mode": mode}


def _escaping(g: dict[str, str], prey: dict[str, str]) -> dict[str, str]:
    """The ground's places as the quarry's way out needs them: a flyer's (up a tree, onto a chimney pot) or a
    swimmer's (up the river, into a pool) where the world's own way out is on foot (a hen on the farm runs)."""
    if prey["mode"] == "fly" and g["key"] != "farm":
        return g | {"escape": g["fly_escape"], "far_side": g["fly_far_side"]}
    if prey["mode"] == "swim" and g["key"] not in _SEAS:
        return g | {k: g[f"swim_{k}"] for k in ("escape", "far_side", "obstacles")}
    return g


def _chase(p: Plan, c: _Cast, g: dict[str, str]) -> list[str]:
    """A hunt told by the hunter, or a flight told by the quarry: the same chase, and the quarry gets away."""
    t, h, v = p.times, c.hero, c.foe
    hunting = p.facts.hunt == "hunt"
    hero_noun, foe_noun = p.facts.hero_noun or "creature", (p.facts.opponent.noun if p.facts.opponent else "beast")
    foe_phrase = p.facts.opponent.phrase if p.facts.opponent else foe_noun
    heroes, foes = _party(h, c.kin), _party(v, c.foe_kin)
    hunters, quarry = (heroes, foes) if hunting else (foes, heroes)
    quarry_lead, hunter_lead = (v, h) if hunting else (h, v)
    they = "they" if (c.foe_kin if hunting else c.kin) else quarry_lead.subj
    slipper = c.kin[0].who.short if c.kin else h.short
    lives = "their lives" if they == "they" else f"{quarry_lead.poss} life"
    hunter_noun, prey_noun = (hero_noun, foe_noun) if hunting else (foe_noun, hero_noun)
    hunter_moves, prey_moves = _moves(hunter_noun), _moves(prey_noun)
    many = hunters != hunter_lead.short
    faces, backs = ("their faces", "their backs") if many else (f"{hunter_lead.poss} face", f"{hunter_lead.poss} back")
    g = _escaping(g, prey_moves)
    slip = (hunter_moves if hunting else prey_moves).get("slip", g["slip"])
    # A quarry on foot may get away by its wits, doubling back to hide, as well as by its speed (by the names).
    hides = prey_moves["mode"] == "walk" and g["key"] not in _SEAS and _pick(p, ("run", "hide"), "ending") == "hide"
    motto = "Cleverer" if hides else "Quicker"  # what the quarry tells the hunter it must be
    cry = f"{quoted('Faster!')} cried {h.short}." if hunting else f"{quoted('Not today,')} panted {h.short}."
    cry = f"{quoted('Follow me!')} cried {h.short}." if c.kin and not hunting else cry  # to the hero's own kin
    wild = p.biome.wild
    den = g.get("prey_den", g["den"]) if not hunting else g["den"]
    back = known(den)  # the den is known by now: "a hollow" becomes "the hollow"
    intro = f"{h.full}, {a_or_an(p.hero_trait)} {p.hero_trait} {p.role} {p.hero_dress}"
    if hunting:
        trait = _pick(p, _QUARRY_TRAITS, "quarry")
        # The reader's cue that the quarry is the opponent; no hunter's noun in it, or the drawing would draw one.
        nemesis = f"the nemesis of every hunter in {wild}"
        foe_intro = f"{a_or_an(trait)} {trait} {foe_phrase} {p.villain_dress}, {nemesis}"
        met = f"{h.short} {hunter_moves['scent']}: {v.full}, {foe_intro}. No {hero_noun} had ever caught {v.obj}."
        line = f"{quoted(f'{v.short}. Not this time,')} breathed {h.short}."  # one line: a balloon of a name alone
        opening = f"{g['season']} {quoted('Tonight we eat,' if c.kin else 'Tonight I eat,')} said {h.short}."
    else:
        trait = _pick(p, _HUNTER_TRAITS, "hunter")
        foe_intro = f"a ruthless {trait} {foe_phrase} {p.villain_dress}, the terror of {wild}"
        met = f"a shadow fell across {heroes}: {v.full}, {foe_intro}."
        line = f"{quoted('Run,')} whispered {h.short}."
        opening = f"The days were quiet there, and {heroes} liked them that way."
    follow = _kin_lines(v, c.foe_kin, _BEHIND)
    return [
        f"In {den}, there lived {intro}. {_kin_lines(h, c.kin, _BESIDE)} {opening}",
        f"{cap(g['lookout'])}, {t['call']}, {met} {follow} {line}",
        f"{cap(g['cover'])}, {t['evening']}, {hunters} {hunter_moves['creep'].format(faces=faces, backs=backs)}. "
        f"{quarry_lead.short} lifted "
        f"{quarry_lead.poss} head and listened. "
        + (
            f"{quoted('Not yet,')} whispered {h.short}. {quoted('Wait for my signal.')}"
            if hunting
            else f"{quoted('I can smell you,')} sneered {v.short}. {quoted('Come out, little ' + hero_noun + '.')}"
        ),
        f"{cap(g['open'])}, {t['dawn']}, {slipper} {slip}. {cap(quarry)} bolted, and {hunters} "
        f"{hunter_moves['spring']} after {quarry_lead.obj if they != 'they' else 'them'}.",
        f"{cap(g['obstacles'])}, {t['trial']}, {quarry} {prey_moves['run']} for {lives}, "
        f"with {hunters} close behind. {cry}",
        *(_hidden if hides else _escaped)(p, c, g, (hunters, quarry), hunter_moves["run" if hides else "lunge"]),
        f"Back in {back}, {t['later']}, {heroes} still told the story of that chase. "
        + (
            f"{cap(h.subj)} curled up and dreamed of it, and somewhere out in {wild}, {v.short} dreamed of it too."
            if hunting
            else f"{quoted(f'{motto} than that,')} said {h.short}, and {'the others laughed' if c.kin else 'smiled'}."
        ),
    ]


def _leads(p: Plan, c: _Cast) -> tuple[Who, Who]:
    """(the hunter who leads, the quarry who leads): the hero and the opponent, as the tale is a hunt or a flight."""
    return (c.hero, c.foe) if p.facts.hunt == "hunt" else (c.foe, c.hero)


def _escaped(p: Plan, c: _Cast, g: dict[str, str], sides: tuple[str, str], lunge: str) -> list[str]:
    """The quarry gets away by its speed: the hunter lunges and misses, and it taunts them from out of reach."""
    quarry, (hunter, prey), t = sides[1], _leads(p, c), p.times
    return [
        f"{cap(g['refuge'])}, {t['ordeal']}, {hunter.short} {lunge} with all {hunter.poss} strength, and caught "
        f"nothing but air. {cap(quarry)} {g['escape']}.",
        f"{cap(g['far_side'])}, {t['sunrise']}, {prey.short} looked back. "
        f"{quoted(f'You will have to be quicker than that, {hunter.short},')} said {prey.short}. "
        + (
            f"{c.hero.short} sat down, panting. {quoted('Next time,')} said {c.hero.short}, and {c.foe.short} was gone."
            if p.facts.hunt == "hunt"
            else f"{c.foe.short} turned away into {p.biome.wild}, hungry, and did not look back."
        ),
    ]


def _hidden(p: Plan, c: _Cast, g: dict[str, str], sides: tuple[str, str], run: str) -> list[str]:
    """The quarry gets away by its wits: it doubles back and hides, and the hunters run straight past it."""
    (hunters, quarry), (hunter, prey), t = sides, _leads(p, c), p.times
    many = hunters != hunter.short
    return [
        f"{cap(g['refuge'])}, {t['ordeal']}, {quarry} doubled back and {g['hide']}. {cap(hunters)} {run} "
        f"straight past, so close that {prey.short} could have touched {'them' if many else hunter.obj}.",
        f"{cap(g['cover'])}, {t['sunrise']}, {prey.short} stepped out and watched {'them' if many else hunter.obj} "
        f"go. {quoted(f'You will have to be cleverer than that, {hunter.short},')} said {prey.short} softly. "
        + (
            f"Far away, {c.hero.short} stopped and sniffed the air, and knew {c.hero.subj} had been tricked. "
            f"{quoted('Next time,')} said {c.hero.short}."
            if p.facts.hunt == "hunt"
            else f"{c.foe.short} never knew how close {c.foe.subj} had come."
        ),
    ]


def _fight(p: Plan, c: _Cast, g: dict[str, str]) -> list[str]:
    """Two creatures fight for the ground (or for a thing the prompt names) to a standstill, and share it."""
    t, h, v = p.times, c.hero, c.foe
    arena, at = g["arena"], f"{g['arena_at']} {g['arena']}"
    back = known(g["den"])
    foe_phrase = p.facts.opponent.phrase if p.facts.opponent else "rival"
    trait = _pick(p, _FOE_TRAITS, "foe")
    same = p.facts.opponent is not None and p.facts.opponent.noun == p.facts.hero_noun
    foe_intro = f"{a_or_an(trait)} {trait} {'rival ' if same else ''}{foe_phrase} {p.villain_dress}"
    prize = c.others[0] if c.others and c.others[0].thing.kind in ("creature", "object") else None
    wanted = f"Both of them wanted {prize.who.full}, {prize.intro}. " if prize else f"Both of them wanted {arena}. "
    ending = (
        f"While they glared at each other, {prize.who.short} slipped quietly away, and neither of them noticed."
        if prize
        else "Neither would give way, and neither could win."
    )
    return [
        f"In {g['den']}, there lived {h.full}, {a_or_an(p.hero_trait)} {p.hero_trait} {p.role} {p.hero_dress}. "
        f"{_kin_lines(h, c.kin, _BESIDE)} "
        f"Day after day {h.subj} kept watch over {arena}, and let no one else come near it.",
        f"{cap(g['lookout'])}, {t['call']}, {h.short} saw who had come: {v.full}, {foe_intro} and "
        f"{h.short}'s oldest enemy. {_kin_lines(v, c.foe_kin, _BEHIND)} {wanted}"
        f"{quoted(f'Go home, {v.short},')} said {h.short}. {quoted('Make me,')} sneered {v.short}.",
        f"{cap(at)}, {t['evening']}, {h.short} and {v.short} circled each other, slowly, never once looking away.",
        f"{cap(g['open'])}, {t['dawn']}, {v.short} struck first. {h.short} dodged and struck back, and the "
        f"fight began.",
        f"{cap(g['obstacles'])}, {t['trial']}, they fought, and neither gave an inch.",
        f"{cap(g['refuge'])}, {t['ordeal']}, {h.short} and {v.short} stood face to face, too tired to fight on. "
        f"{ending}",
        f"{cap(at)}, {t['sunrise']}, {h.short} began to laugh. {quoted(f'You fight well, {v.short},')} "
        f"said {h.short}. {quoted('So do you,')} said {v.short}, and they agreed to share {arena}.",
        f"Back in {back}, {t['later']}, {h.short} still told the story of the great fight, and out in "
        f"{p.biome.wild}, {v.short} told it too, though never quite the same way.",
    ]


def hunt_story(p: Plan) -> str:
    """The story of a creatures-only conflict (`p.facts.hunt`): eight paragraphs, one panel each."""
    cast, ground = _cast(p), _ground(p)
    paragraphs = _fight(p, cast, ground) if p.facts.hunt == "fight" else _chase(p, cast, ground)
    return "\n\n".join(dedupe_words(" ".join(paragraph.split())) for paragraph in paragraphs)
