"""The story writer: the ten stages of the hero's journey, one paragraph (one panel) each, filled from a plan."""

from __future__ import annotations

import re
from dataclasses import replace

from providers.offline import mystery
from providers.offline.contest import contest_story
from providers.offline.lexicon import (
    BARE,
    BIG_CREATURES,
    FEATHERED,
    FURRED,
    HULKING,
    KIN,
    VEHICLE_PLACES,
)
from providers.offline.plan import Companion, Plan, plan_story
from providers.offline.pronouns import worn_by
from providers.offline.tales import LANGUAGES, compose_tale
from providers.offline.task_tale import task_of, task_story
from providers.offline.text import a_or_an, cap, dedupe_words, known, quoted
from providers.offline.titles import titled_for
from providers.offline.world import (
    BIOMES,
    CONCEPT_DETAILS,
    DEFAULT_CONCEPT,
    OBJECT_POWERS,
    OPEN_WORLDS,
    TRADE_WORLDS,
    VESSEL_FINDS,
)

_POSSESSIVES = frozenset({"her", "his", "its", "their", "my", "our", "your"})


def _main(p: Plan) -> Companion | None:
    return p.companions[0] if p.companions else None


def _ordinary_world(p: Plan) -> str:
    h = p.hero
    return (
        f"In {p.home}, there lived {h.full}, "
        f"{a_or_an(p.hero_trait)} {p.hero_trait} {p.role} {p.hero_dress}. "
        f"Day after day {h.subj} {p.fill(p.routine)}. "
        f"In {p.town} they still told the old tale {p.facts.legend}, but {h.short} had heard it a hundred times "
        f"and believed none of it. "
        f"{quoted(p.bookend[0])} said {h.short} to {p.biome.confidant}, and {h.subj} liked it that way."
    )


def _call_to_adventure(p: Plan) -> str:
    h, v, main = p.hero, p.villain, _main(p)
    opening = f"{cap(p.call_setting)}, {p.times['call']}, {p.call_event}."
    if main is None and p.rival:
        return (
            f"{opening} {p.fill(p.biome.messenger)} with terrible news: {v.full} had struck again, and no one in "
            f"{p.town} knew how to stop {v.obj}. "
            f"{quoted('Someone should do something,')} said {h.short}, and then {h.subj} noticed that everyone was "
            f"looking at {h.obj}."
        )
    if main is None:
        quest = p.facts.quest if p.facts.quest and not p.facts.routine else None
        if quest and set(quest.split()) & _POSSESSIVES:
            quest = None  # "sworn that no one would ever search for her lost sister": whose sister?
        oath = f", its master had sworn that no one there would ever {quest}," if quest else ""
        return (
            f"{opening} {p.fill(p.biome.messenger)} with terrible news: "
            f"{p.fill(p.biome.menace_news) if p.biome.menace_news else f'an army was marching on {p.town}'}{oath} "
            f"and no one knew how to stop it. "
            f"{quoted('Someone should do something,')} said {h.short}, and then {h.subj} noticed that everyone was "
            f"looking at {h.obj}."
        )
    c = main.who
    if main.thing.kind == "creature":
        size = "enormous" if main.big else "small and quick"
        meeting = (
            f"Then, right in front of {h.short}, something {size} {p.fill(p.biome.emerge)}: {c.full}, {main.intro}. "
        )
        if p.facts.hostile:
            return (
                f"{opening} {meeting}{h.short} snatched up {p.biome.weapon} and stood {h.poss} ground, but the "
                f"{main.thing.noun} only bowed {c.poss} great head. "
                f"{quoted(f'Put that down, {p.role},')} said {c.short}. "
                f"{quoted(f'I am not the one you should fear. {v.short} is.')}"
            )
        return (
            f"{opening} {meeting}"
            f"{quoted(f'Do not be afraid, {p.role},')} said {c.short}. "
            f"{quoted(f'{v.short} is hunting me, and you are the only one in {p.town} who never threw a stone at me.')}"
        )
    if main.thing.kind == "object":
        vessel = main.thing.noun in VEHICLE_PLACES
        handled = "stepped aboard" if vessel else "touched it" if main.big else "lifted it"
        found = VESSEL_FINDS.get(main.thing.noun, VESSEL_FINDS["ship"]) if vessel else p.biome.find_place
        if not p.speaks(main):  # a chest does not talk: the hero reads what is written on it
            return (
                f"{opening} {h.short} found it {found}: {c.full}, {main.intro}. "
                f"When {h.subj} {handled}, it glowed, and on it were words no one had read for a hundred years: "
                f"whoever held it, {v.short} would hunt. "
                f"{quoted(f'So this is what {v.short} has hunted for a hundred years,')} said {h.short}. "
                f"{quoted(f'Now {v.subj} will hunt me too.')}"
            )
        return (
            f"{opening} {h.short} found it {found}: {c.full}, {main.intro}. "
            f"When {h.subj} {handled}, it glowed, and a voice as small as a bell whispered, {quoted('At last.')} "
            f"{quoted(f'{v.short} has hunted me for a hundred years,')} whispered {c.short}. "
            f"{quoted(f'Now {v.subj} will hunt you too.')}"
        )
    lost = CONCEPT_DETAILS.get(main.thing.noun, DEFAULT_CONCEPT)[1].format(concept=main.thing.noun)
    return (
        f"{opening} Out of the dark stepped {c.full}, {main.intro}. "
        f"{quoted(f'{h.short},')} said {c.full}, {quoted(f'{v.short} means to cage me, and without me {lost}.')}"
    )


