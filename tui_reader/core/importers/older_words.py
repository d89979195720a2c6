"""Words stored by older versions of the importers, read as the importers read the same markup now:
IMDb's character references (`Alt&#305;oklar`), Goodreads' book and author links (`[b:Title|id|…]`),
and control characters the HTML importers kept (an ESC in a WordPress comment) or a quote took as
the pictures it was shown as (`␛`). A note or quote made on the old words follows them to the new
ones (`personal.anchors`' loose pass), as `pipeline.older_ids` keeps the ids older versions gave.
"""

from __future__ import annotations

from tui_reader.core.content.text import html_references, repair

# What `text.visible()` showed a C0 control or DEL as: a quote taken from the screen holds these
# pictures where the text held a control, which importers now drop.
_CONTROL_PICTURES = dict.fromkeys([*range(0x2400, 0x2420), 0x2421])


def read_now(words: str) -> str:
    """`words` with the markup older importers kept as text read as it is now (unchanged without it)."""
    if not (words.isascii() and words.replace("\n", " ").replace("\t", " ").isprintable()):
        words = repair(words).translate(_CONTROL_PICTURES)
    if "&" not in words and "[" not in words:
        return words
    from tui_reader.core.importers.goodreads import markup_names  # the CSV readers: only when there is markup

    return markup_names(html_references(words))
