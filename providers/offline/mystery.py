"""The stages a mystery prompt changes ("a night train where a diamond goes missing"): the prompt's object goes
missing at the call, the villain is the one who took it, and the hero finds it. The other stages are the journey's."""

from __future__ import annotations

from providers.offline.plan import Companion, Plan
from providers.offline.text import a_or_an, cap, known, quoted


def _short(c: Companion) -> str:
    """How the text calls the missing thing after its introduction: "the diamond", or its own name."""
    return f"the {c.thing.noun}" if c.who.full.startswith("the ") else c.who.short


def call(p: Plan, c: Companion) -> str:
    h, v = p.hero, p.villain
    return (
        f"{cap(p.call_setting)}, {p.times['call']}, {p.call_event}. "
        f"When the lights came back, the velvet case in the middle of the table was empty: {c.who.full}, "
        f"{c.intro}, was gone. "
        f"{quoted('Nobody leaves until it is found,')} said {h.short}. "
        f"In the far corner {v.full} raised one eyebrow and said nothing at all."
    )


_SLEUTHS = ("detective", "inspector", "sleuth", "investigator", "constable", "policeman", "policewoman", "spy")


def _refusal_line(role: str) -> str:
    """The hero's refusal: a sleuth refuses the case itself ("not a detective" from a detective was a seam)."""
    if any(word in role.split() for word in _SLEUTHS):
        return "This case is too big for me,"
    return f"I am {a_or_an(role)} {role}, not a detective,"


def refusal(p: Plan, c: Companion) -> str:
    h, v = p.hero, p.villain
    return (
        f"{cap(p.fill(p.biome.market))}, {p.times['next']}, the news was on every tongue: {_short(c)} was missing. "
        f"Rumour had it that {v.full}, {a_or_an(p.villain_kind)} {p.villain_kind} {p.villain_dress}, "
        f"had offered a fortune for it only the day before. "
        f"{quoted(_refusal_line(p.role))} said {h.short}, and {h.subj} went back to "
        f"work. But that night {h.subj} could not sleep, thinking of the empty velvet case."
    )


def ordeal(p: Plan, c: Companion) -> str:
    h, v, m = p.hero, p.villain, p.mentor
    return (
        f"{cap(p.fill(p.biome.lair))}, {p.times['ordeal']}, {h.short} faced {v.short} at last. "
        f"{cap(_short(c))} glittered in {v.short}'s gloved hand. "
        f"{quoted(f'Did you really think {a_or_an(p.role)} {p.role} could catch me?')} sneered {v.short}. "
        f"{cap(v.subj)} struck, {h.short} fell hard, and for one terrible moment all seemed lost. "
        f"Then {h.subj} remembered {m.short}'s words and {p.fill(p.biome.gift_use)}."
    )


def reward(p: Plan, c: Companion) -> str:
    h, v, a = p.hero, p.villain, p.ally
    return (
        f"{cap(p.fill(p.biome.lair))}, {p.times['sunrise']}, {v.short} sat bound hand and foot, defeated and "
        f"scowling, while {h.short} held {_short(c)} up to the light. "
        f"{quoted('It was never lost. It was hidden in plain sight,')} said {h.short}. "
        f"{quoted(f'Not bad, for {a_or_an(p.role)} {p.role},')} said {a.short}."
    )


def road_back(p: Plan, c: Companion) -> str:
    h, v, a = p.hero, p.villain, p.ally
    fate = p.fill(p.biome.villain_fate)
    where = "and close" if p.facts.hero_kind == "creature" else p.tucked.removeprefix("tucked ")
    return (
        f"{cap(p.biome.road)}, {p.times['dusk']}, {v.full} slipped {v.poss} ropes and ran, "
        f"{p.pursuit} through {p.biome.weather}. "
        f"{a.short} {p.biome.ally_escape}, {h.short} kept {_short(c)} safe {where}, and {v.short} was "
        f"last seen {fate}. {quoted(f'{cap(v.subj)} will be back,')} said {a.short}. "
        f"{quoted(f'Let {v.obj} come,')} said {h.short}."
    )


def homecoming(p: Plan, c: Companion) -> str:
    h = p.hero
    home = known(p.home)
    return (
        f"Back in {home}, {p.times['later']}, {p.transformed}. "
        f"{h.short} still {p.fill(p.routine_short)}, but now {_short(c)} was back in its velvet case, and no one in "
        f"{p.town} ever forgot who had found it. "
        f"The children of {p.town} tell the story of {p.facts.legend.removeprefix('of ').removeprefix('in which ')} "
        f"differently these days: it is the true story of how {a_or_an(p.role)} {p.role} solved it. "
        f"{quoted(p.bookend[1])} said {h.short}, {p.bookend[2]}."
    )