def _villain_goal(p: Plan) -> str:
    main = _main(p)
    if main is None and p.rival:
        return f"had sworn that no {p.role} in {p.town} would ever catch {p.villain.obj}"
    if main is None:
        return p.fill(p.biome.menace) or f"had marched on {p.town} at the head of an army of iron-masked soldiers"
    c = main.who.full
    if main.thing.kind == "creature":
        return f"had sworn to drag {c} out of {p.biome.wild} in chains"
    if main.thing.kind == "object":
        power = OBJECT_POWERS.get(main.thing.noun, f"do what no ordinary {main.thing.noun} could")
        return f"had sworn to take {c}, which could {power}"
    return f"had sworn to cage {c} and rule {p.town} with {main.who.obj}"


def _refusal(p: Plan) -> str:
    h, v, main = p.hero, p.villain, _main(p)
    if main is None and p.rival:
        sleepless = f"listening for {v.short}'s footsteps on the roof"
    elif main is None:
        sleepless = p.fill(p.biome.menace_sound) or f"listening to the drums of {v.short}'s army in the hills"
    elif main.thing.kind == "creature":
        sleepless = f"listening to {main.who.short} calling mournfully somewhere in the dark"
    elif main.thing.kind == "object":
        sleepless = f"with {main.who.short} glowing softly on the table beside the bed"
    else:
        sleepless = f"feeling {main.who.full} waiting patiently outside the window"
    return (
        f"{cap(p.fill(p.biome.market))}, {p.times['next']}, the news was on every tongue. "
        f"Rumour had it that {p.villain_epithet} {v.full}, "
        f"{a_or_an(p.villain_kind)} {p.villain_kind} {p.villain_dress}, "
        f"{_villain_goal(p)}. "
        f"{quoted(f'I am {a_or_an(p.role)} {p.role}, not a hero,')} said {h.short}, and {h.subj} {p.hides}. "
        f"But that night {h.subj} could not sleep, {sleepless}."
    )


def _mentor(p: Plan) -> str:
    h, m = p.hero, p.mentor
    job = titled_for(p.biome.mentor_job, m.subj)  # a he is a "hedge-wizard", a she a "retired stage actress"
    if p.facts.quest:
        legend_line = f"Every age gets one {p.role} foolish enough to {p.facts.quest},"
    else:
        legend_line = "Every story needs someone foolish enough to begin it,"
    return (
        f"{cap(p.biome.mentor_place)}, {p.times['evening']}, {m.full}, {a_or_an(p.mentor_trait)} {p.mentor_trait} "
        f"{job} and {h.short}'s oldest mentor, {p.mentor_dressed}, was waiting "
        f"{p.biome.mentor_prop}. "
        f"{quoted(legend_line)} said {m.short}. {quoted('This time, it is you.')} "
        f"{cap(m.subj)} {p.gives(p.biome.gift)}. {quoted(p.advice)}"
    )


_COATS = re.compile(r"\b(?:coat|greatcoat|raincoat|overcoat|cloak|jacket|parka|robe)\b")


def _tucked(p: Plan) -> str:
    """How the hero carries a small thing on the road: inside the coat the hero wears, else in the hero's satchel (a
    diver in a wetsuit, an acrobat in a spangled costume has no coat to tuck it in)."""
    if p.facts.hero_kind == "creature" or p.hero.subj == "it" or _COATS.search(p.hero_dress):
        return p.tucked
    return f"safe in {p.hero.poss} satchel"


