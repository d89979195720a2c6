"""WordPress WXR exports: published posts and pages with their approved comments.

Reviews: items of type post or page with status publish. Attachments, menu items,
drafts and the like are skipped. Comments: approved (`1`) and not pingbacks or
trackbacks; `wp:comment_parent` makes the thread (0 = top level).

Authors: a post names its author by login (`dc:creator`), a comment by the name typed or
the user's display name. A comment from a logged-in user (`wp:comment_user_id` not 0) is
the post author's when that id is the author's `wp:author_id`, or, in exports without
ids, when another logged-in comment with that id carries the author's login, display name
or email. Those comments are shown under the post's author name, so the thread marks them
OP. A comment with no user id is never matched (anyone can type a name or an email).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

from tui_reader.core.content.ids import stable_id
from tui_reader.core.content.models import Review
from tui_reader.core.content.text import html_references
from tui_reader.core.importers.base import InputError, Parsed, Skipped
from tui_reader.core.importers.common import clean, clean_or_none, iso_date, title_from
from tui_reader.core.importers.html import html_paragraphs, html_text, read_text
from tui_reader.core.importers.threads import Record, build_threads, oldest_first
from tui_reader.core.importers.xmlsafe import child_text, export_root

REVIEW_TYPES = ("post", "page")
NOT_COMMENTS = ("pingback", "trackback")
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
_IMAGE_FILE = re.compile(r"\.(?:jpe?g|png|gif|webp|avif|bmp|svg|tiff?)(?:\?.*)?$", re.IGNORECASE)


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


def _title_line(raw: str) -> str:
    """A post title is HTML (themes print it as it is): one line of its text, tags gone and entities
    read ("Markup: Title <em>With</em> <b>Mark<sup>up</sup></b>" was the list's title)."""
    return clean(" ".join(line.strip() for line in html_text(raw).splitlines() if line.strip()))


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


def _date(element: ET.Element, prefix: str) -> str | None:
    gmt = iso_date(child_text(element, f"wp:{prefix}_gmt"))
    if gmt is not None:
        return gmt + "Z" if gmt[-1].isdigit() else gmt
    return iso_date(child_text(element, f"wp:{prefix}"))


def _comment_qualifies(comment: ET.Element) -> str | None:
    """None when the comment is shown; else why it is not."""
    kind = clean(child_text(comment, "wp:comment_type")).lower()
    if kind in NOT_COMMENTS:
        return kind
    approved = clean(child_text(comment, "wp:comment_approved"))
    if approved != "1":
        return "spam" if approved == "spam" else "unapproved"
    return None


@dataclass(frozen=True, slots=True)
class _Author:
    login: str
    name: str  # the display name, else the login
    user_ids: frozenset[str]


def _authors(channel: ET.Element) -> dict[str, _Author]:
    """The blog's authors by login, each with the user ids its comments were made under."""
    found: dict[str, tuple[str, str, str]] = {}  # login: (id, display name, email)
    for entry in channel.findall("wp:author"):
        login = clean(child_text(entry, "wp:author_login"))
        if login:
            values = (child_text(entry, f"wp:author_{key}") for key in ("id", "display_name", "email"))
            user_id, name, email = (clean(value) for value in values)
            found[login] = (user_id, name or login, email.lower())
    owners: dict[str, str] = {}  # a name, login or email: its author's login
    for login, (_, name, email) in found.items():
        owners.update({key: login for key in (login, name, email) if key})
    ids: defaultdict[str, set[str]] = defaultdict(set)
    for login, (user_id, _, _) in found.items():
        if user_id not in ("", "0"):
            ids[login].add(user_id)
    for comment in channel.iter("wp:comment"):
        user_id = clean(child_text(comment, "wp:comment_user_id"))
        if user_id in ("", "0"):
            continue
        keys = (clean(child_text(comment, "wp:comment_author")), clean(child_text(comment, "wp:comment_author_email")))
        owner = owners.get(keys[0]) or owners.get(keys[1].lower())
        if owner is not None:
            ids[owner].add(user_id)
    return {login: _Author(login, name, frozenset(ids[login])) for login, (_, name, _) in found.items()}


def _attached_images(channel: ET.Element) -> Counter[str]:
    """How many images are attached to each post (by id): what a `[gallery]` with no `ids=` shows."""
    return Counter(
        clean(child_text(item, "wp:post_parent"))
        for item in channel.iter("item")
        if clean(child_text(item, "wp:post_type")).lower() == "attachment"
        and _IMAGE_FILE.search(clean(child_text(item, "wp:attachment_url")) or clean(child_text(item, "guid")))
    )


def _comment_author(comment: ET.Element, post_author: _Author | None) -> str:
    """The name shown for a comment: the post author's when it was made under the author's user id."""
    if post_author is not None and clean(child_text(comment, "wp:comment_user_id")) in post_author.user_ids:
        return post_author.name
    return clean(child_text(comment, "wp:comment_author"))


def _parent(value: str) -> str | None:
    value = clean(value)
    return None if value in ("", "0") else value


_EMPTY = "empty (no text, no comments)"


class WXRImporter:
    """WordPress eXtended RSS (any WXR version)."""

    name = "wxr"

    def sniff(self, head: str, path: Path) -> bool:
        return "<rss" in head and ("wordpress.org/export" in head or "<wp:wxr_version" in head)

    def parse(self, text: str, path: Path) -> Parsed:
        parsed = Parsed(path=str(path), format=self.name)
        not_wxr = "not a WordPress export (no <rss><channel>)"
        channel = export_root(text, path, "rss", not_wxr, parsed).find("channel")
        if channel is None:
            raise InputError(path, not_wxr)
        site = clean(child_text(channel, "link")) or clean(child_text(channel, "wp:base_blog_url"))
        not_reviews: Counter[str] = Counter()
        not_comments: Counter[str] = Counter()
        orphans = 0
        source = str(path.resolve())
        authors = _authors(channel)
        images = _attached_images(channel)
        for item in channel.iter("item"):
            kind = clean(child_text(item, "wp:post_type")).lower() or "post"
            status = clean(child_text(item, "wp:status")).lower() or "publish"
            if kind not in REVIEW_TYPES or status != "publish":
                not_reviews[kind if kind not in REVIEW_TYPES else status] += 1
                continue
            post_id = clean(child_text(item, "wp:post_id"))
            native = (
                f"{site}#{post_id}" if post_id else clean(child_text(item, "guid")) or clean(child_text(item, "link"))
            )
            if not native:
                not_reviews["item without id"] += 1
                continue
            review_id = stable_id("wxr", native)
            creator = clean(child_text(item, "dc:creator"))
            author = authors.get(creator)
            records: list[Record] = []
            dropped: dict[str, str | None] = {}
            for comment in item.iter("wp:comment"):
                comment_id = clean(child_text(comment, "wp:comment_id"))
                parent = _parent(child_text(comment, "wp:comment_parent"))
                reason = _comment_qualifies(comment)
                if not comment_id:
                    reason = reason or "comment without id"
                if reason is not None:
                    not_comments[reason] += 1
                    if comment_id:
                        dropped[comment_id] = parent
                    continue
                records.append(
                    Record(
                        native_id=comment_id,
                        parent=parent,
                        body=html_text(
                            shortcodes_as_html(clean(child_text(comment, "wp:comment_content"))),
                            newlines=True,
                            markdown=True,
                        ),
                        author=_comment_author(comment, author),
                        date=_date(comment, "comment_date"),
                    )
                )
            thread = build_threads(review_id, oldest_first(records), dropped)
            orphans += thread.orphans
            paragraphs = tuple(
                html_paragraphs(
                    shortcodes_as_html(clean(child_text(item, "content:encoded")), images.get(post_id, 0)),
                    newlines=True,
                    markdown=True,
                )
            )
            if not paragraphs and not thread.comments:  # (a Disqus-made WXR lists every page it knows)
                not_reviews[_EMPTY] += 1
                continue
            title = _title_line(child_text(item, "title")) or title_from(
                read_text(paragraphs), f"{kind} {post_id}".strip()
            )
            parsed.reviews.append(
                Review(
                    id=review_id,
                    title=title,
                    source=source,
                    paragraphs=paragraphs,
                    author=author.name if author is not None else creator or None,
                    date=_date(item, "post_date"),
                    url=clean_or_none(child_text(item, "link")),
                    format=self.name,
                    comments=thread.comments,
                )
            )
        where = str(path)
        parsed.skipped += [Skipped(where, f"{what} items not imported", n) for what, n in sorted(not_reviews.items())]
        parsed.skipped += [Skipped(where, f"{what} comments skipped", n) for what, n in sorted(not_comments.items())]
        if orphans:
            parsed.skipped.append(Skipped(where, "replies to missing comments shown at top level", orphans))
        if not parsed.reviews:
            raise InputError(path, "no published posts or pages in this WordPress export")
        return parsed
