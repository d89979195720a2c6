"""The plain-text importer on the seeds and on the messier files real users have."""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui_reader.core.content.models import Review, walk_comments
from tui_reader.core.importers import InputError, parse_file


def parse_one(path: Path) -> Review:
    parsed = parse_file(path)
    assert len(parsed.reviews) == 1
    return parsed.reviews[0]


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_seed_003_splits_glued_title_and_tagline(seeds: Path) -> None:
    review = parse_one(seeds / "003_ff4e0dad539df47f.txt")
    assert review.title == "her"
    assert review.subtitle is not None
    assert review.subtitle.startswith("Are human emotions innate")
    assert review.subtitle.endswith("through experiences")
    assert review.paragraphs[0].startswith("In the not too distant future Theodore Twombly")
    assert len(review.paragraphs) == 4


def test_seed_003_has_exactly_three_top_level_comments(seeds: Path) -> None:
    review = parse_one(seeds / "003_ff4e0dad539df47f.txt")
    bodies = [comment.body for comment in review.comments]
    assert len(bodies) == 3
    assert bodies[0].startswith("Good review.")
    assert bodies[1].startswith("I agree")
    assert bodies[2].startswith("A faultless movie")
    assert all(not comment.replies for comment in review.comments)
    assert not any("Good review" in paragraph for paragraph in review.paragraphs)


def test_seed_000_title_is_first_sentence_and_body_keeps_it(seeds: Path) -> None:
    review = parse_one(seeds / "000_81024c21bd6456bd.txt")
    assert review.title == "Her was a good film."
    assert review.subtitle is None
    assert review.paragraphs[0].startswith("Her was a good film. I was a bit wary")
    assert review.comments == ()
    assert "Any thoughts?" in review.body


def test_seeds_have_no_odd_spaces_left(seeds: Path) -> None:
    for path in seeds.iterdir():
        review = parse_one(path)
        text = review.title + (review.subtitle or "") + review.body + "".join(c.body for c in review.comments)
        assert "\u00a0" not in text
        assert "  " not in text
        assert "’" in text  # curly quotes survive


def test_ids_are_stable_across_reparse_and_copies(seeds: Path, tmp_path: Path) -> None:
    original = parse_one(seeds / "003_ff4e0dad539df47f.txt")
    copy_folder = tmp_path / "elsewhere" / "seeds"
    copy_folder.mkdir(parents=True)
    copy = copy_folder / "003_ff4e0dad539df47f.txt"
    copy.write_bytes((seeds / "003_ff4e0dad539df47f.txt").read_bytes() + b"\n  4. A new comment\n")
    moved = parse_one(copy)
    assert moved.id == original.id
    assert [c.id for c in moved.comments[:3]] == [c.id for c in original.comments]


def test_long_first_sentence_title_is_cut_at_a_word_boundary(tmp_path: Path) -> None:
    sentence = "This " + "remarkably " * 20 + "long opening sentence goes on. Then more."
    review = parse_one(write(tmp_path, "r.txt", sentence + "\n\nSecond paragraph."))
    assert len(review.title) <= 80
    assert review.title.endswith("…")
    assert sentence.startswith(review.title[:-1])
    assert review.paragraphs[0].startswith(sentence)


@pytest.mark.parametrize(
    ("opening", "title"),
    [
        ("We had a mixed experience at Mr. B's. The food was fine.", "We had a mixed experience at Mr. B's."),
        ("We see Dr. Lee every year. She is kind.", "We see Dr. Lee every year."),
        ("The best Indian food in St. Louis! Go there.", "The best Indian food in St. Louis!"),
        ("J. K. Rowling at her best. Really.", "J. K. Rowling at her best."),
        ("Good for kids, e.g. mine. They loved it.", "Good for kids, e.g. mine."),
        ("The answer is no. We left.", "The answer is no."),
        ("我很喜欢。真的很好。", "我很喜欢。"),
    ],
)
def test_a_title_from_the_first_sentence_goes_past_abbreviations_and_initials(
    tmp_path: Path, opening: str, title: str
) -> None:
    """Yelp reviews were titled "We see Dr." and "…food in St.": a full stop there ends no sentence."""
    review = parse_one(write(tmp_path, "r.txt", opening + "\n\nSecond paragraph."))
    assert review.title == title
    assert review.paragraphs[0] == opening  # the body keeps its first sentence