def _threshold(p: Plan) -> str:
    h, main = p.hero, _main(p)
    if main is None or p.mystery:
        carried = p.biome.gift_carried.format(poss=h.poss) if p.biome.gift_carried else p.kept
        company = f", with {p.biome.gift} {carried if p.facts.hero_kind != 'creature' else p.kept}"
    elif main.thing.kind == "creature":
        company = f", with {main.who.short} {p.fill(p.biome.creature_move)}"
    elif main.thing.kind == "object":
        carried = "close behind, its lamps dimmed" if main.big else _tucked(p)
        company = f", with {main.who.short} {carried}"
    else:
        company = f", with {main.who.full} walking silently at {h.poss} side"
    crossing = p.biome.creature_crossing if p.facts.hero_kind == "creature" else p.biome.crossing
    return (
        f"{cap(p.biome.threshold)}, {p.times['dawn']}, {h.short} {crossing}{company}. "
        f"Behind {h.obj}, the lights of {p.town} shrank to a single spark. "
        f"{quoted(p.threshold_line)} said {h.short}, and {h.subj} did not look back."
    )


def _secondary(p: Plan) -> str:
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


def _trials_and_allies(p: Plan) -> str:
    h, v, a = p.hero, p.villain, p.ally
    main = _main(p)
    subject, pronoun = (h.short, h.subj) if main is None or p.mystery else (f"{h.short} and {main.who.short}", "they")
    lair = f"{v.short}'s {p.biome.lair_noun}"
    whose = h.poss if p.ally_job in KIN else a_or_an(p.ally_trait)  # "her cheerful brother", "a cheerful tinker"
    look = worn_by(p.ally_look, a.subj, a.poss)  # "in her yellow coat": the reader knows a she from a he
    met = f"There {pronoun} met {a.full}, {whose} {p.ally_trait} {p.ally_job} in {look}, who knew"
    if p.ally_job in KIN and p.ally_job in (p.facts.quest or "").split():
        # "a mermaid searches for her lost sister": the sister is found here, not met as a stranger
        found = f"{a.full}, {h.poss} lost {p.ally_job} in {look}"
        met = f"There, at last, {pronoun} found {found}, who had learned"
    return (
        f"{cap(p.biome.trials)}, {p.times['trial']}, {subject} {p.biome.deeds}. {_secondary(p)}"
        f"{met} every {p.biome.route} for a hundred miles. "
        f"{quoted(f'You will never reach {lair} alone,')} said {a.short}. "
        f"{quoted(f'Lucky for you, I hate {v.obj} more than you do.')}"
    )


def _ordeal(p: Plan) -> str:
    h, v, m, main = p.hero, p.villain, p.mentor, _main(p)
    if main is None:
        situation = f"{v.short}'s {p.troops} held every gate, and {p.ally.short} was already in chains"
    elif main.thing.kind == "creature":
        chained = f"{main.who.short} lay chained beneath a net of iron links"
        situation = f"{chained}, and {p.troops} closed in from every side"
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
        f"{cap(p.fill(p.biome.lair))}, {p.times['ordeal']}, {h.short} faced {v.short} at last. {cap(situation)}. "
        f"{quoted(f'Did you really think {a_or_an(p.role)} {p.role} could stop me?')} sneered {v.short}. "
        f"{cap(v.subj)} struck, {h.short} fell hard, and for one terrible moment all seemed lost. "
        f"Then {h.subj} remembered {m.short}'s words and {p.fill(p.biome.gift_use)}."
    )


def _carried_off(p: Plan) -> str:
    """How the town thanks the hero: on its shoulders, or, for a creature hero too big to lift, from the walls."""
    h = p.hero
    if p.facts.hero_kind == "creature" and p.facts.hero_noun in BIG_CREATURES:
        return (
            f"The people of {p.town} climbed onto the walls, triumphant, and cheered {h.short} until the stones rang."
        )
    return f"The people of {p.town} lifted {h.short} onto their shoulders and would not put {h.obj} down."


