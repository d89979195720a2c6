"""The query language: words (AND), "exact phrase", -word, and facets.

    rain "operating system" -sequel author:jonze is:unread has:note rating:>=7
    subject:"her" kind:film stars:>=4 is:recommended is:spoiler votes:>=10
    title:"dark side" tag:rewatch date:2020 date:>=2019-06 date:2018..2020

Parsing never raises anything but `QueryError`, whose message is one line for
the status bar or the shell. An unclosed quote runs to the end (the user is still typing:
live, its last word is a prefix as any last word); a misspelled facet (`autor:`) or a bad
rating is an error; any other `word:` is words (`Re:Zero`, a pasted link).
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import NamedTuple

from tui_reader.core.search.terms import WORD_AND_SIGNS, Term, WholeWords
from tui_reader.core.search.tokens import fast_fold, is_cjk, raw_tokens

FACETS = ("author", "title", "tag", "date", "is", "has", "rating", "stars", "votes", "subject", "kind")
IS_VALUES = {
    "bookmarked": "bookmarked",
    "bookmark": "bookmarked",
    "unread": "unread",
    "read": "read",
    "recommended": "recommended",
    "not-recommended": "not-recommended",
    "notrecommended": "not-recommended",
    "not_recommended": "not-recommended",
    "spoiler": "spoiler",
    "spoilers": "spoiler",
}
HAS_VALUES = {
    "note": "note",
    "notes": "note",
    "quote": "quote",
    "quotes": "quote",
    "comment": "comments",
    "comments": "comments",
}
_FACET = re.compile(r"([A-Za-z]+):(.*)", re.DOTALL)
_RATING = r"(>=|<=|>|<|=)?\s*(-?\d+(?:\.\d+)?)(?:\.\.(-?\d+(?:\.\d+)?))?"  # compiled when first used
# name -> (example for an error, lowest and highest value allowed or None, whole numbers only)
_NUMERIC: dict[str, tuple[str, float | None, float | None, bool]] = {
    "rating": ("rating:>=7, rating:5..8", None, None, False),
    "stars": ("stars:>=4, stars:3..4", 0, 5, False),
    "votes": ("votes:>=10", 0, None, True),
}
_KIND = re.compile(r"[\w-]+")
# Other words people type for a kind (`kind:movie`, `kind:books`): they found nothing, silently. A kind
# matches every word of its group, so a subject the user set as `--kind movie` is found by `kind:film` too.
_KIND_WORDS = {
    "film": ("films", "movie", "movies"),
    "book": ("books", "novel", "novels"),
    "game": ("games", "videogame", "videogames", "video-game"),
    "product": ("products",),
    "place": ("places",),
    "business": ("businesses",),
    "hotel": ("hotels", "motel", "motels", "hostel", "hostels"),
    "restaurant": ("restaurants",),
    "bar": ("bars", "pub", "pubs"),
    "cafe": ("cafes", "café", "cafés", "coffeeshop", "coffeeshops"),
    "app": ("apps",),
}
# Kinds within a kind: an importer that knows a place is a hotel says so (`importers.place_kinds`),
# and `kind:place` still finds it with every other place.
_KIND_WITHIN = {"place": ("hotel", "restaurant", "bar", "cafe")}
_KIND_GROUP = {word: frozenset((kind, *words)) for kind, words in _KIND_WORDS.items() for word in (kind, *words)}


def kind_names(kind: str) -> frozenset[str]:
    """The subject kinds `kind:NAME` matches: NAME, the other words for it, and the kinds within it."""
    group = _KIND_GROUP.get(kind, frozenset((kind,)))
    within = [_KIND_GROUP[part] for name in group for part in _KIND_WITHIN.get(name, ())]
    return group.union(*within)


MAX_QUERY = 1000


class QueryError(ValueError):
    """A query that cannot be understood; `str(error)` is one line for the user."""


class NoWordError(QueryError):
    """A query of punctuation alone (`.`, `*`, a lone quote): it names nothing to find.

    Why an error and not every review, as an empty query: `search -l . | xargs tui-reader
    remove` emptied a library. The app's filter reads it as a word still to come."""


