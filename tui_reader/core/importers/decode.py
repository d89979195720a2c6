"""Bytes to text: encodings decided by evidence, never assumed.

In order, the first that holds wins:

1. a byte-order mark (UTF-8, UTF-16, UTF-32);
2. UTF-16 without a BOM, only when NULs sit in every other byte (ASCII-heavy UTF-16);
   otherwise more than 1% NULs is a binary file;
3. UTF-8, strictly: valid UTF-8 is never second-guessed;
4. damaged UTF-8, or a CJK codec (GBK/GB18030, Big5, Shift-JIS, EUC-JP, EUC-KR) whose reading
   is made of the characters that script actually uses. Each candidate decodes with
   undecodable bytes replaced (a character cut at a line end costs that byte, not the file)
   and is scored on its non-ASCII characters: the script's most frequent characters (and
   kana for Japanese) count fully; the rest of its common set (GB2312 level 1, Big5's
   frequent block, JIS level 1, the KS X 1001 syllables) and full-width punctuation half; its
   rarer characters a quarter; anything else nothing; a replaced byte or a control character
   against. GB18030 reads almost any byte pair as some character, but Western or Cyrillic
   text read that way is rare characters and errors, so it scores near nothing. A Japanese
   reading needs kana (cp1252's `’s` is a kanji in Shift-JIS). Before cp1252 is tried a
   reading must rest on at least two frequent characters; a file of one CJK character or two
   is tried after it, as a weak guess;
5. cp1252 for Western text: it decodes cleanly, its accented letters sit in words beside
   ASCII letters and its non-ASCII characters do not come in runs (Cyrillic, Greek or CJK
   read as cp1252 do);
6. another single-byte code page, by charset_normalizer's statistics;
7. cp1252 again if it decodes cleanly and without control characters: a file a standard
   codec reads as text is text. Anything else is binary.

`decode_text` says how sure it is (`guessed`, `weak`, `replaced`); `decode` is the
(text, encoding) pair the importers use.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


MAX_NUL_SHARE = 0.01
SAMPLE_BYTES = 32 * 1024  # the evidence is weighed on the start of a big file; the whole is decoded
MIN_SCORE = 0.45  # a CJK reading below this is not believed
MIN_WEIGHT = 2.0  # ...nor, before cp1252 is tried, one resting on less than two frequent characters
STRONG_SCORE = 0.65  # at or above this, with a clear lead over the runner-up, the guess is not weak
CLEAR_LEAD = 0.2
MIN_KANA_SHARE = 0.1  # a Japanese reading without kana is not believed
MAX_ERROR_SHARE = 0.05  # replaced bytes allowed per character considered (plus ERROR_SLACK)
ERROR_SLACK = 2
WESTERN_MAX_ODD = 0.2  # accented letters outside a word (see _western), at most, in cp1252 text
WESTERN_MIN_SHARE = 0.8  # of the non-ASCII characters, letters or _WESTERN_MARKS, at least
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{3,}")
_WESTERN_MARKS = "‘’‚“”„–—…•€£¢¥°«»§©®±×÷·¿¡½¼¾\u00a0"  # what cp1252 text holds besides letters

# Characters that are not text: C0 controls but the whitespace ones, DEL and the C1 controls.
_CONTROLS = re.compile(r"[\x01-\x08\x0e-\x1f\x7f-\x9f]")
_CJK_PUNCTUATION = re.compile(r"[\u3000-\u303f\uff01-\uff5e\u2018-\u201d\u2026\u00b7]")

# Most frequent hanzi in modern Chinese text (simplified, a few words of reviews, then the
# traditional forms that differ).
_HANZI = (
    "的一是不了在人有我他这个们中来上大为和国地到以说时要就出会可也你对生能而子那得于着下自之年过发后"
    "作里用道行所然家种事成方多经么去法学如都同现当没动面起看定天分还进好小部其些主样理心她本前开但因只"
    "从想实日军者意无力它与长把机十民第公此已工使情明性知全三又关点正业外将两高间由问很最重并物手应战向"
    "头文体政美相见被利什二等产或新己制身果加西斯月话合回特代内信表化老给世位次度门任常先海通教儿原东声"
    "提立及比员解水名真论处走义各入几口认条平系气题活尔更别打女变四神总何电数安少报才结反受目太量再感建"
    "务做接必场件计管期市直德资命山金指克许统区保至队形社便空决治展马科司五基眼书非则听白却界达光放强即"
    "像难且权思王象完设式色路记南品住告类求据程北边死张该交规万取拉格望觉术领共确传师观清今切院让识候带"
    "导争运笑飞风步改收根干造言联持组每济车亲极林服快办议往元英士证近失转夫令准布始怎呢存未远叫台单影具"
    "罗字爱击流备兵连调深商算质团集百需价花党华城石级整府离况亚请技际约示复病息究线似官火断精满支视消越"
    "器容照须九增研写称企八功吗包片史委乎查轻易早曾除农找装广显吧阿李标谈吃图念六引历首医局突专费号尽另"
    "周较注语仅考落青随选列武红响虽推势参希古众构房半节土投某案黑维革划敌致陈律足态护七兴派孩验责营星够"
    "章音跟志底站严巴例防族供效续施留讲型料终答紧黄绝奇察母京段依批群项故按河米围江织害斗双境客纪采举杀"
    "攻父苏密低朝友诉止细愿千值仍男钱破网热助倒育属坐帝限船脸职速刻乐否刚威毛状率甚独球般普怕弹校苦创假"
    "久错承印晚兰试股拿脑预谁益阳若哪微尼继送急血惊伤素药适波夜省初喜卫源食险待述陆习置居劳财环排福纳欢"
    "雷警获模充负云停木游龙树疑层冷洲冲射略范竟句室异激汉村哈策演简卡罪判担州静退既衣您宗积余痛检差富灵"
    "酒店宾馆餐厅床舒净荐贵宜值味菜饭厕浴澡巾毛票剧屏幕座椅演拍"  # what reviews talk about
    "這們個來說為時會過對後發國學麼當沒動現還進樣開點長實關兩問應間體頭見與經種從業無裡東車門將書話難讓"
    "聽電員機麼號體覺認條氣題歡變總報結愛義處區設計場較讀視樂師網東買賣議記帶給聲論們親錢費極邊該紅"
)
# Most frequent hangul syllables in Korean text.
_HANGUL = (
    "이다는의에하고을가지서기로한도를리사자어으인대게시수해나아요일들적정있것그만전구제주상보면니원부과우"
    "없와라되내생러국장습말스문여성무했동비때까관마중소신개은안경위공연히결각거물분세모든실화오작계터점법"
    "드트발방된할르저미회음조선유좋같많너또왜합임영학본식단체명겠였데더잘못네요죠게임진짜재미정말너무"
)


def _non_ascii(text: str) -> set[str]:
    return {char for char in text if not char.isascii()}


@cache
def _frequent_hanzi() -> frozenset[str]:
    return frozenset(_non_ascii(_HANZI))


@cache
def _kana() -> frozenset[str]:
    return frozenset(chr(code) for code in range(0x3041, 0x30FF))


@cache
def _frequent_hangul() -> frozenset[str]:
    return frozenset(_non_ascii(_HANGUL))


def _block(codec: str, leads: range, trails: tuple[range, ...]) -> frozenset[str]:
    """Every character a codec gives for these lead and trail bytes (undefined pairs left out)."""
    chars: set[str] = set()
    for lead in leads:
        for trail_range in trails:
            for trail in trail_range:
                try:
                    chars.add(bytes((lead, trail)).decode(codec))
                except UnicodeDecodeError:
                    continue
    return frozenset(chars)


_EUC_TRAILS = (range(0xA1, 0xFF),)
_BIG5_TRAILS = (range(0x40, 0x7F), range(0xA1, 0xFF))


@cache
def _gb_level(level: int) -> frozenset[str]:
    """GB2312 hanzi: level 1 (the 3,755 common ones, rows 16-55), level 2 (rows 56-87)."""
    return _block("gb2312", range(0xB0, 0xD8) if level == 1 else range(0xD8, 0xF8), _EUC_TRAILS)


@cache
def _big5_level(level: int) -> frozenset[str]:
    """Big5 hanzi: the frequently used block (A440-C67E), the less frequent one (C940-F9D5)."""
    return _block("big5", range(0xA4, 0xC7) if level == 1 else range(0xC9, 0xFA), _BIG5_TRAILS)


@cache
def _jis_level(level: int) -> frozenset[str]:
    """JIS X 0208 kanji: level 1 (rows 16-47), level 2 (rows 48-84)."""
    return _block("euc_jp", range(0xB0, 0xD0) if level == 1 else range(0xD0, 0xF5), _EUC_TRAILS)


@cache
def _ksx_level(level: int) -> frozenset[str]:
    """KS X 1001: the 2,350 hangul syllables (level 1), hanja (level 2)."""
    return _block("euc_kr", range(0xB0, 0xC9) if level == 1 else range(0xCA, 0xFE), _EUC_TRAILS)


@cache
def _weights(codec: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(frequent, common, rarer) characters of the script a codec is for.

    A frequent character counts only where the codec has it among its common ones: a simplified
    hanzi that Big5 keeps in its rare block is no evidence for Big5.
    """
    if codec in ("gbk", "gb18030"):
        return _frequent_hanzi() & _gb_level(1), _gb_level(1), _gb_level(2)
    if codec == "cp950":
        return _frequent_hanzi() & _big5_level(1), _big5_level(1), _big5_level(2)
    if codec in _JAPANESE:
        return _kana() | (_frequent_hanzi() & _jis_level(1)), _jis_level(1), _jis_level(2)
    return _frequent_hangul(), _ksx_level(1), _ksx_level(2)


