"""WordPress's shortcodes (`[caption]`, `[sourcecode]`, `[gallery]`, `[audio]`…) as the HTML a page
shows for them, before the post's HTML is read: a reader saw them raw. Apart from `wxr` (the
export's items and threads): a shortcode is a rule of its own, and there are many."""

from __future__ import annotations

import html
import re

from tui_reader.core.content.text import html_references

# SyntaxHighlighter Evolved (and WordPress.com's `[sourcecode]`): every language alias it accepts is a
# code shortcode of its own (`[csharp]…[/csharp]`), beside `[sourcecode]`, `[source]` and `[code]`; not
# `latex` and `r` (it leaves those to others). As WordPress reads them: names as spelled (case counts),
# a pair only when closed by its own name, and `[[php]…[/php]]` the shortcode's text, shown as typed.
# CodeColorer's are `cc`, its modes and an optional `_language` (`[cc]`, `[cce]`, `[cci]`, `[cc_php]`,
# `[ccnLe_php]`), closed by the same name in any case (`[/cce]`); it reads them itself, before
# WordPress, so `[[cc]…[/cc]]` is a block between two brackets. Its modes are the letters of its
# documentation (i e s n b w l, small on, capital off): `[ccb753a…]` is no code shortcode.
# (The pattern opens on a literal `[`: opened on the optional `[` of `[[`, it made the pass 5× slower.)
_CODE_LANGUAGES = """as3 actionscript3 arduino bash shell coldfusion cf clojure clj cpp c c-sharp csharp css delphi pas
pascal diff patch erl erlang fsharp go golang groovy haskell java jfx javafx js jscript javascript tex matlab matlabkey
objc obj-c perl pl php plain text ps powershell py python splus rails rb ror ruby ts typescript scala sql swift vb vbnet
xml xhtml xslt html yaml yml"""
_CODE_NAMES = sorted(("sourcecode", "source", "code", *_CODE_LANGUAGES.split()), key=len, reverse=True)
_CODE_SHORTCODE = re.compile(
    r"\[(?P<open>\[?)(?:(?P<name>" + "|".join(map(re.escape, _CODE_NAMES)) + r")(?![\w-])"
    r"|(?P<cc>(?i:cc)[iIeEsSnNbBwWlL]*(?:_[^\s\]]*)?)(?=[\s\]]))"
    r"(?P<attributes>[^\]]*)(?<!/)\](?P<code>.*?)\[/(?:(?P=name)|(?i:(?P=cc)))\](?P<close>\]?)",
    re.DOTALL,
)
_CAPTION_SHORTCODE = re.compile(r"\[caption(?:\s[^\]]*)?\](.*?)\[/caption\]", re.DOTALL | re.IGNORECASE)


_GALLERY_SHORTCODE = re.compile(r"\[gallery(\s[^\]]*)?\]", re.IGNORECASE)
_MEDIA_SHORTCODE = re.compile(r"\[(audio|video|embed)(\s[^\]]*)?\](?:([^\[]*)\[/\1\])?", re.IGNORECASE)
_SHORTCODE_ATTRIBUTE = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))|"([^"]*)"|'([^']*)'|(\S+)""")


def shortcodes_as_html(content: str, attached_images: int = 0) -> str:
    """WordPress's own shortcodes as the page shows them: `[caption …]image text[/caption]` its image
    and text; `[sourcecode language="php"]…[/sourcecode]` (and `[source]`, `[code]`, `[csharp]`, `[bash]`
    and every other language's own; CodeColorer's `[cc]`, `[cce lang="diff"]`, `[ccnLe_php]`, and `[cci]`
    inline) a code block whose `<` and `>` are code, not tags; `[gallery …]` a
    line saying how many images it shows (its `ids=`, else the post's `attached_images`); `[audio URL]`,
    `[video mp4="URL"]`, `[embed]URL[/embed]` their link. The reader saw `[caption id="attachment_906" …]`,
    `[/sourcecode]`, `[csharp]`, `[ccnLe_php]` and `[gallery columns="9"]`."""
    if "[" not in content:
        return content
    content = _CODE_SHORTCODE.sub(_code_shortcode_html, content)
    content = _GALLERY_SHORTCODE.sub(lambda found: _gallery_html(found[1] or "", attached_images), content)
    content = _MEDIA_SHORTCODE.sub(lambda found: _media_html(found[1].lower(), found[2] or "", found[3] or ""), content)
    return _CAPTION_SHORTCODE.sub(lambda found: found[1], content)


def _code_shortcode_html(found: re.Match[str]) -> str:
    """A code shortcode's block (a CodeColorer one's inline code when its mode says so);
    `[[php]…[/php]]` (escaped: how a post writes about a shortcode) as typed."""
    before, after = found["open"], found["close"]
    if found["cc"] is None:
        if before and after:
            return found[0][1:-1]
        code, inline = _code_html(found["code"].strip("\n")), False
    else:
        code, inline = _codecolorer_html(found["cc"], found["attributes"], found["code"])
    return before + (f"<code>{code}</code>" if inline else f"<pre><code>{code}</code></pre>") + after


