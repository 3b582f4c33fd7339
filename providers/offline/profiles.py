"""Reading a story: character profiles (type, role, palette, markers, demeanour, era) from the gathered mentions."""

from __future__ import annotations

import re
from collections import Counter

from domain.character import CharacterRole, CharacterType
from domain.drafts import CharacterProfile
from providers.offline.cast_colours import Person, cast_palettes
from providers.offline.foreign import english, story_language
from providers.offline.lexicon import (
    ANTAGONIST_CUES,
    CLOTHING,
    CONCEPT_CUES,
    CONCEPTS,
    CREATURES,
    DEFAULT_DEMEANOR,
    DEMEANORS,
    ERA_CUES,
    HUMANOIDS,
    MENTOR_CUES,
    OBJECTS,
    SNEER_VERBS,
    SUPPORT_CUES,
)
from providers.offline.mentions import Entity, Story, collect_entities, head_phrase, is_character
from providers.offline.nameless import nameless_entities
from providers.offline.pronouns import story_sexes, with_pronoun
from providers.offline.text import lower_words, singular, trim
from providers.offline.told import describes, man_or_woman, told_looks, with_looks, worn_colours

_MARKER_KEYWORDS = re.compile(
    r"\b(?:one-eyed|eyepatch|eye patch|scars?|scarred|tattoo\w*|mask|limp|crest|horns?|antlers?|wings?|tail)\b", re.I
)


_OF_RE = re.compile(r"\s(?:of|for|from)\s")

_ALL_NOUNS = HUMANOIDS | CREATURES | OBJECTS


def _head_noun(entity: Entity) -> str | None:
    """The lexicon noun the appositive or 'a wolf named X' makes the character ('cat' of 'un chat aux yeux ...'),
    'concept' for a concept's cue word, or None."""
    for source in (head_phrase(entity.appositive), entity.named_as):
        words = lower_words(_OF_RE.split(source, maxsplit=1)[0])  # "a collector of rare jewels" is a collector
        if any(w in CONCEPT_CUES for w in words):
            return "concept"
        for word in reversed(words):  # the head noun comes last: "a dragon rider" is a rider
            noun = singular(english(word))  # a French or Spanish story's nouns are known by their English
            noun = noun if noun in _ALL_NOUNS else singular(english(singular(word)))
            if noun in _ALL_NOUNS:
                return noun
    return None


def _character_type(entity: Entity) -> CharacterType:
    """Concept names (Time, the Storm), else the kind of its head noun, else an object when always 'the X'."""
    if entity.name.split()[-1].lower() in CONCEPTS:
        return "concept"
    noun = _head_noun(entity)
    if noun == "concept":
        return "concept"
    if noun is not None:
        return "humanoid" if noun in HUMANOIDS else "creature" if noun in CREATURES else "object"
    if len(entity.mentions) > 1 and all(m.before == "the" for m in entity.mentions):
        return "object"  # always "the Wren", "the Nautilus": a ship or a thing with a name, not a person
    return "humanoid"


def _cue_words(entity: Entity) -> set[str]:
    return set(lower_words(entity.appositive)) | set(lower_words(entity.named_as))


def _sentences_about(entity: Entity, story: Story, others: list[Entity]) -> tuple[list[str], list[str]]:
    """Sentences mentioning this character and no other, so their adjectives and colours are theirs; and the
    sentences right after those that describe someone by a pronoun and name no one ("She was a lean woman in a
    yellow oilskin coat."), which tell how they look."""
    names_other = _whole_words_re({f for o in others if o is not entity for f in o.forms})
    names_any = _whole_words_re({f for o in others for f in o.forms})
    found: dict[str, None] = {}  # insertion-ordered, with constant-time membership
    described: dict[str, None] = {}
    spans: set[tuple[int, int]] = set()
    for mention in entity.mentions:
        span = story.sentence_span(mention.start)
        if span in spans:
            continue  # several mentions in one sentence: it is read once
        spans.add(span)
        sentence = story.sentence(span)
        if sentence not in found and not (names_other and names_other.search(sentence)):
            found[sentence] = None
            after = _next_sentence(story, span)
            if after and describes(after) and not (names_any and names_any.search(after)):
                described[after] = None
    return list(found), list(described)


def _next_sentence(story: Story, span: tuple[int, int]) -> str:
    """The sentence after the one at `span`, or ''."""
    rest = story.text[span[1] : span[1] + 400]
    start = span[1] + len(rest) - len(rest.lstrip())
    return story.sentence_at(start) if start < len(story.text) else ""