# In this order on a tie. GBK before GB18030: the same text, but GBK keeps in step after a broken
# byte where GB18030 reads a user-defined pair and loses a byte; GB18030 wins when it has its own.
CJK_CODECS = ("gbk", "gb18030", "cp950", "cp932", "euc_jp", "cp949")
_JAPANESE = ("cp932", "euc_jp")
_SCRIPT = {
    "utf-8": "utf-8",
    "gbk": "zh",
    "gb18030": "zh",
    "cp950": "zh-hant",
    "cp932": "ja",
    "euc_jp": "ja",
    "cp949": "ko",
}


def _score(text: str, codec: str) -> tuple[float, float]:
    """(score, weight): the weight of evidence per character considered, and the weight itself."""
    frequent, common, rarer = _weights(codec)
    weight = 0.0
    considered = 0
    kana = 0
    for char in text:
        if char.isascii() and not _CONTROLS.match(char):
            continue
        considered += 1
        kana += char in _kana()
        if char in frequent:
            weight += 1.0
        elif char in common or _CJK_PUNCTUATION.match(char):
            weight += 0.5
        elif char in rarer:
            weight += 0.25
        elif char == "\ufffd" or _CONTROLS.match(char):
            weight -= 1.0
    if codec in _JAPANESE and kana < MIN_KANA_SHARE * considered:
        return 0.0, 0.0  # Japanese is written with kana; kanji alone is Western text misread (’s)
    return (weight / considered if considered else 0.0), weight


