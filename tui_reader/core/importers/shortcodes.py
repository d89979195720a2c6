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
# What embeds a video, a sound or a page: `[youtube URL]`, `[youtube=URL]` (WordPress.com's), `[vimeo …]`,
# `[video mp4="URL"]`, `[embed]URL[/embed]`, `[gist id=5035560 file=a.js]`, `[jsfiddle url="…"]`, `[digg=URL]`.
_MEDIA_SHORTCODE = re.compile(
    r"\[(?P<open>\[?)(?P<kind>audio|video|embed|youtube|vimeo|dailymotion|soundcloud|gist|jsfiddle|digg)"
    r"(?P<attributes>[\s=][^\]]*)?\](?:(?P<inner>[^\[]*)\[/(?P=kind)\])?(?P<close>\]?)",
    re.IGNORECASE,
)
_BY_ID = {
    "vimeo": "https://vimeo.com/{}",
    "dailymotion": "https://www.dailymotion.com/video/{}",
    "gist": "https://gist.github.com/{}",
}
_VIDEOS = frozenset(("video", "youtube", "vimeo", "dailymotion"))
_SOUNDS = frozenset(("audio", "soundcloud"))
# Where a page's address is a video's or a sound's: what an `[embed]` or an address alone on its line shows.
_VIDEO_SITES = "youtube.com youtu.be youtube-nocookie.com vimeo.com dailymotion.com dai.ly wordpress.tv videopress.com"
_SOUND_SITES = "soundcloud.com mixcloud.com spotify.com"
_HOSTS = {host: "video" for host in _VIDEO_SITES.split()} | {host: "audio" for host in _SOUND_SITES.split()}
_SIZING = frozenset(("w", "h", "width", "height"))  # a player's size in its address (`&w=560&h=315`)
# An address alone on its line (or alone in its `<p>`): WordPress embeds it when its site is one it knows.
_ADDRESS_LINE = re.compile(r"^[ \t]*(?:<p>)?[ \t]*(https?://[^\s<>\"\[\]]+)[ \t]*(?:</p>)?[ \t]*$", re.MULTILINE)
_PRE = re.compile(r"(<pre\b.*?</pre>)", re.DOTALL | re.IGNORECASE)
_LATEX = re.compile(r"\[latex\](.*?)\[/latex\]|\$latex\s(.*?)\$", re.DOTALL | re.IGNORECASE)  # WordPress.com's
_SHORTCODE_ATTRIBUTE = re.compile(r"""(\w+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))|"([^"]*)"|'([^']*)'|(\S+)""")


def shortcodes_as_html(content: str, attached_images: int = 0) -> str:
    """WordPress's own shortcodes as the page shows them: `[caption …]image text[/caption]` its image
    and text; `[sourcecode language="php"]…[/sourcecode]` (and `[source]`, `[code]`, `[csharp]`, `[bash]`
    and every other language's own; CodeColorer's `[cc]`, `[cce lang="diff"]`, `[ccnLe_php]`, and `[cci]`
    inline) a code block whose `<` and `>` are code, not tags; `[gallery …]` a
    line saying how many images it shows (its `ids=`, else the post's `attached_images`); `[audio URL]`,
    `[video mp4="URL"]`, `[youtube URL]`, `[vimeo …]`, `[embed]URL[/embed]`, a video's address alone on its
    line, `[gist …]`, `[jsfiddle …]`, `[digg=URL]` a line naming what it embeds, and its link; `[latex]`
    its formula as code. The reader saw `[caption id="attachment_906" …]`, `[/sourcecode]`, `[csharp]`,
    `[ccnLe_php]`, `[gallery columns="9"]` and `[youtube http://www.youtube.com/watch?v=…&w=560&h=315]`."""
    if "[" in content:
        content = _CODE_SHORTCODE.sub(_code_shortcode_html, content)
        content = _GALLERY_SHORTCODE.sub(lambda found: _gallery_html(found[1] or "", attached_images), content)
        content = _MEDIA_SHORTCODE.sub(_media_shortcode_html, content)
        content = _CAPTION_SHORTCODE.sub(lambda found: found[1], content)
    if "latex" in content:
        content = _LATEX.sub(lambda found: f"<code>{found[1] if found[1] is not None else found[2]}</code>", content)
    if "://" in content:
        parts = _PRE.split(content)  # (an address in a code block is code: every other part is a `<pre>`)
        content = "".join(part if index % 2 else _ADDRESS_LINE.sub(_embedded, part) for index, part in enumerate(parts))
    return content


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


def _media_shortcode_html(found: re.Match[str]) -> str:
    """A media shortcode as a line naming what it embeds and linking to it (`video: URL`, which `o`
    lists); `[[youtube …]]` (how a post writes about the shortcode) as typed."""
    if found["open"] and found["close"]:
        return found[0][1:-1]
    name = found["kind"].lower()
    attributes = (found["attributes"] or "").lstrip("=")  # `[youtube=URL]`
    named, bare = _shortcode_attributes(attributes)
    inner = html.unescape(found["inner"] or "").strip()
    candidates = [inner, named.get("src", ""), named.get("url", ""), *named.values(), *bare]
    url = next((c for c in candidates if c.lower().startswith(("https://", "http://"))), "")
    if not url and name in _BY_ID:
        url = _address_of(name, named.get("id") or inner or next(iter(bare), ""), named.get("file", ""))
    kind = "video" if name in _VIDEOS else "audio" if name in _SOUNDS else site_kind(url) or name
    return found["open"] + media_html(kind, url) + found["close"]


def _embedded(found: re.Match[str]) -> str:
    """An address alone on its line, as WordPress embeds it: a video's or a sound's as the shortcode
    would show it (`video: URL`); any other stays as written."""
    url = html.unescape(found[1])
    kind = site_kind(url)
    return media_html(kind, url) if kind else found[0]


def media_html(kind: str, url: str) -> str:
    """`kind: URL` with the link, in the line where the shortcode was (alone on it, it is a paragraph
    of its own; in a sentence, a part of it); the player's size left out of a video's or a sound's
    address (`…watch?v=jK3Oed_dPrM&w=560&h=315`: the page is the same without)."""
    if not url:
        return f"[{kind}]"
    address = html.escape(_unsized(url) if kind in ("video", "audio") else url)
    return f'{kind}: <a href="{address}">{address}</a>'


def site_kind(url: str) -> str:
    """ "video" or "audio" when the address is on a site of videos or sounds, else ""."""
    host = url.partition("://")[2].split("/", 1)[0].split(":", 1)[0].lower()
    while host:
        if host in _HOSTS:
            return _HOSTS[host]
        host = host.partition(".")[2]
    return ""


def _unsized(url: str) -> str:
    """The address without its `w`, `h`, `width` and `height` parameters."""
    address, hash_mark, fragment = url.partition("#")
    page, question, query = address.partition("?")
    if not question:
        return url
    kept = [part for part in query.split("&") if part.partition("=")[0].lower() not in _SIZING]
    return page + (question + "&".join(kept) if kept else "") + hash_mark + fragment


def _address_of(name: str, given: str, file: str) -> str:
    """The page of what a shortcode names by its id (`[vimeo 12345]`, `[gist id=5035560 file=canvas.js]`:
    a gist at that file's anchor); "" when the id is no id."""
    given = given.strip()
    if not given or not all(part.isalnum() for part in given.split("/")):
        return ""
    anchor = "#file-" + re.sub(r"[^a-z0-9]+", "-", file.lower()).strip("-") if name == "gist" and file.strip() else ""
    return _BY_ID[name].format(given) + anchor


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
