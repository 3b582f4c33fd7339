"""Small text helpers shared by the writer and the reader."""

from __future__ import annotations

import re

from providers.offline.lexicon import CREATURES, HUMANOIDS, OBJECTS, PAST_TENSE

_NOUNS = CREATURES | HUMANOIDS | OBJECTS


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def known(phrase: str) -> str:
    """A phrase the story has named already: its leading "a"/"an" becomes "the" ("a cottage" -> "the cottage")."""
    return re.sub(r"^an? ", "the ", phrase)


def a_or_an(phrase: str) -> str:
    """'a' or 'an' as `phrase` sounds, not as it is spelt: 'a unicorn', 'an hour'."""
    low = phrase.lower()
    if low.startswith(("one", "uni", "use", "eu", "ur")):
        return "a"
    if low.startswith(("hour", "honest", "heir")):
        return "an"
    return "an" if low[:1] in "aeiou" else "a"


def quoted(line: str) -> str:
    return f'"{line}"'


_IRREGULAR = {"children": "child", "men": "man", "women": "woman", "people": "person"}


def singular(word: str) -> str:
    """A naive singular, good enough to look a prompt noun up in the lexicons."""
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    if len(word) > 4 and word.endswith("ves") and word[:-3] + "f" in CREATURES:
        return word[:-3] + "f"
    if len(word) > 4 and word.endswith("ies"):
        return word[:-1] if word[:-1] in _NOUNS else word[:-3] + "y"  # zombies, pixies; but cities, ladies
    if word.endswith(("ches", "shes", "sses", "xes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def plural(noun: str) -> str:
    """A naive plural for the writer's own nouns: 'chefs', 'witches', 'heroes', 'ladies'."""
    if noun.endswith(("s", "x", "ch", "sh")) or noun == "hero":
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in tuple("aeiou"):
        return noun[:-1] + "ies"
    return noun + "s"


def base_verb(word: str) -> str:
    """Third-person present to base form: befriends -> befriend, watches -> watch, tries -> try."""
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "sses", "xes", "zzes", "oes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def past_tense(verb: str) -> str:
    """The simple past of a base-form verb: tend -> tended, carry -> carried, stop -> stopped, find -> found."""
    if verb in PAST_TENSE:
        return PAST_TENSE[verb]
    if verb.endswith("e"):
        return verb + "d"
    if len(verb) > 2 and verb.endswith("y") and verb[-2] not in "aeiou":
        return verb[:-1] + "ied"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", verb):
        return verb + verb[-1] + "ed"  # one short syllable: stop -> stopped
    return verb + "ed"


def dedupe_words(text: str) -> str:
    """`text` without a word repeated right after itself ("a lonely lonely robot"), the seam two templates leave."""
    return _DOUBLED_RE.sub(r"\1", text)


_DOUBLED_RE = re.compile(r"\b(\w+)(?:\s+\1\b)+", re.IGNORECASE)


def lower_words(text: str) -> list[str]:
    """The words of `text` in lower case, letters of any alphabet ("sorcière", "dragón"), with inner ' and -."""
    return _LOWER_WORD_RE.findall(text.lower())


_LOWER_WORD_RE = re.compile(r"[^\W\d_](?:[^\W\d_]|['-])*")


def trim(text: str, limit: int) -> str:
    """`text` cut at a word boundary to at most `limit` characters, with an ellipsis when cut."""
    text = text.strip()
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(",;: ")
    return cut + "…"


def split_chunks(text: str, words_per_chunk: int) -> list[str]:
    """`text` in pieces of `words_per_chunk` words, whitespace kept, so the pieces join back to exactly `text`."""
    pieces = re.findall(r"\s*\S+\s*", text) or [text]
    chunks = ["".join(pieces[i : i + words_per_chunk]) for i in range(0, len(pieces), words_per_chunk)]
    return [c for c in chunks if c]


def count_tokens(text: str) -> int:
    """Deterministic token estimate: every word and every punctuation mark counts as one token."""
    return len(re.findall(r"\w+|[^\w\s]", text))
