"""Reading a story: capitalised names, grouped into characters with what the text says about each."""

from __future__ import annotations

import bisect
import re
from collections import Counter
from dataclasses import dataclass, field

from providers.offline.lexicon import (
    ABBREVIATIONS,
    APOSTROPHES,
    CREATURES,
    HUMANOIDS,
    OBJECTS,
    PLACE_NAME_WORDS,
    PLACE_NAMES,
    PLACE_PREPOSITIONS,
    RSQUO,
    STOPWORDS,
    TITLE_PREFIXES,
    TITLES,
)
from providers.offline.sentences import CAPWORD, WORD_CHAR_RE, find_quotes, strip_possessive
from providers.offline.text import lower_words, singular


@dataclass(slots=True)
class Mention:
    """One occurrence of a capitalised name in the text."""

    name: str
    start: int
    end: int
    initial: bool  # the first word of a sentence, where capitals prove nothing
    before: str  # the word just before it, lower-case
    outer: str = ""  # the word before its capitalised run, when stop words were peeled off ("in" of "in New York")


@dataclass
class Entity:
    """Everything the text says about one character."""

    name: str
    mentions: list[Mention] = field(default_factory=list)
    forms: Counter[str] = field(default_factory=Counter)
    appositive: str = ""
    speaks: int = 0
    speech_verbs: list[str] = field(default_factory=list)
    named_as: str = ""  # the words before "named X" / "called X", or an epithet like "the tyrant"
    introduced: bool = False  # "a woman named Marisol Vega", "His neighbour, Ingrid Solberg": someone, once is enough

    @property
    def first(self) -> int:
        return min(m.start for m in self.mentions)


_SENTENCE_STOP_RE = re.compile(r"[.!?] ")

_WORD_RUN_RE = re.compile(r"\w+")


class Story:
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
        if run is None or not WORD_CHAR_RE.fullmatch(word[-1]):
            return re.search(rf"\b{re.escape(word)}\b", self.text) is not None
        if run.end() == len(word):
            return word in self._word_starts
        # 'jean-luc': a whole-word occurrence starts where its first run, 'jean', is a whole word of the text.
        return any(
            self._word_ends_at(start + len(word)) and self.text.startswith(word, start)
            for start in self._word_starts.get(run.group(), ())
        )

    def _word_ends_at(self, end: int) -> bool:
        return end == len(self.text) or not WORD_CHAR_RE.match(self.text, end)


_ABBREVIATION_STOP_RE = re.compile(r"(\w+)\.$")

_MENTION_RE = re.compile(rf"{CAPWORD}(?: {CAPWORD})*")

_WORD_BEFORE_RE = re.compile(rf"[\w{APOSTROPHES}]+")


def _is_initial(story: Story, start: int) -> bool:
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
        return not (word and word.group(1).lower() in ABBREVIATIONS)
    if ch == "“":
        return True
    if ch == '"':
        # An opening quote starts speech; a closing quote is followed by the attribution ('"Run!" Mira said').
        return story.straight_quotes_before(j) % 2 == 0
    return False


def _scan_mentions(story: Story) -> list[Mention]:
    """Capitalised word runs of 1-3 words (titles allowed), with sentence openers and stop words peeled off."""
    text = story.text
    mentions: list[Mention] = []
    for match in _MENTION_RE.finditer(text):
        words = match.group(0).split(" ")
        start = match.start()
        initial = _is_initial(story, start)
        before_text = text[max(0, start - 30) : start]
        preceding = [w.lower() for w in _WORD_BEFORE_RE.findall(before_text)] or [""]
        before_word = outer = preceding[-1]
        if outer in {"the", "a", "an"} and len(preceding) > 1:
            outer = preceding[-2]  # "across the Sapphire Sea": the preposition before the article
        # Peel leading stop words ("But Mira", "The Storm"): what follows them is no longer sentence-initial.
        while words and words[0].lower() in STOPWORDS and not _titled(words):
            before_word = words[0].lower()
            start += len(words[0]) + 1
            words = words[1:]
            initial = False
        while words and words[-1].lower() in STOPWORDS:
            words = words[:-1]
        if not words:
            continue
        if words[-1].endswith(("'s", RSQUO + "s")):
            words[-1] = strip_possessive(words[-1])
        words = [w.rstrip(APOSTROPHES + "-") for w in words][: 4 if words[0].lower() in TITLE_PREFIXES else 3]
        if all(w.lower() in TITLES for w in words):
            continue
        name = " ".join(words)
        mentions.append(Mention(name, start, start + len(name), initial, before_word, outer))
    return _peel_openers(mentions, text)


def _titled(words: list[str]) -> bool:
    """Whether the run starts with a title ("Lord Vask", "First Mate Okoye"), which is kept though a stop word."""
    first = words[0].lower()
    if len(words) > 1 and first in TITLE_PREFIXES:
        return words[1].lower() in TITLES
    return len(words) > 1 and first in TITLES