class Facet(NamedTuple):
    """`name:value`; for rating, stars and votes, `low`/`high` bounds with their inclusiveness.

    `value` is folded (author, subject: words joined by one space); `raw` is what was typed
    (subject: also matches a subject key exactly). NamedTuples here, not dataclasses: `search`
    imports no dataclasses (with the `inspect` they import, ~17 ms of a ~120 ms command)."""

    name: str
    value: str
    negated: bool = False
    low: float | None = None
    high: float | None = None
    low_inclusive: bool = True
    high_inclusive: bool = True
    raw: str = ""

    def accepts_rating(self, rating: float | None) -> bool:
        if rating is None:
            return False
        if self.low is not None and (rating < self.low or (rating == self.low and not self.low_inclusive)):
            return False
        return not (self.high is not None and (rating > self.high or (rating == self.high and not self.high_inclusive)))


class _Parsed(NamedTuple):
    text: str
    terms: tuple[Term, ...] = ()
    facets: tuple[Facet, ...] = ()


class Query(_Parsed):
    """A parsed query. An empty one matches every review.

    A subclass of its NamedTuple, for the `__dict__` its cached patterns are kept in."""

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if not term.negated)

    @property
    def negative(self) -> tuple[Term, ...]:
        return tuple(term for term in self.terms if term.negated)

    @cached_property
    def highlight(self) -> re.Pattern[str] | None:
        """Every positive term as substrings, for in-pane incremental search (`rel` lights `really`)."""
        patterns = [term.pattern(whole_words=False).pattern for term in self.positive]
        return re.compile("|".join(f"(?:{p})" for p in patterns)) if patterns else None

    @cached_property
    def locator(self) -> WholeWords | None:
        """Every positive term as whole words, as the library search matches them."""
        return WholeWords(self.positive) if self.positive else None


# Typographic double quotes are a phrase's quotes too: a query pasted from a document or typed on a
# keyboard that curls them (“toy story”) was read as two words, without a word said.
_PHRASE_QUOTES = str.maketrans(dict.fromkeys("“”„‟«»＂〝〞", '"'))


def parse_query(text: str, *, prefix_last: bool = False) -> Query:
    """Parse `text`. With `prefix_last` (live filtering) an unfinished last word matches as a prefix."""
    if not isinstance(text, str):
        raise QueryError("a query is text")
    if len(text) > MAX_QUERY:
        raise QueryError(f"query too long (over {MAX_QUERY} characters)")
    typed, text = text, text.translate(_PHRASE_QUOTES)
    terms: list[Term] = []
    facets: list[Facet] = []
    position, end = 0, len(text)
    while position < end:
        if text[position].isspace():
            position += 1
            continue
        negated = text[position] == "-" and position + 1 < end and not text[position + 1].isspace()
        if negated:
            position += 1
        if text[position] == '"':
            prefix = prefix_last and text.find('"', position + 1) < 0 and not text[-1].isspace()
            chunk, position = _quoted(text, position)
            term = _term(chunk, negated, phrase=True, prefix=prefix)
            if term is not None:
                terms.append(term)
            continue
        start = position
        while position < end and not text[position].isspace():
            if text[position] == '"' and text[start:position].endswith(":"):
                _, position = _quoted(text, position)
                break
            position += 1
        chunk = text[start:position]
        facet = _FACET.fullmatch(chunk)
        if facet is not None and _meant_as_filter(facet.group(1).lower(), facet.group(2)):
            facets.append(_facet(facet.group(1).lower(), facet.group(2), negated))
            continue
        prefix = chunk.endswith("*") or (prefix_last and position == end)
        term = _term(chunk.rstrip("*"), negated, phrase=False, prefix=prefix)
        if term is not None:
            terms.append(term)
    if not terms and not facets and text.strip():
        raise NoWordError(f"no word to search for in “{' '.join(typed.split())}”: punctuation alone is not searched")
    return Query(typed, tuple(terms), tuple(facets))


def _quoted(text: str, position: int) -> tuple[str, int]:
    """The text inside quotes starting at `position`, and where parsing resumes."""
    close = text.find('"', position + 1)
    if close < 0:
        return text[position + 1 :], len(text)
    return text[position + 1 : close], close + 1


