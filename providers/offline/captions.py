"""Narration for a panel's caption box: whole sentences from the beat that fit the box, a long one shortened at its
clause boundaries (never cut mid-thought with an ellipsis).

A sentence is read as comma-separated pieces: leading places and times ("In the kitchen, at dusk, ..."), which the
panel already draws; descriptions after a name ("Mira, a baker in a flour-white apron, ..."); trailing modifiers
(", with rings on every finger", ", wearing a satchel"); and clauses joined on (": ...", ", and she ...", " and had
sworn ..."). Dropping any of these leaves a grammatical sentence; of the shortenings that fit, the one that keeps
most of what the panel does not already show wins.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from providers.offline.data import load, words
from providers.offline.lexicon import APOSTROPHES
from providers.offline.mentions import TIME_CLAUSE_RE
from providers.offline.sentences import iter_sentences

CAPTION_MAX = 140  # characters: what a caption box holds at the lettering's size on a page's smallest panel

_C = load("reader")["captions"]
_LEADING = words(_C["leading"])
_TIME_OPENERS = words(_C["time_openers"])
_VERBS = words(_C["verbs"])
_APPOSITIVE = words(_C["appositive"])
_MODIFIER = words(_C["modifier"])
_CLAUSE = words(_C["clause"])
_CLAUSE_STARTS = words(_C["clause_starts"])
_NOT_PARTICIPLES = words(_C["not_participles"])

_AFTER_AND = words(_C["after_and"])
_AND_WORDS = frozenset({"and", "et", "y"})

_MOST_OPTIONAL = 8  # pieces tried in and out: 2**8 shortenings of one sentence at most
_SECOND_WHEN_UNDER = 70  # a caption this short takes the next sentence too, when both fit
_LAST_HEAD_WORDS = 6  # a last-resort head this long at least: a subject is not cut from its verb
# A caption is the start of its sentence less what may go: a head ending further in would not shorten to one (and
# a run-on sentence of thousands of characters would cost seconds to try every way).
_REACH = 3 * CAPTION_MAX
_MOST_HEADS = 10
_WHO, _DETAIL = 1.5, 0.5  # weights: a description of who someone is; a detail (a place the panel draws, a ring)

# Where a sentence may end early: before a colon or semicolon (French sets a space before them).
_HARD_CUT_RE = re.compile(r"\s?[:;]\s")
_AND_RE = re.compile(r" (?:and|et|y) (\w+)")
_RELATIVE_RE = re.compile(rf" (?:{'|'.join(sorted(words(_C['relatives'])))}) ")
_LAST_CUT_RE = re.compile(rf",? ({'|'.join(sorted(words(_C['last_cuts'])))}) ")
_WORD_RE = re.compile(rf"[\w{APOSTROPHES}-]+")
_NAME_END_RE = re.compile(rf"[A-ZÀ-ÖØ-Þ][\w{APOSTROPHES}-]*$")
_NAME_RE = re.compile(r"\s[A-ZÀ-ÖØ-Þ]")
_INTRODUCTION_RE = re.compile(rf"[A-Z][\w{APOSTROPHES}-]*, (?:a|an|the embodiment|the spirit|un|une|una) [a-z]")
_DASHES = "\u2014\u2013"  # em and en dash
_ASIDE_RE = re.compile(rf"\s[{_DASHES}]\s[^{_DASHES}]+\s[{_DASHES}]\s")  # " — an aside — "
_DANGLING_RE = re.compile(rf"(?:[\s,]+(?:{'|'.join(sorted(words(_C['clause'])))}|or|ou|o))+\s*$", re.I)


def caption(beat: str, most: int = CAPTION_MAX) -> str:
    """The beat's narration: the sentence that introduces someone ("Quoriow, a gentle dragon ..."), else its first
    sentence without speech, shortened to fit `most` characters; a short one is joined by the next when both fit."""
    narrative = [s for s in itertools.islice(iter_sentences(beat), 12) if '"' not in s and "“" not in s]
    if not narrative:
        return ""
    first = next((i for i, s in enumerate(narrative) if _INTRODUCTION_RE.search(s)), 0)
    order = [first, *(i for i in range(len(narrative)) if i != first)]
    for index in order:
        text = shorten(narrative[index], most)
        if text is None:
            continue
        following = narrative[index + 1] if index + 1 < len(narrative) else ""
        if following and len(text) < _SECOND_WHEN_UNDER and len(text) + 1 + len(following) <= most:
            text = f"{text} {following}"
        return text
    return ""


def shorten(sentence: str, most: int = CAPTION_MAX) -> str | None:
    """`sentence` within `most` characters, ending with its own stop: whole when it fits, else without pieces that
    may go; None when no shortening fits."""
    sentence = sentence.strip()
    if len(sentence) <= most:
        return sentence
    body = sentence.rstrip(".!?…")
    stop = sentence[len(body) :][:1] if sentence[len(body) :][:1] in ".!?" else "."
    # "Isolde — the best pilot in Verran — tightened ...": an aside between dashes may go as a whole.
    bodies = dict.fromkeys([body, _ASIDE_RE.sub(" ", body)])
    for tier in (_heads, _last_heads):  # the second only when nothing of the first fits
        best: tuple[float, str] | None = None
        for head in (head for whole in bodies for head in tier(whole)):
            for score, text in _shortenings(head):
                if len(text) + len(stop) <= most and (best is None or score > best[0]):
                    best = (score, text)
        if best:
            return f"{best[1]}{stop}"
    return None


def _heads(body: str) -> list[str]:
    """The sentence and each shorter sentence it begins with: up to a colon, a joined clause, "and had ..."."""
    cuts = [m.start() for m in _HARD_CUT_RE.finditer(body)]
    for m in re.finditer(r", (\w+)", body):
        if m.group(1).lower() in _CLAUSE:
            cuts.append(m.start())
    for m in _AND_RE.finditer(body):
        if m.group(1).lower() in _CLAUSE_STARTS or _is_past(m.group(1)):
            cuts.append(m.start())
    for m in _RELATIVE_RE.finditer(body):
        # In a description ("X, une sorcière curieuse qui portait ..."), with nothing but descriptions after it;
        # not the subject's own ("The old woman who kept the light walked ...").
        start = body.rfind(", ", 0, m.start())
        after = body[m.start() :].split(", ")
        if start >= 0 and _starts_with(body[start + 2 :], _APPOSITIVE):
            if all(_optional(before, piece) for before, piece in itertools.pairwise(after)):
                cuts.append(m.start())
    return _cut(body, cuts)


def _last_heads(body: str) -> list[str]:
    """Shorter sentences still: up to any "and" ("had cooked for three kings and ..."), or a relative clause; of
    six words at least, so a subject is not cut from its verb ("The old woman who kept the light ...")."""
    cuts = [m.start() for m in _LAST_CUT_RE.finditer(body) if _ends_clause(m.group(1), body[m.end() :])]
    heads = _cut(body, cuts)[1:]
    return [h for h in heads if len(_WORD_RE.findall(h)) >= _LAST_HEAD_WORDS]


def _ends_clause(joint: str, rest: str) -> bool:
    """Whether the sentence may end before `joint`: a relative clause, or an "and" before an article, a pronoun
    or a verb ("the fields and the meadows", "and sworn"), not one inside a phrase ("a hundred and twelve")."""
    if joint.lower() not in _AND_WORDS:
        return True
    following = _WORD_RE.match(rest)
    word = following.group(0).lower() if following else ""
    return word in _AFTER_AND or word in _CLAUSE_STARTS or _is_past(word)


def _cut(body: str, cuts: list[int]) -> list[str]:
    """The body, and its heads up to each cut, without the word that joined what was cut ("..., y quien ..."):
    those that end near enough to the start to be shortened into a caption, the longest few."""
    near = sorted({cut for cut in cuts if cut <= _REACH}, reverse=True)[:_MOST_HEADS]
    ends = (_DANGLING_RE.sub("", body[:cut]).rstrip(f" ,{_DASHES}") for cut in near)
    heads = [body, *ends] if len(body) <= _REACH else list(ends)
    return [h for h in heads if len(_WORD_RE.findall(h)) >= 3]


def _is_past(word: str) -> bool:
    """'cheered', 'scowled': a verb that starts a clause of its own after "and"."""
    return len(word) > 4 and word.islower() and word.endswith("ed")


@dataclass(frozen=True)
class _Piece:
    text: str
    optional: bool  # a description or modifier the sentence reads without
    weight: float = 1.0  # what a character of it is worth: who someone is more, a detail of their dress less
    after: int | None = None  # the description this one goes on ("..., a crest like a torn sail"): gone with it


def _shortenings(head: str) -> list[tuple[float, str]]:
    """(score, text) for the head with its leading places and times kept or dropped and each optional piece kept
    or dropped; the score is the length kept, weighted: who someone is counts more, a detail or a place or time the
    panel draws less."""
    pieces = head.split(", ")
    lead = _leading(pieces)
    rest = [_Piece(pieces[lead], False)]
    for k in range(lead + 1, len(pieces)):
        if rest[-1].optional and _starts_with(pieces[k], _APPOSITIVE):
            # "Fathaom, a careful dragon with green scales, a crest like a torn sail": one description, in two
            start = rest[-1].after if rest[-1].after is not None else len(rest) - 1
            rest.append(_Piece(pieces[k], True, rest[start].weight, start))
        elif _optional(pieces[k - 1], pieces[k]):
            rest.append(_Piece(pieces[k], True, _weight(pieces[k])))
        else:
            rest.append(_Piece(pieces[k], False))
    optional = [i for i, piece in enumerate(rest) if piece.optional][-_MOST_OPTIONAL:]
    leading = ", ".join(pieces[:lead])
    found = []
    for keep_lead in (True,) if lead == 0 else (False, True):
        for dropped in itertools.chain.from_iterable(
            itertools.combinations(optional, n) for n in range(len(optional) + 1)
        ):
            if any(rest[i].after is not None and rest[i].after in dropped for i in optional if i not in dropped):
                continue  # the rest of a description without its start
            kept = _joined(rest, set(dropped))
            score = sum(len(piece.text) * piece.weight for i, piece in enumerate(rest) if i not in dropped)
            if keep_lead and lead:
                text, score = f"{leading}, {kept}", score + len(leading) * _DETAIL
            else:
                text = kept[:1].upper() + kept[1:]
            found.append((score, text))
    return found


def _weight(piece: str) -> float:
    """A description counts more than the clause; a modifier less, unless it names someone ("with Pip asleep")."""
    if not _starts_with(piece, _MODIFIER):
        return _WHO
    return 1.0 if _NAME_RE.search(piece) else _DETAIL


def _joined(rest: list[_Piece], dropped: set[int]) -> str:
    """The pieces kept, by commas; a name whose description went runs on to its verb without one ("Mira, a baker,
    was waiting" is "Mira was waiting")."""
    text, last = "", -1
    for i, piece in enumerate(rest):
        if i in dropped:
            continue
        if last < 0:
            text = piece.text
        else:
            closes = i > last + 1 and not piece.optional and not rest[last].optional
            text += f"{' ' if closes else ', '}{piece.text}"
        last = i
    return text


def _starts_with(piece: str, starts: frozenset[str]) -> bool:
    found = _WORD_RE.match(piece)
    return bool(found) and found.group(0).lower() in starts  # type: ignore[union-attr]


def _leading(pieces: list[str]) -> int:
    """How many pieces open the sentence with a place or a time, to drop together; at least one piece is left."""
    lead = 0
    while lead < len(pieces) - 1 and _is_place_or_time(pieces[lead]):
        lead += 1
    if lead and _starts_with(pieces[lead], _VERBS):
        return 0  # "Dans la forêt, vivait Linis": the verb before its subject needs the place before it
    return lead


def _is_place_or_time(piece: str) -> bool:
    found = [w.lower() for w in _WORD_RE.findall(piece)]
    if not found or set(found) & _VERBS:
        return False
    if found[0] in _LEADING:
        return True
    return found[0] in _TIME_OPENERS and len(found) <= 7 and bool(TIME_CLAUSE_RE.search(" ".join(found[-2:])))


def _optional(before: str, piece: str) -> bool:
    """A piece the sentence reads without: a description right after a name, or a modifier of what precedes."""
    found = _WORD_RE.findall(piece)
    if not found:
        return False
    first = found[0].lower()
    if first in _MODIFIER:
        return True
    if first.endswith("ing") and found[0].islower() and first not in _NOT_PARTICIPLES and len(first) > 4:
        return True  # ", wearing a satchel", ", listening to the drums"
    # "In Stonereach, a herald ...": after a place, a new clause, not a description of it
    return first in _APPOSITIVE and bool(_NAME_END_RE.search(before.rstrip())) and not _is_place_or_time(before)