def _decode_counting(data: bytes, codec: str) -> tuple[str, int]:
    """Decode with undecodable bytes replaced by U+FFFD; also how many were replaced."""
    text = data.decode(codec, errors="replace")
    return text, text.count("\ufffd")


def _too_many_errors(errors: int, characters: int) -> bool:
    return errors > ERROR_SLACK + MAX_ERROR_SHARE * characters


@dataclass(frozen=True, slots=True)
class Decoded:
    """Decoded text and how it was decided.

    `guessed`: chosen by weighing evidence, not by a BOM or a strict UTF-8 decode.
    `weak`: a guess worth saying so: little evidence, a close runner-up, or bytes replaced.
    `replaced`: undecodable bytes replaced by U+FFFD.
    """

    text: str
    encoding: str
    guessed: bool = False
    weak: bool = False
    replaced: int = 0

    def describe(self) -> str:
        """A few words for an import summary, '' when there is nothing to say."""
        if not self.guessed and not self.replaced:
            return ""
        parts = [f"{'weak guess' if self.weak else 'guessed'}: {self.encoding}" if self.guessed else self.encoding]
        if self.replaced:
            parts.append(f"{self.replaced} undecodable byte{'s' if self.replaced != 1 else ''} replaced")
        return "encoding " + ", ".join(parts)


