"""Frames and players in a review's HTML as a line naming what they embed, linked.

The reader shows no frame: an `<iframe src>` (a GIF from Giphy, a YouTube player), a `<video>`,
an `<audio>` or an `<embed>` read as nothing, and what the writer put there was gone without a
word (a Letterboxd review's GIF). Each reads as WordPress's media shortcodes do
(`shortcodes.media_html`): `video: URL`, `audio: URL`, else `embed: URL`, a line of its own that
`o` opens. A tag written as text (`&lt;iframe`) is text, and is no tag here.
"""

from __future__ import annotations

import html
import re

from tui_reader.core.importers.shortcodes import media_html, site_kind

_EMBED = re.compile(r"<(iframe|video|audio|embed|object)\b([^>]*)>(?:(.*?)</\1\s*>)?", re.IGNORECASE | re.DOTALL)
_SOURCE = re.compile(r"""\b(?:src|data)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def embeds_as_links(fragment: str) -> str:
    """`fragment` with each frame or player a paragraph `kind: URL` (left as it was without an address)."""
    return _EMBED.sub(_as_link, fragment) if "<" in fragment else fragment


def _as_link(found: re.Match[str]) -> str:
    tag = found[1].lower()
    source = _SOURCE.search(found[2]) or _SOURCE.search(found[3] or "")  # `<video><source src=…>`
    url = html.unescape(next((part for part in source.groups() if part), "")).strip() if source else ""
    if not url.lower().startswith(("https://", "http://")):
        return found[0]
    kind = tag if tag in ("video", "audio") else site_kind(url) or "embed"
    return f"<p>{media_html(kind, url)}</p>"