def _whole_words_re(words: set[str]) -> re.Pattern[str] | None:
    """One pattern finding any of `words` as a whole word, or None for no words."""
    if not words:
        return None
    return re.compile(r"\b(?:" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b")


_MARKER_SPLIT_RE = re.compile(r",\s+|\s+and\s+(?=(?:a|an|the|one|two|his|her|its|their|eyes)\b)")
# "with a fleet of black-sailed ships in a crimson cloak": the cloak is worn, the fleet is only theirs.
_WORN_SPLIT_RE = re.compile(r"\s+(?=(?:in|wearing)\s+(?:a|an|the|his|her|its|their)\s)")
# What someone may have without it being on them: the head of a phrase that is no look ("a fleet of ships").
_HOLDINGS = frozenset(
    "fleet army armies ship ships crew band gang horde legion troop troops fortune kingdom castle palace collection "
    "herd flock pack navy empire following".split()
)
# A keyword feature in a sentence about the person is theirs when the sentence gives it them ("her scar", "its
# great wings", "scarred", "one-eyed"), not when it is a thing near their name ("an old horn bound in copper").
_OWN_KEYWORD_RE = re.compile(
    r"\b(?:one-eyed|eyepatch|eye patch|scarred|tattooed)\b"
    r"|\b(?:his|her|its|their)\s+(?:[a-z-]+\s+){0,2}(scars?|tattoo\w*|mask|limp|crest|horns?|antlers?|wings?|tail)\b",
    re.I,
)


def _own(part: str) -> bool:
    """Whether a marker phrase is a look of the person, not something they have elsewhere ("a fleet of ships")."""
    head = lower_words(_OF_RE.split(part, maxsplit=1)[0])
    return bool(head) and head[-1] not in _HOLDINGS


def _markers(appositive: str, about: list[str]) -> list[str]:
    """Distinctive features: the appositive's 'with ...' phrases, what the character had, wore or carried, and
    keyword features (scars, masks, wings) the appositive gives or a sentence about them gives them."""
    phrases = [m.group(1) for m in re.finditer(r"\bwith\s+([^.;:!?\"“”]{3,120})", appositive)]
    for sentence in about:
        pattern = r"\b(?:had|has|wore|wears|carried|carries)\s+((?:a|an|the|his|her|its|their)\s[^,.;:!?\"“”]{3,60})"
        phrases += [m.group(1) for m in re.finditer(pattern, sentence)]
    found: list[str] = []
    # Only the first four are kept and `found` only grows, so collecting stops there.
    parts = (
        re.sub(r"^(?:with|wearing|in)\s+", "", bit.strip())
        for phrase in phrases
        for part in _MARKER_SPLIT_RE.split(phrase)
        for bit in _WORN_SPLIT_RE.split(part)
    )
    for part in parts:
        if len(found) == 4:
            return found
        if part and part not in found and _own(part):
            found.append(part)
    keywords = [m.group(0) for m in _MARKER_KEYWORDS.finditer(appositive)]
    keywords += [m.group(1) or m.group(0) for s in about for m in _OWN_KEYWORD_RE.finditer(s)]
    for keyword in keywords:
        if len(found) == 4:
            return found
        word = keyword.lower()
        if not any(word in f.lower() for f in found):
            found.append(word)
    return found


_ARTICLE_RE = re.compile(r"^(?:a|an|the|one|his|her|its|their|un|une|le|la|el|los|las|una|son|sa|su)\s+", re.I)


def _visual_form(entity: Entity, character_type: CharacterType, about: list[str]) -> str:
    if entity.appositive:
        return trim(_ARTICLE_RE.sub("", entity.appositive), 200)
    if entity.introduced and entity.named_as:
        return entity.named_as  # "a broad-shouldered woman named Marisol Vega"
    worn = re.finditer(r"\b(?:in|wearing)\s+((?:a|an|the|his|her|its|their)\s[^,.;:!?\"]{3,60})", " ".join(about))
    # "in a black raincoat", not "in the hum of its gears": the phrase must name something worn.
    clothing = next((m for m in worn if set(lower_words(m.group(1))) & CLOTHING), None)
    defaults = {
        "humanoid": "a figure of ordinary build",
        "creature": "a large, expressive creature",
        "object": "a hand-sized, well-worn object",
        "concept": "an abstract, shifting shape",
    }
    return f"{defaults[character_type]} in {clothing.group(1)}" if clothing else defaults[character_type]


def _in_english(form: str, noun: str | None) -> str:
    """The look with its head noun in English when the story is not ('chat aux yeux brillants (cat)'): the
    renderer, which reads English, draws a cat, not a creature of no kind."""
    if noun is None or noun == "concept" or re.search(rf"\b{re.escape(noun)}", form, re.I):
        return form
    return trim(f"{form} ({noun})", 200)


def _demeanor(context: str, role: CharacterRole) -> str:
    words = set(lower_words(context))
    found = [d for d in DEMEANORS if d in words]
    return ", ".join(found[:2]) if found else DEFAULT_DEMEANOR[role]


def _era(text: str) -> str:
    """The story's period: the era whose cue words it uses most ('station', 'shuttle' -> far future)."""
    counts = Counter(lower_words(text))
    scores = [(sum(counts[c] for c in cues), -i, era) for i, (era, cues) in enumerate(ERA_CUES)]
    best = max(scores)
    return best[2] if best[0] else "timeless"


def _brief(entity: Entity, story: Story, sex: tuple[str, list[int]] | None) -> str:
    """The name with its appositive ('Grendlow, an ancient sea monster ...'), else the sentence introducing it;
    when neither says he or she and the story does, the first sentence of the story that does after it."""
    if entity.appositive:
        brief = f"{_display_name(entity)}, {entity.appositive}."
    else:
        brief = story.sentence_at(entity.mentions[0].start)
    brief = trim(brief, _BRIEF_MOST)
    return with_pronoun(brief, sex[1], story, _BRIEF_MOST) if sex is not None else brief


_BRIEF_MOST = 240


def _display_name(entity: Entity) -> str:
    """The fullest way the story writes the name ('Lord Vask' over 'Vask'), ties to the most frequent."""
    return max(entity.forms, key=lambda f: (len(f.split()), entity.forms[f]))


def _assign_roles(kept: list[Entity], types: dict[str, CharacterType]) -> dict[str, CharacterRole]:
    """Villain cues make antagonists; mentors, allies and recurring names support; the busiest humanoid who is
    not a mentor is the protagonist."""
    roles: dict[str, CharacterRole] = {}
    for entity in kept:
        cues = _cue_words(entity)
        if cues & ANTAGONIST_CUES or any(v in SNEER_VERBS for v in entity.speech_verbs):
            roles[entity.name] = "antagonist"
        elif cues & SUPPORT_CUES or len(entity.mentions) >= 4 or entity.speaks >= 2:
            roles[entity.name] = "supporting"
        else:
            roles[entity.name] = "minor"
    heroes = [e for e in kept if roles[e.name] != "antagonist"]
    # A creature can be the hero ("a mermaid searches ..."): the busiest who is not a thing, a concept or a mentor.
    beings = [e for e in heroes if types[e.name] in ("humanoid", "creature")] or heroes
    mentors = {e.name for e in beings if _cue_words(e) & MENTOR_CUES}
    candidates = [e for e in beings if e.name not in mentors] or beings
    if candidates:
        hero = max(candidates, key=lambda e: (len(e.mentions), -e.first))
        roles[hero.name] = "protagonist"
    return roles


def character_profiles(text: str) -> list[CharacterProfile]:
    """The characters of `text`, protagonist first then in order of appearance, at most eight."""
    story = Story(text)
    entities = collect_entities(story)
    kept = [e for e in entities if is_character(e, story)]
    if len(kept) < 2:  # a story that names few or none of its people: "the old woman", "the fisherman" too
        kept += nameless_entities(text)[: 2 - len(kept) + 1]
    types = {e.name: _character_type(e) for e in kept}
    roles = _assign_roles(kept, types)
    rank = {"protagonist": 0, "antagonist": 1, "supporting": 2, "minor": 3}
    kept = sorted(kept, key=lambda e: (rank[roles[e.name]], -len(e.mentions), e.first))[:8]
    kept.sort(key=lambda e: (roles[e.name] != "protagonist", e.first))
    profiles = []
    era = _era(text)
    foreign = story_language(text) is not None
    # He or she (a tale's pronouns are not English): only people's briefs need it, though a creature's count too.
    sexes = {} if foreign else story_sexes(story, [e for e in kept if types[e.name] in ("humanoid", "creature")])
    abouts = {e.name: _sentences_about(e, story, kept) for e in kept}
    palettes = cast_palettes([_person(e, *abouts[e.name], foreign, types[e.name] == "humanoid") for e in kept])
    for entity in kept:
        about, described = abouts[entity.name]
        context = " ".join([entity.appositive, *about])
        role = roles[entity.name]
        form = _visual_form(entity, types[entity.name], [*about, *described])
        if foreign:  # a tale's "vieil homme à lunettes" is drawn as a man: "(man)"
            noun = _head_noun(entity)
            if noun is None and types[entity.name] == "humanoid":
                noun = man_or_woman(" ".join([entity.name, entity.appositive, entity.named_as]))
            form = _in_english(form, noun)
        brief = _brief(entity, story, sexes.get(entity.name) if types[entity.name] == "humanoid" else None)
        if types[entity.name] == "humanoid":  # the hair, beard, glasses and hat the words give, for the drawing
            looks = told_looks(" ".join([entity.appositive, *about, *described]), foreign)
            form = with_looks(form, looks, f"{form} {brief}", 200)
        profiles.append(
            CharacterProfile(
                name=_display_name(entity)[:120],
                brief=brief,
                character_type=types[entity.name],
                era=era,
                visual_form=form,
                color_palette=palettes[entity.name],
                distinctive_markers=_markers(entity.appositive, about),
                demeanor=_demeanor(context, role),
                role=role,
            )
        )
    return profiles


def _person(entity: Entity, about: list[str], described: list[str], foreign: bool, human: bool) -> Person:
    """What the cast's palettes are chosen by: the colours the appositive names, else those of the sentences about
    the character (a person's also when their appositive names none: "Camille, une cheffe ..., portait un foulard
    rouge"; a thing's are its appositive's only: a "cage of black glass" it is trapped in is not its colour)."""
    named = worn_colours(entity.appositive, foreign)
    if not named and (human or not entity.appositive):
        named = worn_colours(" ".join([entity.appositive, *about, *described]), foreign)
    return Person(entity.name, entity.first, tuple(named), apart=human)
