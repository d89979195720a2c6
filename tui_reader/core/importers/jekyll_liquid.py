"""A Jekyll comment's Liquid tags as its page shows them: `{% highlight bash %}` … `{% endhighlight %}`
a code block, `{% raw %}` and `{% endraw %}` nothing (they only keep Liquid from reading what is
between them). The reader saw the tags as lines of the comment, around the commands.

The message is stored as the reader's Markdown subset: the words as they read (`paragraphs_of`,
HTML links kept as links) and each highlighted passage a fenced block, its language kept on the
fence (`` ```bash ``) for whoever reads the Markdown.
"""

from __future__ import annotations

import re

from tui_reader.core.content.markdown_text import code_fence
from tui_reader.core.content.text import repair
from tui_reader.core.importers.sites import paragraphs_of

# `{%- highlight ruby linenos -%}`: Liquid allows `-` trims and options after the language.
_HIGHLIGHT = re.compile(
    r"\{%-?\s*highlight\s+(?P<language>[\w+#.-]+)?[^%]*?-?%\}(?P<code>.*?)\{%-?\s*endhighlight\s*-?%\}",
    re.DOTALL,
)
_RAW = re.compile(r"\{%-?\s*(?:end)?raw\s*-?%\}")


def message_markdown(message: str) -> tuple[str, ...]:
    """The message's paragraphs as Markdown: its words, and its highlighted code as fenced blocks."""
    message = _RAW.sub("", message) if "raw" in message else message
    if "highlight" not in message:
        return paragraphs_of(message, markdown=True)
    out: list[str] = []
    at = 0
    for found in _HIGHLIGHT.finditer(message):
        out.extend(paragraphs_of(message[at : found.start()], markdown=True))
        code = repair(found["code"]).strip("\n").rstrip()
        if code.strip():
            fence = code_fence(code)
            out.append(f"{fence}{found['language'] or ''}\n{code}\n{fence}")
        at = found.end()
    out.extend(paragraphs_of(message[at:], markdown=True))
    return tuple(out)