def core_words(name: str) -> list[str]:
    """The words of a name without its titles: 'First Mate Jonah Okoye' -> Jonah, Okoye."""
    words = name.split()
    return [w for w in words if w.lower() not in TITLES and w.lower() not in TITLE_PREFIXES] or words


def _peel_openers(mentions: list[Mention], text: str) -> list[Mention]:
    """'Together Zoë ran': drop a sentence-opening word when the rest is a name the text uses elsewhere, and the
    word itself is none ('Nell Ashby climbed' beside 'Walter Ashby' and 'Nell cried' is Nell Ashby, not Walter)."""
    known = {m.name for m in mentions if not m.initial}
    known |= {w for name in known for w in name.split()}
    # A word known only from the starts of lines ('”\n\nEn el mercado') may be a sentence's first word after all.
    amid = {w for m in mentions if not m.initial and not _opens_line(text, m.start) for w in m.name.split()}
    peeled = []
    for m in mentions:
        words = m.name.split()
        if (
            m.initial
            and len(words) > 1
            and words[0].lower() not in TITLES
            and words[0] not in amid
            and " ".join(words[1:]) in known
        ):
            rest = " ".join(words[1:])
            m = Mention(rest, m.end - len(rest), m.end, False, words[0].lower(), m.before)
        peeled.append(m)
    return peeled


def _opens_line(text: str, start: int) -> bool:
    """Whether only a few quotes and spaces stand between the start of its line (or of the text) and `start` (a
    bounded look back: a story of one long line is not rescanned for every mention)."""
    window = text[max(0, start - 8) : start]
    newline = window.rfind("\n")
    if newline < 0 and start > 8:
        return False
    return not window[newline + 1 :].strip(' \t"“”«»')


def _resolve_aliases(mentions: list[Mention]) -> dict[str, str]:
    """Map every written form to one key per character: 'Vask' -> 'Lord Vask', 'Mira' -> 'Mira Quill'."""
    forms = {m.name for m in mentions}
    multi = {f for f in forms if len(f.split()) > 1}
    owners: dict[str, set[str]] = {}
    for full in multi:
        core = core_words(full)
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
        if len(words) > 2 and words[0].lower() in TITLES:  # "Captain Reyes" is "Captain Ada Reyes"
            containers.setdefault(f"{words[0]} {words[-1]}", set()).add(form)
        for size in range(2, len(words)):
            for i in range(len(words) - size + 1):
                containers.setdefault(" ".join(words[i : i + size]), set()).add(form)
    return containers


# French and Spanish articles too: "Duskiara, un chat aux yeux ...", "Hesper, la vieja maestra de ...".
_APPOSITIVE_RE = re.compile(
    r"^(?:\s+(?:itself|himself|herself|themselves))?,\s+"
    r"(?P<body>(?:a|an|the|one|his|her|its|their|un|une|le|la|les|el|los|las|una|son|sa|su)\s[^.!?;:\"“”«»]+)"
)

TIME_CLAUSE_RE = re.compile(
    r"\b(?:night|nights|day|days|dawn|morning|afternoon|evening|dusk|sunrise|sunset|noon|midnight|hour|week|year|years|"
    r"spring|summer|autumn|winter|first light|later|ago|sun came up|drew in|plus tard|después|"
    r"nuit|aube|matin|soir|minuit|crépuscule|soleil|noche|amanecer|mañana|tarde|medianoche|anochecer|sol)\b",
    re.I,
)

_APPOSITIVE_END_RE = re.compile(
    r",\s+(?:was|were|had|has|is|who|stood|sat|waited|came|lay|lived|said|ran|and\s+(?:he|she|it|they))\b"
    r"|,\s+[a-z]+(?:ed|ing)\b|\s+—\s+"
    # French and Spanish: "..., avait juré de", "..., attendait près du feu", "..., qui connaissait", "..., esperaba".
    r"|,\s+(?:qui|que|dont|et|y)\b|,\s+[a-zà-ÿ]+(?:ait|aient|aba|aban|ía|ían)\b"
    # A past tense: "..., entra le premier", "..., les attendait sur le seuil", "..., sonrió".
    rf"|,\s+[a-zà-ÿ]{{3,}}a\s+(?:le|la|les|l[{APOSTROPHES}]|un|une|des|du|au|sa|son|ses|tomber)\b"
    rf"|,\s+(?:les|le|la|lui|leur|se|s[{APOSTROPHES}])\s*[a-zà-ÿ]+(?:ait|aient)\b|,\s+[a-zà-ÿ]+ó\b"
)


def head_phrase(appositive: str) -> str:
    """The noun phrase at the front of an appositive: 'an ancient sea monster' of '... with scales ...'."""
    return re.split(
        r",|\s(?:in|with|who|whose|that|which|from|and|qui|que|avec|aux|au|de|du|des|con|del|et|y)\s",
        appositive,
        maxsplit=1,
    )[0]