_LEADING_BLANK_LINES = re.compile(r"\A\s*[\r\n]")


def _codecolorer_html(name: str, attributes: str, code: str) -> tuple[str, bool]:
    """A CodeColorer shortcode's code as HTML, and whether it is inline (`[cci]`, mode `i`, `inline="true"`).

    It shows its code as typed: `&lt;` in a `[cc]` block is shown as `&lt;` (its FAQ: use `[cce]` for
    code the visual editor escaped). An escaped one (mode `e`, `escaped="true"`) has its entities read
    once, as its documentation says (`&lt;` is `<`, `&#91;` is `[`): `&amp;#038;` is code that writes
    `&#038;` (the plugin's code reads numeric ones a second time, which made that code `&`). Blank
    lines before the code and spaces after it are dropped, as it drops them."""
    modes = name[2:].partition("_")[0]
    named, _ = _shortcode_attributes(attributes)
    code = _LEADING_BLANK_LINES.sub("", code).rstrip()
    if _codecolorer_mode(modes, "e", named.get("escaped")):
        code = html_references(code)
    return html.escape(code, quote=False), _codecolorer_mode(modes, "i", named.get("inline"))


def _codecolorer_mode(modes: str, letter: str, attribute: str | None) -> bool:
    """A CodeColorer mode: its small letter turns it on, its capital off, else the attribute's `true`."""
    if letter in modes or letter.upper() in modes:
        return letter in modes
    return (attribute or "").lower() in ("true", "on", "1")


def _shortcode_attributes(text: str) -> tuple[dict[str, str], list[str]]:
    """A shortcode's `name="value"` attributes (quoted either way or bare) and its bare words."""
    named: dict[str, str] = {}
    bare: list[str] = []
    for found in _SHORTCODE_ATTRIBUTE.finditer(html.unescape(text)):
        if found[1]:
            named[found[1].lower()] = next((v for v in found.groups()[1:4] if v is not None), "")
        else:
            bare.append(next(v for v in found.groups()[4:] if v is not None))
    return named, bare


def _gallery_html(attributes: str, attached_images: int) -> str:
    named, _ = _shortcode_attributes(attributes)
    listed = [part for part in (named.get("ids") or named.get("include") or "").split(",") if part.strip()]
    count = len(listed) or attached_images
    said = f"gallery: {count} image{'s' if count != 1 else ''}" if count else "gallery"
    return f"<p>[{said}]</p>"


def _media_html(kind: str, attributes: str, inner: str) -> str:
    named, bare = _shortcode_attributes(attributes)
    candidates = [html.unescape(inner).strip(), named.get("src", ""), *named.values(), *bare]
    url = next((c for c in candidates if c.lower().startswith(("https://", "http://"))), "")
    if not url:
        return f"<p>[{kind}]</p>"
    address = html.escape(url)
    return f'<p>{kind}: <a href="{address}">{address}</a></p>'


_ESCAPED = r"&(?:amp|lt|gt|quot|#0*39);"  # the signs an editor escapes (PHP's htmlspecialchars)
_ESCAPED_TWICE = re.compile("&amp;" + _ESCAPED[1:])
_SIGN_ONCE = re.compile(rf"&(?:lt|gt);|&amp;(?!{_ESCAPED[1:]})")  # `<`, `>`, `&` escaped once (`&amp;&amp;` is)
_QUOTE_ONCE = re.compile(r"&(?:quot|#0*39);")
_QUOTE_TWICE = re.compile(r"&amp;(?:quot|#0*39);")
_SPECIAL = {"&amp;": "&", "&lt;": "<", "&gt;": ">", "&quot;": '"'}  # and `&#39;`, `&#039;`: "'"


def _code_html(code: str) -> str:
    """A code shortcode's text as HTML for `<pre>`: its `<` and `>` are code, not tags.

    A block whose every `<`, `>` and `&` is escaped twice (`RegisterClassEx(&amp;amp;wc)`, no `&lt;`
    once) was escaped again when it was saved: it reads one level down, as its author wrote it (`&wc`).
    Its quotes may be escaped once (`Send&amp;lt;T&amp;gt;(&quot;a&quot;)`: a visual editor escapes
    `<`, `>` and `&`, the highlighter then all four) but not at both levels (`&quot;` beside
    `&amp;quot;` is code that writes `&quot;`). A block escaped once (`&amp;&amp; $k`, `&amp;amp;type=`
    in a PHP string that writes `&amp;`) is left as it is."""
    quotes_at_both_levels = _QUOTE_ONCE.search(code) and _QUOTE_TWICE.search(code)
    if _ESCAPED_TWICE.search(code) and not _SIGN_ONCE.search(code) and not quotes_at_both_levels:
        code = re.sub(_ESCAPED, lambda sign: _SPECIAL.get(sign[0], "'"), code)
    return code.replace("<", "&lt;").replace(">", "&gt;")
