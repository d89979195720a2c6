"""What CJK text is made of, to tell a right reading of bytes from a wrong one.

Split from `decode.py` (which decides an encoding): here only the evidence, the characters
each CJK script uses most, its common and rarer sets (GB2312, Big5, JIS X 0208 and KS X 1001
levels) and the score of a decoded text against them.
"""

from __future__ import annotations

import re
from functools import cache

MIN_KANA_SHARE = 0.1  # a Japanese reading without kana is not believed
# Characters that are not text: C0 controls but the whitespace ones, DEL and the C1 controls.
CONTROLS = re.compile(r"[\x01-\x08\x0e-\x1f\x7f-\x9f]")
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
    if codec in JAPANESE:
        return _kana() | (_frequent_hanzi() & _jis_level(1)), _jis_level(1), _jis_level(2)
    return _frequent_hangul(), _ksx_level(1), _ksx_level(2)


# In this order on a tie. GBK before GB18030: the same text, but GBK keeps in step after a broken
# byte where GB18030 reads a user-defined pair and loses a byte; GB18030 wins when it has its own.
CJK_CODECS = ("gbk", "gb18030", "cp950", "cp932", "euc_jp", "cp949")
JAPANESE = ("cp932", "euc_jp")
SCRIPT = {
    "utf-8": "utf-8",
    "gbk": "zh",
    "gb18030": "zh",
    "cp950": "zh-hant",
    "cp932": "ja",
    "euc_jp": "ja",
    "cp949": "ko",
}


def score(text: str, codec: str) -> tuple[float, float]:
    """(score, weight): the weight of evidence per character considered, and the weight itself."""
    frequent, common, rarer = _weights(codec)
    weight = 0.0
    considered = 0
    kana = 0
    for char in text:
        if char.isascii() and not CONTROLS.match(char):
            continue
        considered += 1
        kana += char in _kana()
        if char in frequent:
            weight += 1.0
        elif char in common or _CJK_PUNCTUATION.match(char):
            weight += 0.5
        elif char in rarer:
            weight += 0.25
        elif char == "\ufffd" or CONTROLS.match(char):
            weight -= 1.0
    if codec in JAPANESE and kana < MIN_KANA_SHARE * considered:
        return 0.0, 0.0  # Japanese is written with kana; kanji alone is Western text misread (’s)
    return (weight / considered if considered else 0.0), weight