class NotText(ValueError):
    """The bytes are not text in any encoding we can recognise (binary, or empty)."""


def _utf16_without_bom(data: bytes) -> Decoded | None:
    """UTF-16 without a BOM shows as NULs in every other byte of ASCII-heavy text."""
    if len(data) < 4 or len(data) % 2:
        return None
    even_nuls = data[0::2].count(0) / (len(data) // 2)
    odd_nuls = data[1::2].count(0) / (len(data) // 2)
    encoding = "utf-16-be" if even_nuls > 0.3 and odd_nuls < 0.05 else None
    if odd_nuls > 0.3 and even_nuls < 0.05:
        encoding = "utf-16-le"
    if encoding is None:
        return None
    try:
        return Decoded(data.decode(encoding), encoding, guessed=True)
    except UnicodeDecodeError:
        return None


def _utf8_with_errors(sample: bytes) -> tuple[float, float] | None:
    """UTF-8 with a few bytes broken (a cut character): (score, weight), or None if it is not UTF-8.

    Valid multi-byte sequences are strong evidence: legacy bytes seldom form them by chance.
    """
    text, errors = _decode_counting(sample, "utf-8")
    valid = sum(1 for char in text if not char.isascii()) - errors
    if _too_many_errors(errors, valid + errors) or valid < 4 * errors:
        return None
    return valid / (valid + errors), float(valid)


Reading = tuple[float, float, str]  # (score, weight, codec)


def _cjk_readings(sample: bytes) -> list[Reading]:
    """Damaged UTF-8 and each CJK codec, scored on the sample (too many broken bytes: left out)."""
    readings: list[Reading] = []
    utf8 = _utf8_with_errors(sample)
    if utf8 is not None:
        readings.append((*utf8, "utf-8"))
    for codec in CJK_CODECS:
        text, errors = _decode_counting(sample, codec)
        considered = sum(1 for char in text if not char.isascii())
        if not _too_many_errors(errors, considered):
            readings.append((*_score(text, codec), codec))
    return readings


def _believed(data: bytes, readings: list[Reading], min_weight: float) -> Decoded | None:
    """The best reading if it is believable; weak if it is not clearly the best or rests on little."""
    believed = [entry for entry in readings if entry[0] >= MIN_SCORE and entry[1] >= min_weight]
    if not believed:
        return None
    best = max(believed, key=lambda entry: entry[0])  # max keeps the first of equals: CJK_CODECS order
    script = _SCRIPT.get(best[2])
    runner_up = max((entry[0] for entry in readings if _SCRIPT.get(entry[2]) != script), default=0.0)
    text, replaced = _decode_counting(data, best[2])
    weak = best[0] < STRONG_SCORE or best[0] - runner_up < CLEAR_LEAD or best[1] < MIN_WEIGHT or replaced > 0
    return Decoded(text, best[2], guessed=True, weak=weak, replaced=replaced)


def _western(data: bytes) -> Decoded | None:
    """cp1252 when it decodes cleanly and reads like a Western language.

    In Western text an accented letter sits in a word beside an ASCII letter (café, Größe,
    informação) or stands alone (à), and non-ASCII characters seldom come three in a row.
    Cyrillic or Greek read as cp1252 is accented letters beside accented letters; CJK read as
    cp1252 is those and runs of odd symbols (ºÃ, ½»£¬).
    """
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    if _CONTROLS.search(text):
        return None
    sample = text[:SAMPLE_BYTES]  # one byte a character
    non_ascii = [(found.start(), found.group()) for found in _NON_ASCII.finditer(sample)]
    accented = [index for index, char in non_ascii if char.isalpha()]
    odd = sum(1 for index in accented if not _in_a_word(sample, index))
    if odd > WESTERN_MAX_ODD * len(accented):
        return None
    in_runs = sum(len(run) for run in _NON_ASCII_RUN.findall(sample))
    if in_runs > WESTERN_MAX_ODD * len(non_ascii):
        return None
    western = sum(1 for _, char in non_ascii if char.isalpha() or char in _WESTERN_MARKS)
    if western < WESTERN_MIN_SHARE * len(non_ascii):
        return None
    return Decoded(text, "cp1252", guessed=True)


def _in_a_word(text: str, index: int) -> bool:
    """Beside an ASCII letter, or alone between ASCII spaces and punctuation."""
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if (before.isascii() and before.isalpha()) or (after.isascii() and after.isalpha()):
        return True
    return before.isascii() and after.isascii()


# What charset_normalizer may not answer: the multi-byte codecs are weighed above, and UTF-16/32
# are only believed with a BOM or the NUL pattern.
_NOT_SINGLE_BYTE = [
    "big5",
    "big5hkscs",
    "cp932",
    "cp949",
    "cp950",
    "euc_jis_2004",
    "euc_jisx0213",
    "euc_jp",
    "euc_kr",
    "gb18030",
    "gb2312",
    "gbk",
    "hz",
    "iso2022_jp",
    "iso2022_jp_1",
    "iso2022_jp_2",
    "iso2022_jp_2004",
    "iso2022_jp_3",
    "iso2022_jp_ext",
    "iso2022_kr",
    "johab",
    "shift_jis",
    "shift_jis_2004",
    "shift_jisx0213",
    "utf_16",
    "utf_16_be",
    "utf_16_le",
    "utf_32",
    "utf_32_be",
    "utf_32_le",
    "utf_7",
]


def _single_byte(data: bytes) -> Decoded | None:
    best = from_bytes(data, cp_exclusion=_NOT_SINGLE_BYTE).best()
    if best is None:
        return None
    return Decoded(str(best), best.encoding, guessed=True, weak=True)


def _clean_cp1252(data: bytes) -> Decoded | None:
    """The last resort: cp1252 that decodes with no control character is text, if odd text."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    return None if _CONTROLS.search(text) else Decoded(text, "cp1252", guessed=True, weak=True)


def decode_text(data: bytes) -> Decoded:
    """Decode `data` and say how sure we are. Raise NotText for empty or binary input."""
    if not data.strip():
        raise NotText("empty file")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            marked, replaced = _decode_counting(data, encoding)
            return Decoded(marked, encoding, replaced=replaced)
    nuls = data.count(0)
    if nuls:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return utf16
    try:
        text: str | None = data.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if nuls and (text is None or nuls / len(data) > MAX_NUL_SHARE):
        raise NotText("binary file (contains NUL bytes)")
    if text is not None:
        return Decoded(text, "utf-8")  # a stray NUL in valid UTF-8 is dirt in text, removed by repair()
    readings = _cjk_readings(data[:SAMPLE_BYTES])
    found = (
        _believed(data, readings, MIN_WEIGHT)
        or _western(data)
        or _believed(data, readings, 0.0)  # a file of a CJK character or two: a weak guess
        or _single_byte(data)
        or _clean_cp1252(data)
    )
    if found is None:
        raise NotText("binary file (no text encoding fits)")
    return found


def decode(data: bytes) -> tuple[str, str]:
    """Return (text, encoding name). Raise NotText for empty or binary input."""
    decoded = decode_text(data)
    return decoded.text, decoded.encoding