def _reward(p: Plan) -> str:
    h, v, main = p.hero, p.villain, _main(p)
    place = f"On the broken walls of {v.short}'s {p.biome.lair_noun}, {p.times['sunrise']}"
    if main is None:
        freedom = f"For the first time, {h.subj} was free to {p.facts.quest}. " if p.facts.quest else ""
        if p.facts.hostile:
            freedom = f"{v.short} was in chains at last, and the streets were safe again. "
        if p.facts.routine:
            freedom = f"Soon {h.subj} {p.facts.routine} again, and no one would ever stop {h.obj}. "
        return (
            f"{place}, the prison doors burst open and {p.ally.short} led the captives out into the light. "
            f"{_carried_off(p)} {freedom}"
            f"{quoted(f'Not bad, for {a_or_an(p.role)} {p.role},')} said {p.ally.short}."
        )
    c = main.who
    if main.thing.kind == "creature":
        noun = main.thing.noun
        token = "feather" if noun in FEATHERED else "silver whisker" if noun in FURRED else "scale"
        token = "pebble that glowed faintly" if noun in BARE | HULKING else token
        if main.big:
            freed = f"rose to {c.poss} full height with a roar that shook the stones"
        else:
            freed = f"sprang free with a cry so fierce that the {p.troops} scattered"
        return (
            f"{place}, the last chain snapped, and {c.short} {freed}. Then {c.subj} lowered {c.poss} head and pressed "
            f"a single {token} into {h.short}'s palm, still warm. "
            f"{quoted('You came for me when no one else would. Call, and I will always answer,')} said {c.short}."
        )
    if main.thing.kind == "object":
        if main.big:
            bond = f"It answered {h.short}'s touch as if it had always belonged to {h.obj}."
        else:
            bond = f"It settled into {h.short}'s hand as if it had always belonged there."
        return (
            f"{place}, {c.short} blazed so brightly that {v.short}'s {p.troops} turned and ran. "
            f"{bond} {quoted('We are bound now, you and I,')} "
            + (f"whispered {c.short}." if p.speaks(main) else f"said {h.short}.")
        )
    lesson = CONCEPT_DETAILS.get(main.thing.noun, DEFAULT_CONCEPT)[2].format(hobj=h.obj)
    return (
        f"{place}, the black glass cracked from end to end, and {c.full} poured back out into the world. "
        f"{cap(c.subj)} touched {h.short}'s forehead, and {h.subj} understood {lesson}. "
        f"{quoted('Remember me kindly,')} said {c.full}."
    )


def _road_back(p: Plan) -> str:
    h, v, a, main = p.hero, p.villain, p.ally, _main(p)
    if main is None:
        help_ = f"{h.short} kept the whole town moving"
    elif main.thing.kind == "creature":
        help_ = f"{main.who.short} {p.fill(p.biome.creature_strike)}"
    elif main.thing.kind == "object":
        help_ = f"{main.who.short} lit a path no one else could see"
    else:
        help_ = f"{main.who.full} stepped into the path of the pursuers, and they faltered"
    fate = p.fill(p.biome.villain_fate)
    return (
        f"{cap(p.biome.road)}, {p.times['dusk']}, {v.full} made one last attempt to stop them, "
        f"{p.pursuit} through {p.biome.weather}. "
        f"{a.short} {p.biome.ally_escape}, {help_}, and {v.short} was last seen {fate}. "
        f"{quoted(f'{cap(v.subj)} will be back,')} said {a.short}. {quoted(f'Let {v.obj} come,')} said {h.short}."
    )


def _return(p: Plan) -> str:
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
        retold = f"the true story of how {a_or_an(p.role)} {p.role} came to {p.facts.quest}"
    home = known(p.home)  # the home is known by now: "a cottage" becomes "the cottage"
    return (
        f"Back in {home}, {p.times['later']}, {p.transformed}. "
        f"{h.short} still {p.fill(p.routine_short)}, but now {presence}. "
        f"The children of {p.town} tell the old tale differently these days: it is {retold}. "
        f"{quoted(p.bookend[1])} said {h.short}, {gesture}."
    )


def _tale_plan(p: Plan) -> Plan:
    """The plan a French or Spanish tale is told from: in its hero's trade's own world when the prompt names no
    place and the plan's world is an open one ("une boulangère prépare un gâteau magique": the bakery, where the
    English baker lives and works, not the mill and the clock-mender's workshop)."""
    world = TRADE_WORLDS.get(p.facts.hero_noun or "")
    if (
        world is None
        or p.facts.language_code not in LANGUAGES
        or p.facts.biome
        or p.facts.place
        or p.biome not in [BIOMES[k] for k in OPEN_WORLDS]
    ):
        return p
    return replace(p, biome=BIOMES[world])


def compose_story(prompt: str) -> str:
    """The whole story for `prompt`: ten paragraphs, one per stage of the hero's journey (a mystery's own stages
    where the prompt loses something), in the prompt's language when there are templates for it."""
    p = plan_story(prompt)
    tale = compose_tale(_tale_plan(p), prompt)
    if tale is not None:
        return tale
    main = _main(p)
    task = task_of(p)
    if p.facts.contest:
        paragraphs = contest_story(p)
    elif task is not None:  # "two sisters build a treehouse": the work itself, no villain
        paragraphs = task_story(p, task)
    elif p.mystery and main is not None:
        paragraphs = [
            _ordinary_world(p),
            mystery.call(p, main),
            mystery.refusal(p, main),
            _mentor(p),
            _threshold(p),
            _trials_and_allies(p),
            mystery.ordeal(p, main),
            mystery.reward(p, main),
            mystery.road_back(p, main),
            mystery.homecoming(p, main),
        ]
    else:
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
        paragraphs = [stage(p) for stage in stages]
    return "\n\n".join(dedupe_words(paragraph) for paragraph in paragraphs)
