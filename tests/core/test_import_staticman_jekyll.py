"""Jekyll comment folders as real blogs hold them (a tester's import of a real blog's `_data/comments`).

Every fixture is written here, in the shape of the real files:
- comments written by a WordPress-to-Jekyll migration: the YAML wrapped as front matter
  (`---` … `---`), `_parent` equal to the comment's own `_id`, the post in `post_id`;
- Staticman's own files beside them in the same post folder, with no post field at all;
- replies whose `_parent` is the comment replied to; posts in nested folders.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml  # type: ignore[import-untyped]
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.formats_support import shape
from tests.core.test_import_truth_threads import doc_shape, exported, pool_mode, run
from tui_reader.core.content.formatting import CODE_BLOCK, PARAGRAPH, blocks, body_kind, plain_text
from tui_reader.core.importers import InputError, parse_file

__all__ = ["pool_mode"]  # the fixture: each import in one process and in worker processes

_OLD = """---
_id: a93a21d015e6c8038177eeb8c2961d8a
_parent: a93a21d015e6c8038177eeb8c2961d8a
date: '2013-01-14 10:50:57'
link: ''
message: "Hi, thanks for the post. How come this works when the printer
  is not listed?\\n\\nkind regards"
name: Atle
post_id: /2012/09/01/mfc-9120cn-setup
---"""
_OLD_REPLY = """---
_id: 06d2e010921e42ceccfa2d4718ac7114
_parent: 06d2e010921e42ceccfa2d4718ac7114
date: '2013-01-14 11:19:42'
message: 'Hi Atle,


  yes, the drivers are in Debian.'
name: Martin
post_id: /2012/09/01/mfc-9120cn-setup
---
"""
_NEW = """_id: 8b9263b0-dd49-11eb-8b91-f3cc57c2a792
name: Nick
message: "Does this work for the MFC-9320CW?\\r\\nIt is wireless."
captcha: ''
date: '2021-07-05T04:29:11.056Z'
"""


def _blog(root: Path) -> Path:
    folder = root / "blog" / "_data" / "comments" / "mfc-9120cn-setup"
    folder.mkdir(parents=True)
    (folder / "2013-01-14-10-50-57.yml").write_text(_OLD, encoding="utf-8")
    (folder / "2013-01-14-11-19-42.yml").write_text(_OLD_REPLY, encoding="utf-8")
    (folder / "comment_1625459351056.yml").write_text(_NEW, encoding="utf-8")
    return folder.parent


def test_comments_wrapped_as_front_matter_are_read_and_join_their_post(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pool_mode: str
) -> None:
    """The wrapped files were refused (`expected a single document in the stream`), so only the
    newer (spam) comments were kept; once read, each was a thread of its own titled by its `_id`."""
    data = tmp_path / "d"
    code, out, err = run(capsys, "--data-dir", str(data), "import", str(_blog(tmp_path)))
    assert code == 0 and "1 new" in out and "3 comments from 3 files" in out, (out, err)
    assert "skipped" not in out and "parent" not in out
    document, text = exported(capsys, data)
    (review,) = document["reviews"]
    assert review["title"] == "Mfc 9120cn setup"
    assert doc_shape(review["comments"]) == [(0, "Atle"), (0, "Martin"), (0, "Nick")]
    assert review["comments"][1]["body"] == "Hi Atle,\n\nyes, the drivers are in Debian."
    assert "a93a21d015e6c8038177eeb8c2961d8a" not in text.replace('"id"', "")


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("---\n_id: c1\nname: Al\nmessage: Hello\n", "front matter opened, never closed"),
        ("_id: c1\nname: Al\nmessage: Hello\n---\n", "a trailing ---"),
        ("---\n_id: c1\nname: Al\nmessage: Hello\n---\nsome: [notes\n", "junk after the comment"),
        ("---\n---\n_id: c1\nname: Al\nmessage: Hello\n", "an empty document first"),
        ("---\nlayout: x\n---\n_id: c1\nname: Al\nmessage: Hello\n", "another document first"),
    ],
)
def test_the_first_document_holding_a_comment_is_read(tmp_path: Path, text: str, why: str) -> None:
    path = tmp_path / "_data" / "comments" / "post" / "c1.yml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    (review,) = parse_file(path).reviews
    assert shape(review.comments) == [(0, "Al")], why
    assert review.comments[0].body == "Hello"


def test_a_file_that_is_not_yaml_says_where_and_what_in_words(tmp_path: Path) -> None:
    """Not the parser's `mapping values are not allowed here`: the line, what is wrong, the line as written."""
    path = tmp_path / "c.yml"
    path.write_text("_id: c1\nname: Al\nmessage: it's: odd\n", encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_file(path)
    said = str(caught.value)
    assert (
        said == f'{path}: not valid YAML (line 3: a colon inside a value that is not in quotes: "message: it\'s: odd")'
    )
    path.write_text('_id: c1\nemail: "bob@example.com\nmessage: hi\n', encoding="utf-8")
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert "line 2: a quote that is never closed" in str(caught.value)
    assert "bob@example.com" not in str(caught.value) and "\n" not in str(caught.value)


def test_a_parent_naming_a_comment_is_a_reply_and_one_naming_none_is_no_parent(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], pool_mode: str
) -> None:
    """`_parent` as some forms post it: the comment replied to. Its own id, or an id naming no
    comment of the thread, is a top-level comment of the folder's post (no missing parent)."""
    folder = tmp_path / "site" / "data" / "comments" / "2019" / "05" / "a-post"
    folder.mkdir(parents=True)
    uuid = "0f8fad5b-d9cb-469f-a165-70867728950e"
    files = {
        "1.yml": f"_id: {uuid}\n_parent: {uuid}\nname: Al\nmessage: First\ndate: 1556800000\n",
        "2.yml": f"_id: b2\n_parent: {uuid}\nname: Bo\nmessage: Reply\ndate: 1556800100\n",
        "3.yml": "_id: c3\n_parent: 5d41402abc4b2a76b9719d911017c592\nname: Cy\nmessage: Third\ndate: 1556800200\n",
    }
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    data = tmp_path / "d"
    code, out, _ = run(capsys, "--data-dir", str(data), "import", str(folder.parents[2]))
    assert code == 0 and "1 new" in out and "3 comments" in out and "parent" not in out, out
    document, _ = exported(capsys, data)
    (review,) = document["reviews"]
    assert review["title"] == "A post"
    assert doc_shape(review["comments"]) == [(0, "Al"), (1, "Bo"), (0, "Cy")]