def test_headline_without_tagline(tmp_path: Path) -> None:
    review = parse_one(write(tmp_path, "r.txt", "A Quiet Masterpiece\n\nIt was quiet.\n\nAnd good."))
    assert (review.title, review.subtitle) == ("A Quiet Masterpiece", None)
    assert review.paragraphs == ("It was quiet.", "And good.")


def test_imdb_br_tags_rating_and_c1_controls(tmp_path: Path) -> None:
    text = "Great film.<br /><br />The \x96 acting was \x93superb\x94.<br />Truly."
    review = parse_one(write(tmp_path, "123_8.txt", text))
    assert review.rating == 8.0 and review.rating_max == 10 and review.stars == 4.0
    assert review.paragraphs == ("Great film.", "The – acting was “superb”.", "Truly.")


def test_crlf_and_cr_line_ends(tmp_path: Path) -> None:
    for newline in ("\r\n", "\r"):
        body = newline.join(["Title line", "", "First para", "continues here.", "", "Second."])
        review = parse_one(write(tmp_path, "crlf.txt", body))
        assert review.title == "Title line"
        assert review.paragraphs == ("First para continues here.", "Second.")


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", codecs.BOM_UTF8), ("utf-16-le", codecs.BOM_UTF16_LE), ("utf-16-be", b"")],
)
def test_unicode_encodings(tmp_path: Path, encoding: str, bom: bytes) -> None:
    text = "Café review\n\nNaïve “quotes” and 中文 text."
    review = parse_one(write(tmp_path, "u.txt", bom + text.encode(encoding)))
    assert review.title == "Café review"
    assert review.paragraphs == ("Naïve “quotes” and 中文 text.",)


def test_legacy_encodings_are_detected(tmp_path: Path) -> None:
    cp1252 = "Résumé of a “film”\n\nThe critic’s café scene was élégant and très naïve, à la française."
    assert parse_one(write(tmp_path, "w.txt", cp1252.encode("cp1252"))).title == "Résumé of a “film”"
    gbk = "这部电影非常好看\n\n演员的表演很自然，故事也很感人。我推荐大家去电影院看这部电影。"
    review = parse_one(write(tmp_path, "g.txt", gbk.encode("gbk")))
    assert review.title == "这部电影非常好看"


def test_nested_replies_by_indent_and_by_dotted_numbers(tmp_path: Path) -> None:
    text = (
        "Title\n\nBody text.\n\n"
        "  1. First comment\n"
        "     1. Reply by indent\n"
        "        1. Reply to the reply\n"
        "  2) Second comment\n"
        "  2.1. Dotted reply to second\n"
        "  3. Third\n"
        "     continues on the next line\n"
    )
    review = parse_one(write(tmp_path, "n.txt", text))
    shape = [(depth, comment.body) for depth, comment in walk_comments(review.comments)]
    assert shape == [
        (0, "First comment"),
        (1, "Reply by indent"),
        (2, "Reply to the reply"),
        (0, "Second comment"),
        (1, "Dotted reply to second"),
        (0, "Third continues on the next line"),
    ]
    first = review.comments[0]
    assert first.replies[0].parent == first.id


def test_numbered_list_inside_the_body_is_not_comments(tmp_path: Path) -> None:
    text = "Title\n\nMy reasons:\n\n1. The acting\n2. The music\n\nThat is all I have to say."
    review = parse_one(write(tmp_path, "l.txt", text))
    assert review.comments == ()
    assert "1. The acting" in review.body


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \r\n", "empty"),
        ("bin.dat", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", "binary"),
    ],
)
def test_empty_and_binary_files_are_refused_with_a_reason(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = write(tmp_path, name, data)
    with pytest.raises(InputError) as caught:
        parse_file(path)
    assert reason in caught.value.reason
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


@settings(max_examples=int(os.environ.get("FUZZ_EXAMPLES", "300")), deadline=None)
@given(st.binary(max_size=600) | st.text(max_size=600).map(lambda s: s.encode("utf-8")))
def test_any_bytes_parse_or_give_the_clear_error(tmp_path_factory: pytest.TempPathFactory, data: bytes) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "x.txt"
    path.write_bytes(data)
    try:
        parsed = parse_file(path)
    except InputError as error:
        assert str(path) in str(error)
        return
    for review in parsed.reviews:
        assert review.title
        assert all("\x00" not in p and "\r" not in p for p in review.paragraphs)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(alphabet="abc xyz.", min_size=1, max_size=30).filter(str.strip), min_size=1, max_size=5),
    st.lists(st.text(alphabet="abc xyz", min_size=1, max_size=30).filter(str.strip), min_size=0, max_size=6),
)
def test_body_and_comments_roundtrip(
    tmp_path_factory: pytest.TempPathFactory, paras: list[str], comments: list[str]
) -> None:
    body = "\n\n".join(" ".join(p.split()) for p in paras)
    listing = "".join(f"  {i}. {' '.join(c.split())}\n\n" for i, c in enumerate(comments, start=1))
    path = tmp_path_factory.mktemp("rt") / "r.txt"
    path.write_text("Headline\n\n" + body + "\n\n" + listing, encoding="utf-8")
    review = parse_one(path)
    assert [c.body for c in review.comments] == [" ".join(c.split()) for c in comments]
    assert review.body == body


