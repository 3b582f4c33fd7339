"""Reading the prompt: its hero, the creatures, objects and concepts it names, its place, and its quest."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from providers.offline.attire import carried
from providers.offline.data import load
from providers.offline.foreign import emoji_words, gloss, mixed, native
from providers.offline.given_names import GivenNames, given_names
from providers.offline.lexicon import (
    APOSTROPHES,
    BIOME_PHRASES,
    CITIES,
    CONCEPTS,
    CRAFT_OF,
    CREATURES,
    DETERMINERS,
    EVENT_CUES,
    EVENTS,
    FOE_CUES,
    HOSTILE_VERBS,
    HUMANOIDS,
    MENACE_VERBS,
    METALS,
    MODALS,
    MYSTERY_CUES,
    NOT_MODIFIER_WORDS,
    NOT_MODIFIERS,
    OBJECTS,
    PREPOSITIONS,
    RIVAL_CUES,
    ROUTINE_VERBS,
    RSQUO,
    TITLES,
)
from providers.offline.places import place_phrase, place_scores
from providers.offline.quarry import read_hunt
from providers.offline.text import a_or_an, base_verb, lower_words, past_tense, singular
from providers.offline.things import Thing as Thing  # where the plan imports it from


@dataclass
class PromptFacts:
    """What the prompt tells the writer."""

    hero_noun: str | None = None
    hero_phrase: str | None = None
    hero_kind: str = "hero"  # "creature" when the prompt's subject is one ("a mermaid searches ...")
    others: list[Thing] = field(default_factory=list)  # the prompt's other people ("a baker and a thief")
    opponent: Thing | None = None  # the subject a rival word sets against the hero ("races a dragon"): the villain
    things: list[Thing] = field(default_factory=list)
    place: str | None = None  # the first place word: the hero's home ("lighthouse", "garden")
    place_phrase: str | None = None  # and where the prompt puts it, when it says: "castle on the moon"
    biome: str | None = None  # the biome the prompt puts the story in ("on Mars" beats "a garden")
    vehicle: str | None = None  # a vehicle that is the place, as the prompt names it ("night train")
    legend: str = ""
    quest: str | None = None
    routine: str | None = None  # an everyday predicate in the past tense ("tended a garden")
    hostile: bool = False
    mystery: bool = False  # something goes missing: the hero finds it
    contest: str | None = None  # the competition the story is about ("banquet", "race", "trial"), data/contest.toml
    language: str | None = None  # a prompt in another language: its English name
    language_code: str | None = None  # and its glossary code ("fr")
    gender: str | None = None  # "f" or "m" when the prompt's pronouns say ("sails her galleon")
    city: str | None = None  # a real city the prompt names ("Paris"): the story's town
    hero_name: str | None = None  # the name the prompt gives its hero ("Captain Ada Reyes hunts ...")
    names: dict[str, str] = field(default_factory=dict)  # names it gives other nouns: {"dog": "Biscuit"}
    spare_names: list[str] = field(default_factory=list)  # people it names without saying what they are
    hunt: str | None = None  # "hunt", "flee" or "fight": the prompt names only creatures in conflict (quarry.py)
    pack: int = 1  # how many of the hero's kind are on its side ("two wolves"), the hero one of them
    foes: int = 1  # and of the opponent's ("a deer flees two wolves")


_PROMPT_WORD = rf"[^\W\d_][\w{APOSTROPHES}-]*"


def shouted(text: str) -> bool:
    """Whether the prompt is in capitals ("THE DRAGON ATTACKS") or a title's capitals ("A Unicorn Races A Dragon":
    its articles too): either way its capitals name no one."""
    if text.isupper():
        return True
    words = re.findall(r"[^\W\d_]+", text[:400])
    small = [w for w in words[1:] if w.lower() in _SMALL_WORDS]
    return len(words) >= 3 and bool(small) and all(w[:1].isupper() for w in words)


_SMALL_WORDS = frozenset({"a", "an", "the"})  # a title's; "And", "In" may be a name's ("Alice In Wonderland")


def _first_sentence(prompt: str) -> str:
    """The prompt's first sentence, at most 30 words, without end punctuation or double quotes (they mark speech)."""
    sentence = re.split(r"(?<=[.!?])\s+|\n+", prompt.strip())[0]
    if shouted(sentence):
        sentence = sentence.lower()  # a shouted prompt reads as ordinary text
    # Braces read as a template's seam ("a {name} of {town}"): the words are quoted, not the braces around them.
    sentence = sentence.translate(_NOT_QUOTED)
    words = _once(sentence.replace('"', "'").replace("“", "'").replace("”", "'").split()[:30])
    return " ".join(words).rstrip(".!?;:, ")