def test_a_thread_is_never_titled_by_an_id(tmp_path: Path) -> None:
    """Files outside a `comments` folder whose only post field is a hash (a Hugo page's UniqueID)."""
    path = tmp_path / "5d41402abc4b2a76b9719d911017c592" / "c1.yml"
    path.parent.mkdir()
    path.write_text("_id: c1\n_parent: 5d41402abc4b2a76b9719d911017c592\nname: Al\nmessage: Hi\n", encoding="utf-8")
    (review,) = parse_file(path).reviews
    assert review.title == "Comments"


def _readable(fields: dict[str, Any]) -> bool:
    return bool(fields["name"]) and any(c.isalnum() for c in fields["message"])


_FIELDS: st.SearchStrategy[dict[str, Any]] = st.fixed_dictionaries(
    {
        "_id": st.from_regex(r"[0-9a-f]{32}", fullmatch=True),
        "name": st.text(st.characters(categories=("L", "N", "Zs")), min_size=1, max_size=20).map(str.strip),
        "message": st.text(st.characters(categories=("L", "N", "P", "Zs")), min_size=1, max_size=80).map(str.strip),
        "date": st.sampled_from(["2013-01-14 10:50:57", "2021-07-05T04:29:11.056Z", 1556800000]),
    }
).filter(_readable)
_WRAPS = ("{}", "---\n{}---\n", "---\n{}---", "{}---\n", "---\n{}---\nnot: [closed\n", "---\nlayout: x\n---\n{}")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=_FIELDS, own_parent=st.booleans())
def test_any_comment_reads_the_same_however_its_documents_are_wrapped(
    tmp_path: Path, fields: dict[str, Any], own_parent: bool
) -> None:
    """Hypothesis: the comment read from each wrapping Jekyll data files use is the bare one's."""
    if own_parent:
        fields = {**fields, "_parent": fields["_id"], "post_id": "/2012/09/01/a-post"}
    body = yaml.safe_dump(fields, allow_unicode=True)
    folder = tmp_path / "_data" / "comments" / "a-post"
    folder.mkdir(parents=True, exist_ok=True)
    seen = []
    for index, wrap in enumerate(_WRAPS):
        path = folder / f"{index}.yml"
        path.write_text(wrap.format(body), encoding="utf-8")
        (review,) = parse_file(path).reviews
        ((comment),) = review.comments
        seen.append((review.title, comment.author, comment.body, comment.date))
    assert all(item == seen[0] for item in seen)
    assert seen[0][0] == "A post" and seen[0][1]  # (the name as the reader keeps it: normalised)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.lists(st.sampled_from([*"ab: -'\"\n\t[]{}#&*!|>%@`", "_id: x\n", "message: ", "---\n"]), max_size=40).map(
        "".join
    )
)
def test_any_yaml_file_is_read_or_refused_in_one_line(tmp_path: Path, text: str) -> None:
    """Hypothesis: a `.yml` file is a comment or a one-line refusal naming the file; never a traceback."""
    path = tmp_path / "c.yml"
    path.write_text(text, encoding="utf-8")
    try:
        parse_file(path)
    except InputError as error:
        said = str(error)
        assert said.startswith(f"{path}: ") and "\n" not in said and "<" not in said.removeprefix(str(path))


def test_jekyll_highlight_tags_are_a_code_block_and_raw_tags_are_gone(tmp_path: Path) -> None:
    """`{% highlight bash %}` … `{% endhighlight %}` (split over YAML's folded lines) was shown as
    literal lines around the commands; `{% raw %}` too."""
    path = tmp_path / "_data" / "comments" / "check" / "c.yml"
    path.parent.mkdir(parents=True)
    path.write_text(
        '_id: c1\nname: Liju\nmessage: "It says `NRPE` \\n\\n{% highlight\n  bash %}\\n$ ./check -m /var\\n'
        '/var is mounted!\\n{% endhighlight\n  %}\\n\\n{% raw %}{{ page.title }}{% endraw %} and more"\n',
        encoding="utf-8",
    )
    (review,) = parse_file(path).reviews
    (comment,) = review.comments
    kind = body_kind(review.format)
    assert [block.kind for block in blocks(comment.body, kind)] == [PARAGRAPH, CODE_BLOCK, PARAGRAPH]
    assert blocks(comment.body, kind)[1].text == "$ ./check -m /var\n/var is mounted!"
    assert "```bash\n" in comment.body  # the language, for whoever reads the Markdown
    shown = plain_text(comment.body, kind)
    assert "{%" not in shown and "{{ page.title }} and more" in shown
