"""What kind of place a review is of, where its source says: a hotel, a restaurant, a bar, a café.

Every place was `place`, so `kind:hotel` found none of TripAdvisor's 179 hotel reviews and
`kind:restaurant` none of Yelp's restaurants. The search's kind groups put these under `place`
(`kind:place` still finds them all). A place the source says nothing more of stays `place`.
"""

from __future__ import annotations

import re

PLACE = "place"

# Yelp's business categories (a list split by commas, or semicolons in older datasets' tables, any
# order) and the kind they make, the first kind that any category names winning: a hotel with a restaurant is a hotel, a
# restaurant with a bar a restaurant.
_YELP_KINDS: tuple[tuple[str, frozenset[str]], ...] = (
    ("hotel", frozenset({"hotels", "bed & breakfast", "resorts", "hostels", "guest houses"})),
    ("restaurant", frozenset({"restaurants"})),
    ("bar", frozenset({"bars", "pubs", "wine bars", "cocktail bars", "sports bars", "dive bars", "beer bar"})),
    ("cafe", frozenset({"cafes", "coffee & tea"})),
)


def yelp_place_kind(categories: object) -> str:
    """`Restaurants, Mexican` -> `restaurant`; `place` when no category says more (or none is given)."""
    if not isinstance(categories, str):
        return PLACE
    named = {category.strip().lower() for category in re.split(r"[,;]", categories)}
    return next((kind for kind, words in _YELP_KINDS if named & words), PLACE)