def _term(chunk: str, negated: bool, *, phrase: bool, prefix: bool = False) -> Term | None:
    folded = fast_fold(chunk)
    tokens = tuple(raw_tokens(folded))
    if not tokens:
        return None
    signed = None if phrase else WORD_AND_SIGNS.fullmatch(folded)
    if signed is not None and not is_cjk(tokens[0]):
        return Term(tokens, negated=negated, signs=signed[2])
    if prefix and is_cjk(tokens[-1]):
        prefix = False  # a CJK run already matches as a substring
    return Term(tokens, phrase=phrase or len(tokens) > 1, negated=negated, prefix=prefix)


def _facet(name: str, raw: str, negated: bool) -> Facet:
    value = raw[1:-1] if len(raw) >= 2 and raw[0] == raw[-1] == '"' else raw.strip('"')
    if name == "author":
        folded = " ".join(raw_tokens(fast_fold(value)))
        if not folded:
            raise QueryError("author: needs a name, e.g. author:jonze")
        return Facet("author", folded, negated)
    if name in ("title", "tag"):
        folded = " ".join(raw_tokens(fast_fold(value)))
        if not folded:
            example = 'title:"dark side"' if name == "title" else "tag:rewatch"
            raise QueryError(f"{name}: needs words, e.g. {example}")
        return Facet(name, folded, negated, raw=value.strip())
    if name == "date":
        return _dates(value, negated)
    if name == "is":
        return Facet("is", _choice(name, value, IS_VALUES), negated)
    if name == "has":
        return Facet("has", _choice(name, value, HAS_VALUES), negated)
    if name in _NUMERIC:
        return _compare(name, value, negated)
    if name == "subject":
        folded = " ".join(raw_tokens(fast_fold(value)))
        if not folded and not value.strip():
            raise QueryError('subject: needs a name, e.g. subject:her or subject:"the matrix"')
        return Facet("subject", folded, negated, raw=value.strip())
    if name == "kind":
        kind = value.strip().lower()
        if _KIND.fullmatch(kind) is None:
            raise QueryError(f"kind:{_show(value)} is not a kind (e.g. kind:film, kind:book, kind:game)")
        return Facet("kind", kind, negated, raw=value.strip())
    raise QueryError(f"unknown filter {_show(name)}: (did you mean {_near_filter(name)}:?)")  # `?` lists them


def _meant_as_filter(name: str, value: str) -> bool:
    """A known filter, or one misspelled with a value it would take (`autor:jonze`, `star:4`: said
    as an error); any other `word:` is words: `Re:Zero`, `https://boxd.it`, `his: best` and
    `Ratings: 5` in a pasted line are searched, not refused."""
    if name in FACETS:
        return True
    near = _near_filter(name)
    if near is None:
        return False
    try:
        _facet(near, value, False)
    except QueryError:
        return False
    return True


def _near_filter(name: str) -> str | None:
    from difflib import get_close_matches

    close = get_close_matches(name, FACETS, n=1, cutoff=0.75)
    return close[0] if close else None


def _choice(name: str, value: str, choices: dict[str, str]) -> str:
    found = choices.get(value.lower())
    if found is None:
        options = ", ".join(sorted(set(choices.values())))
        raise QueryError(f"{name}:{_show(value)} is not known (use {name}: with {options})")
    return found


def _compare(name: str, value: str, negated: bool) -> Facet:
    """rating:, stars:, votes: — `>=7`, `>7`, `<=7`, `<7`, `7` (or `=7`), or a range `5..8`."""
    example, lowest, highest, whole = _NUMERIC[name]
    what = {"rating": "a rating", "stars": "a number of stars", "votes": "a number of votes"}[name]
    match = re.fullmatch(_RATING, value.strip())
    if match is None:
        raise QueryError(f"{name}:{_show(value)} is not {what} (e.g. {example})")
    first, second = float(match.group(2)), match.group(3)
    for number in (first, float(second) if second is not None else first):
        if (lowest is not None and number < lowest) or (highest is not None and number > highest):
            span = f"{lowest:g} to {highest:g}" if highest is not None else f"{lowest:g} up"
            raise QueryError(f"{name}:{_show(value)}: {name} go from {span}")
        if whole and not number.is_integer():
            raise QueryError(f"{name}:{_show(value)}: {name} are whole numbers (e.g. {example})")
    second_span = None if second is None else (float(second), float(second))
    return _between(name, value, negated, match.group(1), (first, first), second_span)


