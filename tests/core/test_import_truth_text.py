"""Issue #16, items 2 and 3: plain text read as what it is.

- Chinese GBK reviews (one a file, some with `\\r\\r\\n` line ends, some with a character cut at
  a line end) were refused as binary or decoded as Korean, Thai or UTF-16 mojibake;
- a numbered list inside a review's body became its "comments".
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from tui_reader.core.content.models import Review
from tui_reader.core.importers import InputError, parse_file
from tui_reader.core.importers.decode import NotText, decode, decode_text

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))

HOTEL_REVIEWS = [
    "距离川沙公路较近，但是公交指示不对，如果是“蔡陆线”的话，会非常麻烦。建议用别的路线。房间较为简单。",
    "商务大床房，房间很大，床有2M宽，整体感觉经济实惠不错！",
    "早餐太差，无论去多少人，那边也不加食品的。酒店应该重视一下这个问题了。房间本身很好。",
    "宾馆在小街道上，不大好找，但还好北京热心同胞很多。宾馆设施跟介绍的差不多，房间很小，确实挺小。",
    "服务态度极其差，前台接待好象没有受过培训，连基本的礼貌都不懂，竟然同时接待几个客人。",
    "好",
]


def parse_one(path: Path) -> Review:
    parsed = parse_file(path)
    assert len(parsed.reviews) == 1
    return parsed.reviews[0]


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


# ---- 2. encodings by evidence ------------------------------------------------------------


@pytest.mark.parametrize("index", range(len(HOTEL_REVIEWS)))
def test_gbk_hotel_reviews_with_cr_cr_lf_read_as_chinese(tmp_path: Path, index: int) -> None:
    """The corpus shape: one GBK review a file, lines ended by \\r\\r\\n (CRLF written in text mode)."""
    text = HOTEL_REVIEWS[index]
    lines = text.replace("。", "。\n").rstrip("\n").split("\n")
    review = parse_one(write(tmp_path, f"neg.{index}.txt", "\r\r\n".join(lines).encode("gbk") + b"\r\r\n"))
    assert "".join(review.paragraphs).replace(" ", "") == text


def test_gbk_decode_says_gbk_and_is_confident(tmp_path: Path) -> None:
    decoded = decode_text("\r\r\n".join(HOTEL_REVIEWS[:3]).encode("gbk"))
    assert decoded.encoding in ("gbk", "gb18030")
    assert (decoded.guessed, decoded.weak, decoded.replaced) == (True, False, 0)


def test_a_gbk_character_cut_at_a_line_end_costs_that_byte_not_the_file(tmp_path: Path) -> None:
    first, second = "房间很大，床也很舒服。", "早餐太差，服务员态度不好。"
    cut = "离".encode("gbk")[:1]  # the lead byte of a character whose trail byte was lost
    data = first.encode("gbk") + cut + b"\r\r\n" + second.encode("gbk") + b"\r\r\n"
    decoded = decode_text(data)
    assert decoded.encoding in ("gbk", "gb18030")
    assert decoded.text == first + "\ufffd\r\r\n" + second + "\r\r\n"
    assert (decoded.replaced, decoded.weak) == (1, True)
    assert "replaced" in decoded.describe()
    review = parse_one(write(tmp_path, "cut.txt", data))
    body = "".join(review.paragraphs)
    assert first in body and second in body


def test_utf8_with_a_cut_character_is_still_utf8() -> None:
    first, second = "这部电影非常好看，演员的表演很自然。", "故事也很感人。"
    data = first.encode() + "推".encode()[:2] + b"\n" + second.encode()
    decoded = decode_text(data)
    assert (decoded.encoding, decoded.replaced) == ("utf-8", 1)
    assert decoded.text.startswith(first) and decoded.text.endswith(second)


@pytest.mark.parametrize(
    ("text", "codec", "expected"),
    [
        ("這家飯店的位置很好，離捷運站只有五分鐘。房間乾淨，但是早餐太差了。", "big5", "cp950"),
        ("このホテルは駅から近くてとても便利でした。部屋は少し狭いですが、清潔でした。", "shift_jis", "cp932"),
        ("このホテルは駅から近くてとても便利でした。部屋は少し狭いですが、清潔でした。", "euc_jp", "euc_jp"),
        ("이 호텔은 역에서 가까워서 아주 편리했습니다. 방은 조금 좁지만 깨끗했어요.", "euc_kr", "cp949"),
        ("这家酒店的位置很好，离地铁站只有五分钟。", "gb18030", "gbk"),
        ("The critic’s “favourite” film — a naïve café scene… Très bien.", "cp1252", "cp1252"),
    ],
)
def test_legacy_codecs_are_read_as_what_they_are(tmp_path: Path, text: str, codec: str, expected: str) -> None:
    data = f"Headline\n\n{text}".encode(codec)
    decoded = decode_text(data)
    assert (decoded.text, decoded.encoding) == (f"Headline\n\n{text}", expected)
    assert decoded.guessed and not decoded.weak
    assert parse_one(write(tmp_path, "r.txt", data)).paragraphs == (text,)


def test_utf16_needs_a_bom_or_the_nul_pattern() -> None:
    text = "Café review\n\n中文 and “quotes”."
    with_bom = decode_text(codecs.BOM_UTF16_LE + text.encode("utf-16-le"))
    assert (with_bom.text, with_bom.guessed) == (text, False)
    # CJK UTF-16 without a BOM has no NUL pattern: its bytes are not taken for UTF-16
    # (they used to be: Chinese GBK files came out as UTF-16 mojibake).
    gbk = "宾馆在小街道上，不大好找，房间很小。".encode("gbk")
    assert not decode_text(gbk).encoding.startswith("utf")


UTF32 = {"le": (codecs.BOM_UTF32_LE, "utf-32-le"), "be": (codecs.BOM_UTF32_BE, "utf-32-be")}


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=["Cs"]), min_size=1), st.sampled_from(["le", "be"]))
def test_utf32_with_its_mark_decodes_back_exactly(text: str, order: str) -> None:
    bom, codec = UTF32[order]
    decoded = decode_text(bom + text.encode(codec))
    assert (decoded.text, decoded.encoding, decoded.guessed, decoded.replaced) == (text, codec, False, 0)


def test_utf32_with_its_mark_in_the_wrong_order_reads_in_the_order_that_fits(tmp_path: Path) -> None:
    text = "A title\n\nA body, café and 中文."
    for bom, wrong in ((codecs.BOM_UTF32_LE, "utf-32-be"), (codecs.BOM_UTF32_BE, "utf-32-le")):
        decoded = decode_text(bom + text.encode(wrong))
        assert (decoded.text, decoded.encoding) == (text, wrong)
    review = parse_one(write(tmp_path, "u32.txt", codecs.BOM_UTF32_BE + "hi there".encode("utf-32-le")))
    assert review.title == "hi there"  # was "��": read in the mark's order with every four bytes replaced


def test_bytes_that_are_no_utf32_after_its_mark_are_refused_not_replaced(tmp_path: Path) -> None:
    with pytest.raises(NotText, match=r"not UTF-32, though it starts with UTF-32's byte-order mark \(FF FE 00 00\)"):
        decode_text(codecs.BOM_UTF32_LE + b"hello\n")
    with pytest.raises(InputError, match="00 00 FE FF"):
        parse_file(write(tmp_path, "u.txt", codecs.BOM_UTF32_BE + b"hello\n"))
    cut = decode_text(codecs.BOM_UTF32_LE + "ab".encode("utf-32-le") + b"c\x00")  # its last character cut short
    assert (cut.text, cut.replaced) == ("ab\ufffd", 1)


def test_strict_utf8_and_bom_are_not_guesses() -> None:
    assert decode_text(b"plain ascii") == decode_text(b"plain ascii")
    plain = decode_text("中文 text".encode())
    assert (plain.encoding, plain.guessed, plain.weak, plain.describe()) == ("utf-8", False, False, "")
    assert decode_text(codecs.BOM_UTF8 + b"x").guessed is False


def test_decode_still_returns_text_and_encoding() -> None:
    """What the importers unpack: (text, encoding)."""
    text, encoding = decode("房间很大，床也很舒服。".encode("gbk"))
    assert (text, encoding) == ("房间很大，床也很舒服。", "gbk")


def test_english_curly_apostrophes_are_not_japanese() -> None:
    """`’s` is 92 73 in cp1252, a level-1 kanji in Shift-JIS."""
    text = "It’s the critic’s film and John’s, Mary’s, the city’s and the studio’s."
    assert decode_text(text.encode("cp1252")).text == text


def test_cyrillic_is_not_taken_for_chinese_or_cp1252() -> None:
    text = "Отличный отель, очень чистые номера и вежливый персонал. Рекомендую всем."
    decoded = decode_text(text.encode("cp1251"))
    assert decoded.text == text and decoded.weak


@pytest.mark.parametrize(
    "data",
    [
        "Résumé".encode("cp1252"),
        bytes(range(0xA0, 0x100)),  # every printable Latin-1 character
        "宾馆".encode("gbk") + b"\x81",  # a trailing lone byte
    ],
)
def test_what_a_standard_codec_reads_is_not_binary(data: bytes) -> None:
    decode_text(data)  # does not raise NotText


def test_binary_is_still_binary() -> None:
    for data in (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00", bytes(range(256)) * 4, b""):
        with pytest.raises(NotText):
            decode_text(data)


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8", exclude_characters="\x00")).filter(lambda s: s.encode().strip()))
def test_any_utf8_decodes_back_exactly(text: str) -> None:
    decoded = decode_text(text.encode())
    assert decoded.text == text.removeprefix("\ufeff")  # a leading U+FEFF is the UTF-8 BOM
    assert decoded.encoding in ("utf-8", "utf-8-sig")


COMMON_HANZI = list("的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自")
COMMON_HANZI += list("房间酒店服务早餐干净环境位置交通前台设施卫生很好差小大床舒适推荐价格热情方便安静")
CHINESE_PUNCTUATION = [*"，。！？、；：“”（）", "\r\r\n", "\n", " ", "2", "M"]


@settings(max_examples=EXAMPLES, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(alphabet=st.sampled_from(COMMON_HANZI), min_size=1, max_size=12),
            st.sampled_from(CHINESE_PUNCTUATION),
        ),
        min_size=1,
        max_size=30,
    )
)
def test_any_common_chinese_in_gbk_decodes_back_exactly(words: list[tuple[str, str]]) -> None:
    text = "".join(word + mark for word, mark in words)
    data = text.encode("gbk")
    assume(not _is_utf8(data))  # a few GBK bytes can be valid UTF-8 ("一" is "һ"): strict UTF-8 wins
    assume(sum(len(word) for word, _ in words) >= 2)  # one character alone ("交" or "½»"?) is a weak guess
    decoded = decode_text(data)
    assert (decoded.text, decoded.encoding) == (text, "gbk")


def _is_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


WESTERN_WORDS = st.text(alphabet=st.sampled_from(list("abcdefghijklmnopqrstuvwxyzABC")), min_size=1, max_size=8)
ACCENTED = st.sampled_from(list("éèàçöüßñøåÉ"))
MARKS = st.sampled_from([" ", ", ", ". ", " — ", " “", "” ", "’s ", "…", "\n"])


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.lists(st.tuples(WESTERN_WORDS, ACCENTED, WESTERN_WORDS, MARKS), min_size=1, max_size=20))
def test_western_cp1252_is_not_taken_for_cjk(words: list[tuple[str, str, str, str]]) -> None:
    text = "".join("".join(parts) for parts in words)
    decoded = decode_text(text.encode("cp1252"))
    assert (decoded.text, decoded.encoding) == (text, "cp1252")


CORPUS_CSV = Path(__file__).resolve().parents[3] / "shared" / "corpora" / "csv" / "ChnSentiCorp_htl_all.csv"


@pytest.mark.skipif(not CORPUS_CSV.exists(), reason="the shared corpus is not here")
def test_the_chinese_hotel_csv_still_imports_as_a_table() -> None:
    parsed = parse_file(CORPUS_CSV)
    assert parsed.format == "table"
    assert len(parsed.reviews) == 7765
    assert parsed.reviews[0].body.startswith("距离川沙公路较近")


# ---- 3. plain-text comments only where they are comments ---------------------------------


def text_file(tmp_path: Path, text: str, codec: str = "utf-8") -> Path:
    return write(tmp_path, "review.txt", text.encode(codec))


@pytest.mark.parametrize("marker", ["、", ". ", "."])
@pytest.mark.parametrize("codec", ["utf-8", "gbk"])
def test_a_chinese_review_keeps_its_numbered_list(tmp_path: Path, marker: str, codec: str) -> None:
    text = f"酒店位置不错，交通方便。\n\n缺点如下\n\n1{marker}房间小\n2{marker}早餐差\n3{marker}隔音不好"
    review = parse_one(text_file(tmp_path, text, codec))
    assert review.comments == ()
    assert f"1{marker}房间小" in review.body and f"3{marker}隔音不好" in review.body


@pytest.mark.parametrize("codec", ["utf-8", "gbk"])
def test_a_chinese_list_glued_under_its_sentence_is_body(tmp_path: Path, codec: str) -> None:
    text = "房间还不错。\r\r\n1. 房间小\r\r\n2. 早餐差\r\r\n总的来说还可以。\r\r\n"
    review = parse_one(text_file(tmp_path, text, codec))
    assert review.comments == ()
    assert "2. 早餐差" in review.body and "总的来说还可以" in review.body


def test_an_english_review_ending_in_pros_and_cons_keeps_them(tmp_path: Path) -> None:
    text = (
        "Solid hotel\n\nWe stayed three nights in October. Overall a good stay.\n\n"
        "1. Pros: the location, five minutes from the station.\n"
        "2. Pros: friendly staff.\n"
        "3. Cons: the room was small and the breakfast was poor.\n"
    )
    review = parse_one(text_file(tmp_path, text))
    assert review.comments == ()
    assert "1. Pros: the location" in review.body and "3. Cons: the room was small" in review.body


def test_a_list_inside_the_body_with_text_after_it_is_body(tmp_path: Path) -> None:
    text = "Title\n\nThree things stood out.\n\n1. The acting\n2. The music\nAnd the ending, of course."
    review = parse_one(text_file(tmp_path, text))
    assert review.comments == ()
    assert review.body.endswith("And the ending, of course.")


def test_a_body_list_then_the_seed_thread(tmp_path: Path) -> None:
    """The body's own flat list stays in the body; the indented run after it is the thread."""
    text = (
        "Title\n\nBody.\n\n1. Pros\n2. Cons\n\n"
        "  1. A comment on the review.\n\n"
        "  2. Another one.\n"
        "     1. A reply to it.\n"
    )
    review = parse_one(text_file(tmp_path, text))
    assert "1. Pros 2. Cons" in review.body
    assert [c.body for c in review.comments] == ["A comment on the review.", "Another one."]
    assert [r.body for r in review.comments[1].replies] == ["A reply to it."]


def test_the_seed_layout_still_makes_the_thread(seeds: Path, tmp_path: Path) -> None:
    seed = parse_one(seeds / "003_ff4e0dad539df47f.txt")
    assert [c.body[:12] for c in seed.comments] == ["Good review.", "I agree with", "A faultless "]
    assert parse_one(seeds / "000_81024c21bd6456bd.txt").comments == ()
    # The seed written as cp1252 with \r\r\n line ends reads the same.
    text = (seeds / "003_ff4e0dad539df47f.txt").read_text("utf-8").replace("\n", "\r\r\n")
    copy = write(tmp_path, "003.txt", text.encode("cp1252"))
    assert [c.body for c in parse_one(copy).comments] == [c.body for c in seed.comments]