def _appositive(text: str, mention: Mention) -> str:
    """The description right after a name ('Grendlow, an ancient sea monster with ...'), or ''."""
    match = _APPOSITIVE_RE.match(text[mention.end : mention.end + 300])
    if not match:
        return ""
    body = match.group("body")
    end = _APPOSITIVE_END_RE.search(body)
    body = (body[: end.start()] if end else body).strip(" ,")
    head = head_phrase(body)
    nouns = {singular(w) for w in lower_words(head)} & _THING_NOUNS
    if body.split()[0] in {"his", "her", "its", "their"} and not nouns:
        return ""  # "said Mira, her voice shaking"; but "Pip, her mechanical owl" is a description
    if TIME_CLAUSE_RE.search(head) and not nouns:
        return ""  # "Gullhaven, the next morning, ...": a time clause, not a description ("a night train" is one)
    return body


_THING_NOUNS = HUMANOIDS | CREATURES | OBJECTS

# "His neighbour, Ingrid Solberg, laughed", "dit son adjoint, Julien Blanc": the description before the name.
_BEFORE_APPOSITIVE_RE = re.compile(
    r"(?:^|[.!?]\s+|,\s+|\s)((?:his|her|their|its|my|our|son|sa|su)\s+(?:[\w-]+\s+){0,2}[\w-]+),\s*$", re.I
)

# "The bride, Sofia Lane, was nervous", "Below deck, the cook, Mama Ruth, laughed": the trade before a name set off
# by commas, at the start of a sentence or clause (not "Across the square, Mira": a place before her).
_THE_APPOSITIVE_RE = re.compile(r"(?:^|[.!?]\s+|,\s+|\n)((?:the|le|la|el)\s+(?:[\w-]+\s+){0,2}[\w-]+),\s*$", re.I)

_EPITHET_RE = re.compile(r"(\b[\w-]+\s+[\w-]+)\s+(?:named|called)\s*$|\bthe\s+([\w-]+)\s*$", re.I)


def collect_entities(story: Story) -> list[Entity]:
    """Group mentions into characters and gather the evidence about each (appositive, speech, epithets)."""
    text = story.text
    mentions = _scan_mentions(story)
    alias = _resolve_aliases(mentions)
    entities: dict[str, Entity] = {}
    for mention in mentions:
        key = alias.get(mention.name)
        if key is None:
            continue
        entity = entities.setdefault(key, Entity(key))
        entity.mentions.append(mention)
        entity.forms[mention.name] += 1
        appositive = _appositive(text, mention)
        if appositive and not entity.appositive:
            entity.appositive = appositive
        preceding = text[max(0, mention.start - 60) : mention.start]
        epithet = _EPITHET_RE.search(preceding)
        if epithet and not entity.named_as:
            entity.named_as = (epithet.group(1) or epithet.group(2) or "").lower()
            entity.introduced = entity.introduced or bool(epithet.group(1))
        before = _BEFORE_APPOSITIVE_RE.search(preceding)
        if before is None and text.startswith(",", mention.end):
            before = _THE_APPOSITIVE_RE.search(preceding)
        if before and not entity.appositive and not TIME_CLAUSE_RE.search(before.group(1)):
            entity.appositive, entity.introduced = before.group(1).lower(), True
    for quote in find_quotes(text):
        if quote.speaker and quote.speaker in alias and alias[quote.speaker] in entities:
            entity = entities[alias[quote.speaker]]
            entity.speaks += 1
            if quote.verb:
                entity.speech_verbs.append(quote.verb)
    return list(entities.values())


def is_character(entity: Entity, story: Story) -> bool:
    """Keep names the text treats as characters: introduced, speaking, or recurring and not a place or a word."""
    words = entity.name.lower().split()
    titled = len(words) > 1 and words[0] in TITLES  # "Captain Elena Sorvino paced the deck.": a name wherever it is
    named = [m for m in entity.mentions if not m.initial or titled]
    if not named and not entity.appositive and not entity.speaks:
        return False  # only ever at the start of sentences: an ordinary word, not a name
    placed = entity.name.lower() in PLACE_NAMES or words[-1] in PLACE_NAMES or {words[0], words[-1]} & PLACE_NAME_WORDS
    if placed and not entity.speaks:
        return False  # Mars, Paris, the Seine, Port Sable: places however the story uses them; Sofia Lane speaks
    if entity.introduced or (titled and not placed):
        return True
    if entity.speaks:
        return True
    at_place = sum(1 for m in entity.mentions if m.before in PLACE_PREPOSITIONS or m.outer in PLACE_PREPOSITIONS)
    if at_place * 2 > len(entity.mentions):
        return False  # "in Gullhaven", "above Gullhaven": a place
    if entity.appositive:
        return True
    if entity.name.lower() in STOPWORDS:
        return False
    # A lone word that also appears in lower case is ordinary vocabulary capitalised for emphasis.
    if len(entity.name.split()) == 1 and story.has_word(entity.name.lower()):
        return False
    return len(entity.mentions) >= 2