def _dates(value: str, negated: bool) -> Facet:
    """date: — a year, month or day, a comparison or a range, as day numbers (`date_filter`)."""
    from tui_reader.core.search.date_filter import date_bounds  # a filter's: not paid by words

    try:
        op, first, second = date_bounds(value)
    except ValueError as error:
        raise QueryError(f"date:{_show(value)} {error}") from None
    return _between("date", value, negated, op, first, second)


def _between(
    name: str, value: str, negated: bool, op: str | None, first: tuple[float, float], second: tuple[float, float] | None
) -> Facet:
    """The bounds of `op first` or of the range `first..second`, each a span (lowest, highest):
    a number is a span of one; a year typed for `date:` spans its days, so `>2020` starts after it."""
    if second is not None:
        if op:
            raise QueryError(f"{name}:{_show(value)}: a range takes no comparison sign")
        (low, _), (_, high) = sorted((first, second))
        return Facet(name, value, negated, low=low, high=high)
    start, end = first
    bounds: dict[str, Facet] = {
        "=": Facet(name, value, negated, low=start, high=end),
        ">=": Facet(name, value, negated, low=start),
        ">": Facet(name, value, negated, low=end, low_inclusive=False),
        "<=": Facet(name, value, negated, high=end),
        "<": Facet(name, value, negated, high=start, high_inclusive=False),
    }
    return bounds[op or "="]


def _show(value: str) -> str:
    """Echo user input in an error without control characters or unbounded length."""
    cleaned = "".join(ch if ch.isprintable() else "?" for ch in value)
    return cleaned if len(cleaned) <= 30 else cleaned[:29] + "…"


def waits_for_a_word(text: str) -> bool:
    """Whether `text` names no word yet (`-`, a lone quote, `.`): the app's filter, typed key by
    key, lists everything meanwhile, where `tui-reader search` refuses it (`NoWordError`)."""
    try:
        parse_query(text)
    except NoWordError:
        return True
    except QueryError:
        return False
    return False


# `genre:horror`, `year:2013` are words (no such filter), and `OR` is a word: each found nothing, and
# nothing said why.
_NAMED_LIKE_A_FILTER = re.compile(r"(?:^|\s)-?([A-Za-z]+):(?!//)\S")
_OPERATOR_WORD = re.compile(r"(?:^|\s)(OR|AND|NOT)(?=\s|$)")


def no_match_hint(text: str) -> str:
    """What a query that matched nothing may have meant otherwise, in a few words; empty when
    nothing in it reads as a filter or an operator it is not. Said by the command line's "no
    review matches" and by the app's filter that lists nothing."""
    hints = []
    named = sorted({match.group(1).lower() for match in _NAMED_LIKE_A_FILTER.finditer(text)} - set(FACETS))
    if named:
        said, filters = ", ".join(f"{name}:" for name in named), " ".join(f"{facet}:" for facet in FACETS)
        are = "is no filter, its words were" if len(named) == 1 else "are no filters, their words were"
        hints.append(f"{said} {are} searched; the filters are {filters}")
    if _OPERATOR_WORD.search(text):
        hints.append("OR, AND and NOT are words here: every word must be found, -word leaves one out")
    return "; ".join(hints)


def query_problem(text: str) -> str | None:
    """Why `text` is not a query the search accepts, in one line; None when it is one.

    The one check behind both searches: `tui-reader search` stops with this line (exit 2),
    the app's list filter shows it and lists nothing. An unknown filter (`is:foo`) or a bad
    value (`rating:abc`) is a problem; a word still being typed is not.
    """
    try:
        parse_query(text)
    except QueryError as error:
        return str(error)
    return None
