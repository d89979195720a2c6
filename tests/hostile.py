"""A hostile corpus, generated: markup, escape sequences, controls, bidi, huge lines, CJK.

Shared by core, CLI and UI tests. Everything here is what an attacker (or a broken
exporter) can put in a review's title, body, author, comments and a user's notes.
"""

from __future__ import annotations

from pathlib import Path

MARKUP = ["[/]", "[@click=app.quit]x[/]", "[link=file:///etc/passwd]x[/link]", "[bold red]loud", "[/", "[[", "]]"]
ESCAPES = [
    "\x1b[2J\x1b[H",  # clear screen, cursor home
    "\x1b]0;owned\x07",  # set window title
    "\x1b]52;c;aGFja2Vk\x07",  # OSC 52 clipboard write
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",  # OSC 8 hyperlink
    "\x9b31m",  # C1 CSI
    "\x9d0;t\x9c",  # C1 OSC ... ST
]
CONTROLS = ["".join(map(chr, range(0, 32))), "\x7f", "".join(map(chr, range(0x80, 0xA0)))]
UNICODE = [
    "\u202eevil\u202c",  # right-to-left override
    "\u2066iso\u2069",  # bidi isolate
    "a\u200bb\u200dc",  # zero-width space and joiner
    "\U0001f469\u200d\U0001f469\u200d\U0001f467 \U0001f3ac",  # emoji with ZWJ
    "中文评论，很好看。",
    "e\u0301\u0301\u0301",  # stacked combining marks
]

HOSTILE = MARKUP + ESCAPES + CONTROLS + UNICODE

# What must never reach a terminal because of content: escape introducers (7- and 8-bit), BEL, bidi controls.
# (The text of a URL may show; the sequence that would make it a live link may not.)
FORBIDDEN_IN_OUTPUT = ["\x1b", "\x07", "\x9b", "\x9d", "\x90", "\x9c", "\u202e", "\u2066"]


def hostile_text(index: int) -> str:
    return " ".join(HOSTILE[(index + k) % len(HOSTILE)] for k in range(5))


def write_hostile_corpus(folder: Path, *, huge_line_bytes: int = 1_000_000) -> list[Path]:
    """Plain-text review files with hostile titles, bodies and comment threads, plus a 1 MB line."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, item in enumerate(HOSTILE):
        comments = "".join(f"  {n}. {hostile_text(index + n)}\n     1. {item} reply\n" for n in range(1, 4))
        text = f"{item} title\n\n{hostile_text(index)}\n\n{item} in the body.\n\n\n{comments}"
        path = folder / f"hostile_{index:02d}.txt"
        path.write_text(text, encoding="utf-8", errors="surrogatepass")
        paths.append(path)
    huge = folder / "huge_line.txt"
    huge.write_text("Huge\n\n" + ("word [/] " * (huge_line_bytes // 9)), encoding="utf-8")
    paths.append(huge)
    return paths