_NOT_QUOTED = str.maketrans("", "", "{}")


def _once(words: list[str]) -> list[str]:
    """The words up to where they start over ("a cat versus a dog a cat versus a dog ...", a phrase pasted again
    and again without a stop), without the joining word left at the end ("... the lazy dog and")."""
    low = [w.lower().strip(".,;:!?") for w in words]
    for k in range(3, len(low) // 2 + 1):  # "day after day after day" says it twice on purpose
        # Twice over, or over again until the 30 words ran out (at least four of them: "the dog saw the dog")
        if low[k : 2 * k] == low[:k] or (len(low) - k >= 4 and low[k:] == low[: len(low) - k]):
            words = words[:k]
            while len(words) > 1 and words[-1].lower().strip(",;:") in _JOINERS:
                words = words[:-1]
            return words
    return words


_JOINERS = frozenset({"and", "or", "but", "with", "of", "the", "a", "an", "in", "on", "to", "et", "y", "ou", "o"})


def short_sentence(prompt: str, most: int = 20) -> str:
    """The first sentence, cut at its last comma within `most` words when longer (the old tale quotes it), and
    within 160 characters: a script without spaces ('一个机器人…') or one endless word is one 'word' however long."""
    sentence = _first_sentence(prompt)
    words = sentence.split()
    if len(words) > most:
        head = " ".join(words[:most])
        sentence = head.rsplit(",", 1)[0] if "," in head else head
    if len(sentence) <= _QUOTE_MOST:
        return sentence
    cut = sentence[:_QUOTE_MOST].rsplit(" ", 1)[0] if " " in sentence[:_QUOTE_MOST] else sentence[: _QUOTE_MOST // 4]
    return cut + "…"


_QUOTE_MOST = 160


def _noun_kind(word: str) -> str | None:
    if word in HUMANOIDS:
        return "hero"
    if word in CREATURES:
        return "creature"
    if word in OBJECTS:
        return "object"
    if word in CONCEPTS:
        return "concept"
    return None


def _is_head_noun(lower: list[str], i: int) -> bool:
    """A lexicon noun that is not the first half of a compound ("ghost" in "ghost ship" is a modifier)."""
    compound = i + 1 < len(lower) and _noun_kind(singular(lower[i + 1])) is not None
    if compound and singular(lower[i + 1]) != lower[i + 1] and set(lower[max(0, i - 3) : i]) & {"a", "an"}:
        compound = False  # "an octopus cooks dinner": after "an", a plural is its verb, not a compound's noun
    return _noun_kind(singular(lower[i])) is not None and not compound


def _modifiers(lower: list[str], index: int) -> list[str]:
    """Up to two words right before `index` that describe it ("sea" in "sea monster", "ghost" in "ghost ship")."""
    mods: list[str] = []
    j = index - 1
    while j >= 0 and len(mods) < 2:
        word = lower[j]
        if word in DETERMINERS | PREPOSITIONS | MODALS | NOT_MODIFIER_WORDS:
            break
        if word.endswith(("'s", RSQUO + "s")) or (_noun_kind(singular(word)) and j != index - 1):
            break
        if j > 0 and _noun_kind(singular(lower[j - 1])) and not _noun_kind(singular(word)):
            break  # "keeper befriends sea monster": a word right after a noun is its verb
        if word in HOSTILE_VERBS:
            break
        mods.insert(0, word)
        j -= 1
    return [m for m in mods if m not in NOT_MODIFIERS]


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
    if lower and lower[0] in PREPOSITIONS and ", " in sentence:
        lead = len(re.findall(_PROMPT_WORD, sentence.split(", ", 1)[0]))
    subject = None
    for i in range(lead, min(lead + 6, len(lower))):
        if lower[i] in PREPOSITIONS:
            break
        if _is_head_noun(lower, i):
            subject = i
            break
    if subject is None:
        return _Clause(lead, None, None, False, False)
    plural = singular(lower[subject]) != lower[subject]
    j = subject + 1
    if j < len(lower) and lower[j] == "and":
        # "a girl and her fox search ...": the subject runs to the second noun and is plural.
        second = next((k for k in range(j + 1, min(j + 5, len(lower))) if _is_head_noun(lower, k)), None)
        if second is not None:
            plural, j = True, second + 1
    relative = j < len(lower) and lower[j] in {"who", "that", "which"}
    j += 1 if relative else 0
    return _Clause(lead, subject, j if j < len(lower) else None, plural, relative)


_MANY = frozenset({"three", "four", "five", "six", "several", "some", "the", "many", "little"})


def _many_at_peace(scan: list[str], i: int) -> bool:
    """Whether the plural at `i` is several people of a prompt with no conflict ("kids put on a puppet show", "three
    friends build a raft", "the children build a snowman"): the story needs more than one of them."""
    counted = i == 0 or bool(set(scan[max(0, i - 2) : i]) & _MANY)
    return counted and not any(w in HOSTILE_VERBS for w in scan)


def _quest(words: list[str], clause: _Clause) -> str | None:
    """The predicate in base form ("befriend a sea monster"), when there is one."""
    if clause.predicate is None:
        return None
    rest = words[clause.predicate :]
    if len(rest) < 2 or rest[0].lower() in PREPOSITIONS | DETERMINERS | {"and", "or"}:
        return None
    head, tail = rest[0].lower(), rest[1:]
    if head in MODALS:
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
        return " ".join([base_verb(head), *tail])
    return None


_QUESTION_WORDS = frozenset({"who", "what", "where", "why", "how", "when", "which"})


def _legend(sentence: str, lower: list[str], clause: _Clause) -> str:
    """How the town tells the prompt as an old tale: 'in which <clause>' or 'of <noun phrase>'."""
    text = sentence
    if lower and lower[0] in _QUESTION_WORDS:  # "Who stole the Queen's crown?": the tale of who stole it
        return f"of {text[:1].lower()}{text[1:]}"
    concept = clause.subject is not None and _noun_kind(singular(lower[clause.subject])) == "concept"
    if lower and not concept and (lower[0] in DETERMINERS | PREPOSITIONS or _noun_kind(singular(lower[0]))):
        text = text[:1].lower() + text[1:]
    bare = clause.lead == 0 and clause.subject is not None and lower[0] not in DETERMINERS
    if bare and not clause.plural and not concept:
        text = f"{a_or_an(text)} {text}"
    predicate = lower[clause.predicate] if clause.predicate is not None else ""
    # "a train where ...", "a cat versus a dog": no verb follows
    joins = PREPOSITIONS | DETERMINERS | {"and", "or", "where", "when", "versus", "vs", "against"}
    if predicate and not clause.relative and predicate not in joins:
        return f"in which, {text}" if clause.lead else f"in which {text}"
    if predicate in PREPOSITIONS and not clause.relative and _verb_after(lower, clause.predicate or 0):
        return f"in which {text}"  # "a boy with a blue umbrella walks through a rainy city"
    return f"of {text}"


def _verb_after(lower: list[str], start: int) -> bool:
    """Whether a verb follows the subject's prepositional phrase: a word ending in -s that is no noun of the
    lexicon, followed by a determiner or a preposition ("... umbrella walks through a rainy city")."""
    for i in range(start + 1, len(lower) - 1):
        word = lower[i]
        if word in ("where", "when", "who", "which", "that"):
            return False
        if (
            word.endswith("s")
            and not word.endswith("ss")
            and _noun_kind(singular(word)) is None
            and lower[i + 1] in DETERMINERS | PREPOSITIONS
        ):
            return True
    return False


_NAME_RUN_RE = re.compile(rf"(?<=[\w,;] )[A-Z][\w{APOSTROPHES}-]*(?: [A-Z][\w{APOSTROPHES}-]*)+")
_SCAN_WORDS = 200  # a long prompt is read this far for its people, things and places


def _summary(facts: PromptFacts) -> str:
    """'of a witch, a cat and a key in the forest': the prompt's nouns in English (a foreign prompt's glossed)."""
    nouns = [n for n in [facts.hero_noun, *(o.noun for o in facts.others), *(t.noun for t in facts.things)] if n]
    nouns = list(dict.fromkeys(nouns))  # "a robot and a robot" when the prompt says it twice
    listed = [f"{a_or_an(n)} {n}" for n in nouns[:4]]
    text = " and ".join([", ".join(listed[:-1]), listed[-1]] if len(listed) > 1 else listed)
    if facts.biome:
        text += f" {BIOME_PHRASES[facts.biome]}"
    elif facts.place:
        text += f" in the {facts.place}"
    return f"of {text}" if text else "of long ago"


def _metal_golem(scan: list[str], i: int) -> str | None:
    """The metal a golem is made of ("a brass golem", "a golem of iron"), or None for one of clay or stone."""
    near = [*scan[max(0, i - 2) : i], *(scan[i + 2 : i + 3] if scan[i + 1 : i + 2] == ["of"] else [])]
    return next((w for w in near if w in METALS), None)


def _creature_subject(facts: PromptFacts, lower: list[str], clause: _Clause) -> None:
    """Make the prompt's subject the hero when it is a creature ("a mermaid searches for her lost sister", "el
    último dragón busca ..."): the person it names after it (the sister) becomes another person. A creature that
    attacks or invades ("zombies invade a small town") is the menace, and stays the hero's to face."""
    if clause.subject is None or _noun_kind(singular(lower[clause.subject])) != "creature":
        return
    if facts.hero_name is not None and facts.hero_noun is None:
        return  # "Pedro against a troll": the person it names first is the hero
    verb = lower[clause.predicate] if clause.predicate is not None else ""
    noun = singular(lower[clause.subject])
    creature = next((t for t in facts.things if t.noun == noun), None)
    if verb in MENACE_VERBS and creature is not None and facts.opponent is None and not facts.language:
        facts.things.remove(creature)  # "a dragon terrorises a village": the dragon is the villain
        facts.opponent = creature
        return
    if verb in MENACE_VERBS or set(lower[clause.lead : clause.subject]) & {"and", "et", "y"}:
        return  # the menace; or "Mara Quill and her dog": the person named first is the hero
    if creature is None:
        return
    facts.things.remove(creature)
    if facts.hero_noun is not None:
        facts.others.insert(0, Thing("hero", facts.hero_noun, facts.hero_phrase or facts.hero_noun))
        if facts.hero_name is not None:  # "a mermaid meets a sailor named Tom": Tom is still the sailor
            facts.names[facts.hero_noun] = facts.hero_name
    facts.hero_name = facts.names.pop(noun, None)
    facts.hero_noun, facts.hero_phrase, facts.hero_kind = noun, creature.phrase, "creature"


_GIVEN = load("names")["given"]
_GIVEN_GENDERS = {name: gender for gender in ("f", "m") for name in _GIVEN[gender].split()}


def _gender_of_name(name: str) -> str | None:
    """'f' or 'm' for a first name the lexicon knows, or one ending as Romance names do (Lina, Pedro), else None."""
    first = next((w for w in name.lower().split() if w not in TITLES), "")
    if first in _GIVEN_GENDERS:
        return _GIVEN_GENDERS[first]
    return "f" if first.endswith("a") else "m" if first.endswith("o") else None


def _named_against(facts: PromptFacts, prompt: str) -> None:
    """'Pedro races a witch': the noun a rival word puts after the named hero is the rival's, not the hero's."""
    if not (facts.hero_name and facts.hero_noun):
        return
    name_at = prompt.find(facts.hero_name)
    noun = re.search(rf"\b{re.escape(facts.hero_noun)}", prompt, re.I)
    if name_at < 0 or noun is None or noun.start() < name_at:
        return
    if set(lower_words(prompt[name_at + len(facts.hero_name) : noun.start()])) & RIVAL_CUES:
        facts.others.insert(0, Thing("hero", facts.hero_noun, facts.hero_phrase or facts.hero_noun))
        facts.hero_noun = facts.hero_phrase = None


# A mystery the prompt names without saying what is missing ("pirates steal the moon" says what).
_WHAT_MYSTERY = frozenset({"mystery", "mysteries", "whodunit", "heist", "theft"})


_BEFRIEND = frozenset({"ami", "amie", "amis", "amitié", "apprivoise", "amigo", "amiga", "amigos", "amistad", "doma"})


def _opponent(facts: PromptFacts, scan: list[str]) -> None:
    """The person or creature right after a rival word that follows the hero ("a unicorn races a dragon", "a cat
    versus a dog in a pie-eating contest", "a knight duels a witch") is the hero's opponent: the villain, not a
    companion. A creature opponent leaves the companions; a person goes first among the others."""
    named = facts.hero_name.split()[0].lower() if facts.hero_name and not facts.hero_noun else None
    hero_at = next((i for i, w in enumerate(scan) if singular(w) == facts.hero_noun or w == named), None)
    if hero_at is None or facts.opponent is not None:
        return
    cue = next((i for i in range(hero_at + 1, len(scan)) if scan[i] in RIVAL_CUES | FOE_CUES), None)
    foe = cue is not None and scan[cue] in FOE_CUES  # a foe is a creature; a person fought is the rival already
    if foe and facts.hero_kind == "creature" and "two" in scan[max(0, hero_at - 2) : hero_at]:
        return  # "two wolves hunt a deer": no one of them is the other's foe
    if facts.hero_kind == "creature" and "two" in scan[max(0, hero_at - 2) : hero_at] and (cue or facts.contest):
        facts.opponent = Thing("creature", facts.hero_noun or "", facts.hero_phrase or "")  # "two dragons race"
        return
    if cue is None:
        return
    # "a dolphin and a shark race across the ocean": the one named beside the hero races the hero
    paired = range(0)
    if "and" in scan[hero_at:cue] and not foe:
        after = scan.index("and", hero_at) + 1
        if scan[after] not in ("his", "her", "their", "its", "my", "our"):  # "a girl and her dog race": hers
            paired = range(after, cue)
    for j in [*range(cue + 1, min(cue + _OPPONENT_WITHIN, len(scan))), *paired]:
        noun, kind = singular(scan[j]), _noun_kind(singular(scan[j]))
        if kind is None or not _is_head_noun(scan, j):
            continue
        if kind not in ("hero", "creature") or noun == facts.hero_noun or (foe and kind != "creature"):
            return  # "races for a golden cup", "two knights duel": no one of another kind
        pool = facts.others if kind == "hero" else facts.things
        found = next((t for t in pool if t.noun == noun), None)
        if found is not None:
            pool.remove(found)
            if kind == "hero":
                facts.others.insert(0, found)
            facts.opponent = found
        return


_OPPONENT_WITHIN = 5  # words after the rival word: "races against a fierce old dragon"


def _between(facts: PromptFacts, scan: list[str]) -> None:
    """'a race between a unicorn and a dragon', 'a duel between a knight and a witch': the first of the two is
    the hero (a creature made the hero, as a subject would be), the second the opponent."""
    if "between" not in scan or facts.opponent is not None or not (facts.contest or facts.hostile):
        return  # "a friendship between a girl and a dragon" sets no one against anyone
    at = scan.index("between")
    pair = [
        (singular(scan[j]), _noun_kind(singular(scan[j])))
        for j in range(at + 1, min(at + 9, len(scan)))
        if _noun_kind(singular(scan[j])) in ("hero", "creature") and _is_head_noun(scan, j)
    ][:2]
    if len(pair) == 1 and pair[0][1] == "creature" and "two" in scan[at + 1 : at + 3]:
        pair.append(pair[0])  # "a race between two dragons": one races the other
    elif len(pair) < 2 or pair[0][0] == pair[1][0]:
        return  # "a contest between two chefs": the rival is the other chef already
    (first, first_kind), (second, second_kind) = pair
    if facts.hero_noun != first:
        creature = next((t for t in facts.things if t.noun == first), None)
        if first_kind != "creature" or creature is None or facts.hero_name is not None:
            return
        facts.things.remove(creature)
        if facts.hero_noun is not None:
            facts.others.insert(0, Thing("hero", facts.hero_noun, facts.hero_phrase or facts.hero_noun))
        facts.hero_noun, facts.hero_phrase, facts.hero_kind = first, creature.phrase, "creature"
    pool = facts.others if second_kind == "hero" else facts.things
    opponent = next((t for t in pool if t.noun == second), None)
    if first == second and first_kind == "creature":
        opponent = Thing("creature", facts.hero_noun or first, facts.hero_phrase or first)
        facts.opponent = opponent
    elif opponent is not None:
        pool.remove(opponent)
        if second_kind == "hero":
            facts.others.insert(0, opponent)
        facts.opponent = opponent


_TIME_DETERMINERS = {"that", "one", "last", "every", "each", "at", "by", "all", "de"}  # "train de nuit" too


def _name_people(facts: PromptFacts, given: GivenNames, prompt: str) -> None:
    """Give the hero, the other people and the things the names the prompt gives them. A person named before the
    hero's noun is the hero ("Mara Quill ... her brother Tomas"); the noun, when it has a name of its own, becomes
    another person."""
    facts.names = dict(given.of_noun)
    people = [name for _, name in given.people]
    if facts.hero_noun is not None and facts.hero_noun in facts.names:
        facts.hero_name = facts.names.pop(facts.hero_noun)
    if people:
        noun_at = re.search(rf"\b{re.escape(facts.hero_noun)}", prompt, re.I) if facts.hero_noun else None
        first_at = given.people[0][0]
        if facts.hero_name is None and (noun_at is None or first_at <= noun_at.start()):
            facts.hero_name = people.pop(0)
        elif facts.hero_name is not None and first_at < prompt.find(facts.hero_name) and facts.hero_noun:
            # "Mara Quill ... her brother Tomas": Mara is the hero, her brother another person
            facts.others.insert(0, Thing("hero", facts.hero_noun, facts.hero_noun))
            facts.names[facts.hero_noun] = facts.hero_name
            facts.hero_name, facts.hero_noun, facts.hero_phrase = people.pop(0), None, None
    facts.spare_names = people


def read_prompt(prompt: str) -> PromptFacts:
    """Find the prompt's people, creatures, objects, concepts, place and biome, and the quest its verb implies."""
    facts = PromptFacts()
    if shouted(prompt):
        prompt = prompt.lower()  # a shouted prompt reads as ordinary text, not as a row of names
    original = short_sentence(prompt)
    glossed = gloss(prompt)
    written = prompt
    if glossed is not None:
        facts.language, facts.language_code = glossed.language, glossed.code
        prompt = glossed.english
    else:
        prompt = mixed(prompt)  # "un robot on Mars": an English prompt with a French noun in it
    sentence = short_sentence(prompt)
    words = re.findall(_PROMPT_WORD, sentence)
    lower = [w.lower() for w in words]
    scan = [w.lower() for w in re.findall(_PROMPT_WORD, emoji_words(prompt).replace('"', " "))[:_SCAN_WORDS]]
    # In a run of capitalised words a noun is part of a name ("the Sapphire Sea"), not the thing it names alone.
    proper = {w.lower() for m in _NAME_RUN_RE.finditer(prompt[:4000]) for w in m.group(0).split()}
    given = given_names(prompt)
    proper |= {w.lower() for name in given.taken() for w in name.split() if w.lower() not in TITLES}
    places = place_scores(scan)
    vehicles = {word for score, _, word, _ in places if score == 3}
    for i, word in enumerate(scan):
        noun = singular(word)
        kind = _noun_kind(noun)
        if kind is None or noun in vehicles or word in proper or not _is_head_noun(scan, i):
            continue
        if kind == "concept" and i and scan[i - 1] in _TIME_DETERMINERS:
            continue  # "that night", "one day": a time, not Night or Day in person
        if kind == "object" and carried(scan, i):
            continue  # "a boy with a blue umbrella": his own, drawn in his hand (attire.py), not one of the cast
        phrase = noun if facts.language else " ".join([*_modifiers(scan, i), noun])
        metal = _metal_golem(scan, i) if noun == "golem" else None
        if metal:
            # The phrase ends in "robot" so the reader types it a humanoid and the drawing draws a machine.
            kind, noun, phrase = "hero", "robot", f"{metal} golem robot"
        if kind == "hero":
            if facts.hero_noun is None:
                facts.hero_noun, facts.hero_phrase = noun, phrase
                if (
                    noun != word
                    and (  # "two (rival) wizards duel": the second; "kids put on a show": two of them
                        "two" in scan[max(0, i - 2) : i] or _many_at_peace(scan, i)
                    )
                ):
                    facts.others.append(Thing("hero", noun, f"other {noun}"))
            elif all(o.noun != noun for o in facts.others):
                # "a chef battles a rival chef": the same noun twice is two people
                other = phrase if phrase != facts.hero_phrase else f"other {noun}"
                facts.others.append(Thing("hero", noun, other))
        elif all(t.noun != noun for t in facts.things):
            facts.things.append(Thing(kind, noun, phrase))
    homes = [word for score, _, word, _ in places if score < 3]  # in prompt order
    facts.place = homes[0] if homes else None
    facts.place_phrase = place_phrase(scan, facts.place) if facts.place else None
    if places:
        best = max(places)
        facts.biome = best[3]
        if best[0] == 3:
            index = -best[1]
            facts.vehicle = " ".join([*_modifiers(scan, index), best[2]])
    facts.hostile = any(w in HOSTILE_VERBS for w in scan)
    facts.city = next((w.capitalize() for w in scan if w in CITIES), None)
    pronouns = {
        "f": sum(w in {"she", "her", "hers", "herself"} for w in scan),
        "m": sum(w in {"he", "him", "his", "himself"} for w in scan),
    }
    if pronouns["f"] != pronouns["m"]:
        facts.gender = max(pronouns, key=lambda g: pronouns[g])
    _name_people(facts, given, prompt)
    _named_against(facts, prompt)
    if facts.gender is None and facts.hero_name and not facts.hero_noun:
        facts.gender = _gender_of_name(facts.hero_name)  # "Pedro y su perro": a he, though no pronoun says
    if facts.language_code and facts.hero_noun and facts.gender is None:
        found = native(written, facts.language_code, facts.hero_noun)  # "une chanteuse" is a she, named as one
        facts.gender = found[1] if found else None
    facts.mystery = any(w in MYSTERY_CUES for w in scan) and any(t.kind == "object" for t in facts.things)
    if not facts.mystery and set(scan) & _WHAT_MYSTERY:
        # "a detective solves a mystery on the train": what goes missing is the story's to choose, a diamond
        facts.things.append(Thing("object", "diamond", "diamond"))
        facts.mystery = True
    # "the human race" is no race: a cue right after "human" is a word of another sense
    events = {EVENT_CUES[w] for i, w in enumerate(scan) if w in EVENT_CUES and scan[i - 1 : i] != ["human"]}
    facts.contest = None if facts.mystery else next((e for e in EVENTS if e in events), None)
    rivals = facts.hostile and any(o.noun == facts.hero_noun for o in facts.others)
    if facts.contest is None and not facts.mystery and rivals and facts.hero_noun in CRAFT_OF:
        facts.contest = "contest"  # "a chef battles a rival chef": two of one craft settle it by their craft
    clause = _clause(sentence, lower)
    _creature_subject(facts, lower, clause)
    if not facts.language or facts.contest:
        _between(facts, scan)
    # "un chevalier combat un dragon" fights the dragon as the English knight does, unless they befriend it
    if not facts.language or facts.contest or not set(scan) & _BEFRIEND:
        _opponent(facts, scan)
    if facts.language:
        facts.legend = f"that begins '{original}'"
    else:
        named = facts.hero_name is not None and sentence.startswith(facts.hero_name)
        facts.legend = f"in which {sentence}" if named else _legend(sentence, lower, clause)
        subject = _noun_kind(singular(lower[clause.subject])) if clause.subject is not None else None
        if subject == "hero" or (subject == "creature" and facts.hero_kind == "creature"):
            facts.quest = _quest(words, clause)
    if not facts.language and not set(lower) - DETERMINERS - PREPOSITIONS - {"and", "or"}:
        facts.legend = _summary(facts)  # "!!!", "the the the", "🐉🔥": no words to quote; say what it is about
    if facts.quest and facts.quest.split()[0] in ROUTINE_VERBS and not facts.hostile:
        verb, *rest = facts.quest.split()
        facts.routine = " ".join([past_tense(verb), *rest])
    if facts.language:
        facts.legend += f", a {facts.language} tale {_summary(facts)}"
    if facts.mystery:
        facts.things.sort(key=lambda t: t.kind != "object")  # the missing object leads
    facts.others = facts.others[:2]
    facts.things = facts.things[:3]
    read_hunt(facts, scan)  # "two wolves hunt a deer": both wolves, and the deer their quarry
    return facts