def test_spaced_tagline_splits_but_a_quoted_word_stays_in_the_title(tmp_path: Path) -> None:
    spaced = parse_one(write(tmp_path, "a.txt", "Her “A love story for the digital age”\n\nBody."))
    assert (spaced.title, spaced.subtitle) == ("Her", "A love story for the digital age")
    word = parse_one(write(tmp_path, "b.txt", "Notes on “camp”\n\nBody."))
    assert (word.title, word.subtitle) == ("Notes on “camp”", None)


def test_a_list_introduced_by_the_body_is_not_comments(tmp_path: Path) -> None:
    text = "Title\n\nBody.\n\nFor some storytelling, go for two gems:\n\n1. The musical.\n\n2. Ever After."
    review = parse_one(write(tmp_path, "colon.txt", text))
    assert review.comments == () and review.paragraphs[-1] == "2. Ever After."


def test_imdb_br_lists_are_body_not_comments(tmp_path: Path) -> None:
    text = "Loved it.<br /><br />Season 1<br /><br />1. The Sopranos: 5/5<br />2. 46 Long: 4.5/5"
    review = parse_one(write(tmp_path, "11100_10.txt", text))
    assert review.comments == () and "1. The Sopranos: 5/5" in review.paragraphs


def test_an_imdb_dataset_folder_gives_each_review_its_film_and_skips_what_is_not_a_review(tmp_path: Path) -> None:
    """IMDB's `train/pos/3_9.txt` is line 3 of `train/urls_pos.txt`: the film's address names what it is
    about. The dataset's README and its address lists are no reviews: skipped, each with its reason."""
    from tui_reader.core.pipeline.importing import import_paths
    from tui_reader.core.store import Store

    root = tmp_path / "aclImdb"
    (root / "train" / "pos").mkdir(parents=True)
    (root / "README").write_text("Large Movie Review Dataset v1.0\n\nThis dataset contains movie reviews.\n")
    films = ["tt0000001", "tt0000002", "tt0000001", "tt0000003"]
    (root / "train" / "urls_pos.txt").write_text(
        "".join(f"http://www.imdb.com/title/{film}/usercomments\n" for film in films)
    )
    for number in (0, 2, 3):
        (root / "train" / "pos" / f"{number}_9.txt").write_text(f"Review number {number}. A fine film.")
    store = Store(tmp_path / "data")
    report = import_paths(store, [root])
    reviews = [store.library.get_at(position) for position in range(len(store.library))]
    subjects = sorted((r.paragraphs[0][:15], r.subject.ref if r.subject else None) for r in reviews if r)
    assert subjects == [
        ("Review number 0", "imdb:tt0000001"),
        ("Review number 2", "imdb:tt0000001"),
        ("Review number 3", "imdb:tt0000003"),
    ]
    assert {r.subject.kind for r in reviews if r and r.subject} == {"film"}  # the dataset's: `kind:film` finds them
    reasons = {Path(s.where).name: s.reason for s in report.skipped}
    assert reasons == {
        "README": "the folder's own README, LICENSE or other notes, not a review",
        "urls_pos.txt": "a list of web addresses, not a review",
    }


def test_a_file_named_on_its_own_is_read_whatever_its_name_but_a_list_of_addresses_is_refused(tmp_path: Path) -> None:
    assert parse_one(write(tmp_path, "README", "My review of Her.\n\nIt was good.")).title == "My review of Her."
    with pytest.raises(InputError, match="a list of web addresses"):
        parse_file(write(tmp_path, "links.txt", "https://a.example/1\n  https://b.example/2\n\nhttp://c.example\n"))
    assert parse_one(write(tmp_path, "one.txt", "Loved it: https://a.example/1")).paragraphs
