"""Disqus XML: the real export counted independently, merging, privacy, deleted and spam posts."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict
from pathlib import Path

import orjson
import pytest

from tests.core.formats_support import max_depth, parse_text, shape
from tui_reader.core.importers import InputError, parse_file

NS = {"d": "http://disqus.com"}
DSQ = "{http://disqus.com/disqus-internals}id"


@pytest.fixture
def export(corpora: Path) -> Path:
    return corpora / "disqus" / "tanglei-disqus.xml"


def surviving_posts(root: ET.Element) -> list[ET.Element]:
    return [
        p
        for p in root.findall("d:post", NS)
        if p.findtext("d:isDeleted", namespaces=NS) != "true" and p.findtext("d:isSpam", namespaces=NS) != "true"
    ]


def post_key(post: ET.Element) -> tuple[str, str, str]:
    """A post and its copies in other threads share author, time and message."""
    return (
        post.findtext("d:author/d:name", default="", namespaces=NS),
        post.findtext("d:createdAt", default="", namespaces=NS),
        post.findtext("d:message", default="", namespaces=NS),
    )


@pytest.mark.corpora
def test_real_export_matches_an_independent_count(export: Path) -> None:
    root = ET.parse(export).getroot()
    title_of = {t.get(DSQ): t.findtext("d:title", namespaces=NS) for t in root.findall("d:thread", NS)}
    by_title: dict[str | None, set[tuple[str, str, str]]] = defaultdict(set)
    for post in surviving_posts(root):
        thread = post.find("d:thread", NS)
        assert thread is not None
        by_title[title_of[thread.get(DSQ)]].add(post_key(post))
    # In this export one title is one article (its copies under several URLs merged).
    expected = sorted(len(keys) for keys in by_title.values())
    parsed = parse_file(export)
    assert parsed.format == "disqus"
    assert sorted(review.comment_count for review in parsed.reviews) == expected


@pytest.mark.corpora
def test_real_export_depth_matches_parent_chains(export: Path) -> None:
    root = ET.parse(export).getroot()
    parent = {
        p.get(DSQ): (p.find("d:parent", NS).get(DSQ) if p.find("d:parent", NS) is not None else None)
        for p in root.findall("d:post", NS)
    }

    def depth(post_id: str | None) -> int:
        levels = -1
        while post_id is not None:
            levels += 1
            post_id = parent.get(post_id)
        return levels

    expected = max(depth(p.get(DSQ)) for p in surviving_posts(root))
    assert max(max_depth(review) for review in parse_file(export).reviews) == expected


@pytest.mark.corpora
def test_emails_and_ips_never_reach_the_library(export: Path) -> None:
    root = ET.parse(export).getroot()
    secrets = {e.text for e in root.iter("{http://disqus.com}email") if e.text}
    secrets |= {e.text for e in root.iter("{http://disqus.com}ipAddress") if e.text}
    # Some commenters typed their address into the message itself: that text is theirs to show.
    messages = " ".join(e.text or "" for e in root.iter("{http://disqus.com}message"))
    secrets = {secret for secret in secrets if secret not in messages}
    assert len(secrets) > 10
    stored = orjson.dumps([review.to_doc() for review in parse_file(export).reviews]).decode()
    assert not [secret for secret in secrets if secret in stored]


def disqus(body: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<disqus xmlns="http://disqus.com" '
        f'xmlns:dsq="http://disqus.com/disqus-internals">{body}</disqus>'
    )


def thread(dsq_id: str, link: str, title: str = "Article") -> str:
    return (
        f'<thread dsq:id="{dsq_id}"><id>{dsq_id}</id><link>{link}</link><title>{title}</title><message/>'
        "<createdAt>2020-01-01T00:00:00Z</createdAt><author><email>me@example.com</email><name>me</name></author>"
        "<ipAddress>10.1.2.3</ipAddress><isDeleted>false</isDeleted></thread>"
    )


def post(dsq_id: str, thread_id: str, parent: str | None = None, *, native: str = "", deleted: bool = False,
         spam: bool = False, name: str = "") -> str:  # fmt: skip
    parent_tag = f'<parent dsq:id="{parent}"/>' if parent else ""
    return (
        f'<post dsq:id="{dsq_id}"><id>{native}</id><message><![CDATA[<p>post {dsq_id} &amp; more</p>]]></message>'
        f"<createdAt>2020-01-0{dsq_id[-1]}T00:00:00Z</createdAt><isDeleted>{str(deleted).lower()}</isDeleted>"
        f"<isSpam>{str(spam).lower()}</isSpam><author><email>x{dsq_id}@mail.example</email>"
        f"<name>{name or 'n' + dsq_id}</name></author><ipAddress>192.0.2.{dsq_id[-1]}</ipAddress>"
        f'<thread dsq:id="{thread_id}"/>{parent_tag}</post>'
    )


def test_deleted_and_spam_posts_are_skipped_and_their_replies_move_up(tmp_path: Path) -> None:
    body = thread("t1", "https://site.example/a/") + post("p1", "t1") + post("p2", "t1", "p1", deleted=True)
    body += post("p3", "t1", "p2") + post("p4", "t1", spam=True) + post("p5", "t1", "gone")
    parsed = parse_text(tmp_path, "d.xml", disqus(body))
    (review,) = parsed.reviews
    assert shape(review.comments) == [(0, "np1"), (1, "np3"), (0, "np5")]
    assert review.comments[0].body == "post p1 & more"
    reasons = " ".join(s.label for s in parsed.skipped)
    assert "deleted posts (1)" in reasons and "spam posts (1)" in reasons and "top level (1)" in reasons


def test_threads_of_one_article_merge_and_copied_posts_are_kept_once(tmp_path: Path) -> None:
    body = thread("t1", "http://www.site.example/blog/hello.html", "Hello") + thread(
        "t2", "https://site.example/hello/", "Hello"
    )
    body += thread("t3", "https://site.example/other/", "Other")
    body += post("p1", "t1", native="wp=1") + post("p2", "t2", native="wp=1") + post("p3", "t2", "p2", native="wp=2")
    body += post("p4", "t3")
    parsed = parse_text(tmp_path, "d.xml", disqus(body))
    assert [(r.title, r.comment_count) for r in parsed.reviews] == [("Hello", 2), ("Other", 1)]
    hello = parsed.reviews[0]
    assert shape(hello.comments) == [(0, "np1"), (1, "np3")]  # p3 replied to the copy p2 of p1


def test_threads_without_posts_are_not_reviews_and_no_email_or_ip_is_kept(tmp_path: Path) -> None:
    body = thread("t1", "https://site.example/a/") + thread("t2", "https://site.example/b/") + post("p1", "t1")
    parsed = parse_text(tmp_path, "d.xml", disqus(body))
    assert len(parsed.reviews) == 1
    assert "threads without posts (1)" in {s.label for s in parsed.skipped}
    stored = orjson.dumps([r.to_doc() for r in parsed.reviews]).decode()
    assert "@" not in stored and "10.1.2.3" not in stored and "192.0.2" not in stored


def test_ids_are_stable_across_parses(tmp_path: Path) -> None:
    text = disqus(thread("t1", "https://site.example/a/") + post("p1", "t1") + post("p2", "t1", "p1"))
    first = parse_text(tmp_path, "a.xml", text).reviews[0]
    second = parse_text(tmp_path, "b.xml", text).reviews[0]
    assert first.id == second.id and first.comments[0].replies[0].id == second.comments[0].replies[0].id


def test_an_export_with_no_posts_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no threads with posts"):
        parse_text(tmp_path, "d.xml", disqus(thread("t1", "https://site.example/a/")))


@pytest.mark.parametrize(
    ("escaped", "title"),
    [
        ("围住神经猫 1步玩法-&amp;amp;#8220;作弊&amp;amp;#8221;", "围住神经猫 1步玩法-“作弊”"),
        ("C++调用matlab&amp;#8212;matlab2012", "C++调用matlab—matlab2012"),
        ("Tom &amp; Jerry", "Tom & Jerry"),
        ("Plain title", "Plain title"),
    ],
)
def test_a_threads_title_escaped_twice_by_its_site_reads_as_its_page_shows_it(
    tmp_path: Path, escaped: str, title: str
) -> None:
    body = thread("t1", "https://site.example/a/", escaped) + post("p1", "t1")
    (review,) = parse_text(tmp_path, "d.xml", disqus(body)).reviews
    assert review.title == title


@pytest.mark.parametrize(
    ("titles", "shown"),
    [
        (  # two pages and the home page's own title: the site's name
            [
                "Rebooting Clojure - An Architect's View",
                "Testing With Boot - An Architect's View",
                "An Architect's View",
            ],
            ["Rebooting Clojure", "Testing With Boot", "An Architect's View"],
        ),
        (["Day one - tired", "Day two - tired"], ["Day one - tired", "Day two - tired"]),  # two alone: unsure
        (["A | Blog", "B | Blog", "C | Blog", "D - other"], ["A", "B", "C", "D - other"]),
    ],
)
def test_the_sites_name_ending_every_pages_title_is_said_once_not_in_each(
    tmp_path: Path, titles: list[str], shown: list[str]
) -> None:
    """Disqus keeps each page's `<title>`: the list said `… - An Architect's View` on every row."""
    body = "".join(thread(f"t{n}", f"https://site.example/{n}/", title) for n, title in enumerate(titles))
    body += "".join(post(f"p{n}", f"t{n}") for n in range(len(titles)))
    parsed = parse_text(tmp_path, "d.xml", disqus(body))
    assert sorted(review.title for review in parsed.reviews) == sorted(shown)
