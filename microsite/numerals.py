"""Finding numbers in Chinese and English text.

Provenance checks whether a record's number occurs in its quote, and whether
a number an editor typed in prose occurs in the quote it cites. Chinese
writes numbers in several forms (``49个``, ``4.5亿元``, ``10余家``,
``超4.5亿``, ``三项``, ``十一届``); English in others (``6.3 billion``,
``more than 10``, ``1,200``). Both are read here into a :class:`Number`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from .patterns import compile_later

EXACT, OVER, MORE_THAN, NEARLY, ABOUT = "exact", "over", "more-than", "nearly", "about"
QUALIFIERS = (EXACT, OVER, MORE_THAN, NEARLY, ABOUT)  # what a statistic's qualifier may be
# What a text may also say of a number (不到, 至少, 以下; fewer than, at least, up to): read, so that a claim is
# traced only by a quote that says the same (see ``quantities.said_alike``).
UNDER, AT_LEAST, AT_MOST = "under", "at-least", "at-most"
# A vague amount (数十, 几百, hundreds of, dozens): several of its scale, which 10余 (ten-odd) is not.
SEVERAL = "several"
SAID_QUALIFIERS = (*QUALIFIERS, UNDER, AT_LEAST, AT_MOST, SEVERAL)  # every one a number found in a text may have


@dataclass(frozen=True)
class Number:
    """A number found in text.

    ``value`` is in base units (``4.5亿`` is 450,000,000); ``qualifier`` is
    one of :data:`QUALIFIERS`, or of what a text may also say (``UNDER``,
    ``AT_LEAST``, ``AT_MOST``, ``SEVERAL``: :data:`SAID_QUALIFIERS`);
    ``start``/``end`` delimit the matched text;
    ``unit`` is the measure word or unit right after it (``个``, ``亿元``,
    ``%``), or ``""``; in English, ``%``, ``倍`` (times, -fold) or the
    currency (``元`` for CNY, RMB, ¥ and yuan; ``$``, ``€``).
    """

    value: float
    qualifier: str
    start: int
    end: int
    text: str
    unit: str = ""


def same_value(a: float, b: float) -> bool:
    """Equal up to floating-point noise (4.5 * 1e8 == 450000000)."""
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


# --- Chinese -------------------------------------------------------------

_ZH_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
              # the forms of cheques and contracts (伍 and 陆 only beside another: 队伍, 陆地 are words, see
              # _fold_formal), and Traditional ones
              "壹": 1, "贰": 2, "貳": 2, "叁": 3, "肆": 4, "柒": 7, "捌": 8, "玖": 9, "兩": 2,
              "仨": 3, "俩": 2, "倆": 2}  # (colloquial: 仨平台, three platforms)
_ZH_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100, "仟": 1000}
_ZH_TENS = {"廿": 20, "卄": 20, "卅": 30, "卌": 40}  # one character for 二十, 三十, 四十 (廿家, 第廿届)
_ZH_BIG_UNITS = {"万": 10**4, "亿": 10**8, "萬": 10**4, "億": 10**8}
ZH_PLAIN_DIGITS = "〇零一二三四五六七八九"  # a year may be written digit by digit: 二〇二四年
ZH_COUNTING_DIGITS = frozenset(char for char, value in _ZH_DIGITS.items() if value)  # 一 to 九 in every form


def plain_digits_value(text: str) -> int:
    """``二〇二四`` -> 2024: numerals written digit by digit (``ZH_PLAIN_DIGITS`` only)."""
    return int("".join(str(_ZH_DIGITS[char]) for char in text))
_ZH_MAGNITUDE_CHARS = {**_ZH_SMALL_UNITS, **_ZH_BIG_UNITS}


def _magnitude(written: str) -> int:
    """``千万`` -> 10**7, ``百万`` -> 10**6, ``亿`` -> 10**8: a magnitude after digits (``5千万``), its characters'
    product."""
    return math.prod(_ZH_MAGNITUDE_CHARS[char] for char in written)
# The marks of numbers in other scripts, as ASCII writes them: full-width (．，％), Arabic (٫ the decimal point, ٬ the
# thousands separator, ٪ per cent, ؉ per mille) and the small per cent sign (﹪).
_FULLWIDTH_MARKS = {"．": ".", "，": ",", "％": "%", "٫": ".", "٬": ",", "٪": "%", "﹪": "%", "؉": "‰"}
# \d is every Unicode decimal digit (Nd); a circle ○ among Chinese digits is their zero (二○二三年, as often typed).
_OTHER_DIGITS = compile_later(r"(?![0-9])\d|[．，％٫٬٪﹪؉]|[○◯](?=[〇零一二三四五六七八九○◯])|(?<=[〇零一二三四五六七八九○◯])[○◯]")


# Thousands grouped by other marks than the comma: 1.200.000 (two groups or more: 1.200 is one point two) and
# 1'200'000 or 1’200 (as written in Switzerland). No reader takes either for several numbers, or for a decimal.
_OTHER_GROUPS = compile_later(r"(?<![\d.,'’])\d{1,3}(?:(?:\.\d{3}){2,}|(?:['’]\d{3})+)(?![\d]|[.,'’]\d)")
_GROUP_MARK = compile_later(r"[.'’]")
# A decimal comma: 12,5 and 3,5万 are 12.5 and 35,000, as Europe and a misread decimal point write them; not two
# numbers, 12 and 5, which any quote holding both traced. One or two digits after an ASCII comma, none before that
# run or after it, nor a comma and digits (1,2,3 is a list; 12,500 a thousands group; a year, 2023,5, has four
# digits). Not the full-width comma (12，5家 ends a clause), which is folded to a comma after this is asked.
DECIMAL_COMMA = compile_later(r"\d(?<![\d.,，．]\d)\d{0,2},\d{1,2}(?!\d)(?![,，．.]\d)")  # (a digit first: searched fast)


def fold_digits(text: str) -> str:
    """``text`` with every decimal digit of any script (full-width ４, Arabic-Indic ٤, Devanagari ४,
    mathematical 𝟒 ...) written as an ASCII digit, the marks of other scripts as ASCII's (``．，％`` as ``.,%``,
    Arabic ``٫٬٪`` as ``.,%``: see ``_FULLWIDTH_MARKS``), a circle among Chinese digits
    (``二○二三``) as their zero ``〇``, and thousands grouped by dots or apostrophes (``1.200.000``,
    ``1'200'000``) grouped by commas, as every reader reads them (``1,200,000``).

    One character for one, so offsets into the result are offsets into ``text``. A decimal comma (``12,5``: see
    ``DECIMAL_COMMA``) is a decimal point.
    """
    if "," in text and DECIMAL_COMMA.search(text) is not None:
        text = DECIMAL_COMMA.sub(lambda match: match.group().replace(",", "."), text)
    if not text.isascii():
        text = _OTHER_DIGITS.sub(_ascii_digit, text)
    if ("." in text or "'" in text or "’" in text) and _OTHER_GROUPS.search(text) is not None:
        text = _OTHER_GROUPS.sub(lambda match: _GROUP_MARK.sub(",", match.group()), text)
    return text


# The four letters that a case-blind search (re.IGNORECASE) takes for ASCII ones: the long s (ſ) for s, the Kelvin
# sign (K) for K, the dotless ı and the dotted İ for i. A reader reads ſix as six too; but lower() leaves ſ and ı as
# they are (and makes İ two characters), so a word found by such a search was looked up under a key nobody wrote.
_CASE_LOOKALIKES = str.maketrans({"\u017f": "s", "\u212a": "K", "\u0131": "i", "\u0130": "I"})


_ANY_CASE_LOOKALIKE = compile_later("[\u017f\u212a\u0131\u0130]")


def fold_letters(text: str) -> str:
    """``text`` with the letters a case-blind search takes for ASCII ones (ſ, K, ı, İ) written as those, in their
    case: one character for one, so offsets stay valid."""
    if text.isascii() or _ANY_CASE_LOOKALIKE.search(text) is None:  # (translating a long Chinese text is slow)
        return text
    return text.translate(_CASE_LOOKALIKES)


def caseless(text: str) -> str:
    """``text`` as a case-blind search compares it: :func:`fold_letters`, then lower case (one character for one),
    the key to look up a word such a search found (``ſix`` and ``SIX`` are ``six``)."""
    return fold_letters(text).lower()


def _ascii_digit(match: re.Match) -> str:
    found = match.group()
    return _FULLWIDTH_MARKS.get(found) or ("〇" if found in "○◯" else str(unicodedata.decimal(found)))

# The Traditional forms of the characters that write a number or say how it reads (億 亿, 萬 万, 個 个, 餘 余, 約 约,
# 過 过, 以來 以来, 臺 台 ...), read as their Simplified ones: every character whose Simplified form (by OpenCC's
# t2s) is one that the readers here and in :mod:`dates`, or a conversion's check, read (``tests/test_numerals.py``
# makes the table again from OpenCC's and compares). One character for one, so offsets stay valid.
_TRADITIONAL = "佔來倆個傢億內兩冊則劃劑叄員單噸噹國報場塊夥將專對屆層嵗幣幫幾張強後戶捲撥擴數於昇時會條棟樁樣檯歐歲歸為爲畝畫畵當盞眞碼種筆箇節簽籤紀約純級終組統縣績續纔羣臨臺與華萬衕裏裡製規親計說説談貨貳貼趕踰輕輛輪輯迴連週過違鄰鈡鍾鎊鎭鎮鐘鑑鑒長開間閤闆陞陸隊隻雙韆頂項預頭顆類風颱餘麪麫麵點齡齣"
_TRADITIONAL += "丟亂摺無眾絲舉衆變軍載錘鎚顧這據學獎奬減沒滿達"  # (set phrases, 千軍萬馬; words a unit stops at, 五位數學家; qualifiers, 未滿)
_TRADITIONAL += "該蘊藴綫線創氣"  # (the words 年初 and 年底 begin or end: 該年年底, 青年底線, 年底氣)
# (the festivals' names, 國慶, 勞動節; and the words the patterns here look at, which the test of this table did not
# see until it looked at every pattern of this module: 歷, 聲, 轉 ...)
_TRADITIONAL += "佈兒剋動勞厤婦師復慶憶應擊敎曆歷聲複訪購車轉鄉陽際鞦頃饋體黃"
_TRADITIONAL += "盧釐門攝虛韓銖隨"  # (隨: 隨後年; the currencies' and the units' names: 盧布, 釐米, 澳門元, 攝氏度, 虛歲, 韓元, 泰銖)
_TRADITIONAL += "舊疊紙釦斷騰頁"  # (the words 折 begins, no price's share: 折舊, 折疊, 折紙, 折扣, 折斷, 折騰, 三折頁)
_TRADITIONAL += "協業攤們諸義勻"  # (the words of the rates: 每個協會, 每家企業; and the words that are none: 平均分攤, 人們)
_TRADITIONAL += "羅鋒槍劍亞"  # (the words 刀 and 欧 begin, no currency: 刀鋒, 刀槍, 刀劍, 歐亞, 歐羅巴)
_TRADITIONAL += "禮淩鼕奧運崗驚蟄處"  # (the words of a date without a numeral: 禮拜三, 淩晨, 鼕天, 驚蟄, 處暑; and of none:
# 冬季奧運會, 較早上崗)
_TRADITIONAL += "權號納圖稅"  # (the words 版 begins, no page: 版權, 版號, 西雙版納, 版圖, 版稅)
_TRADITIONAL += "墰壇壜宮橋籟罈罎職臘藍記誌財賦閏陰餅鵝"  # (the words beside a span's word said twice that make it no
# word of frequency: 天天鹅 is a day and a swan, 月月饼 a month and a mooncake; see quantities._ZH_FREQUENCY)
_TRADITIONAL += "較殘盡儘"  # (the parts of a season and the words they are not: 殘冬, 較晚秋收, 儘早春耕)
_TRADITIONAL += "識"  # (識破, saw through: no 破 of a number)
_TRADITIONAL += "額潤總"  # (the nouns of an amount 过 says over after: 銷售額過, 利潤過, 總數過)
_TRADITIONAL += "躋進擠穩軸"  # (the ranks reached, 躋身前十, 進入前二十; the words 十数 is not, 十數軸)
_TRADITIONAL += "關愛鍵係繫聯閉懷機註"  # (年關, the year's end, and the words 关 begins that make it none: 年關於, 青年關愛)
_TRADITIONAL += "營產産發髮織訂評贈辦選銷"  # (the flows 年度 is the rate of, 年度營收, 年度銷售額; the verbs 季度性 says how often
# of: 季度性舉辦, 發佈, 組織, 評選)
_SIMPLIFIED = "占来俩个家亿内两册则划剂叁员单吨当国报场块伙将专对届层岁币帮几张强后户卷拨扩数于升时会条栋桩样台欧岁归为为亩画画当盏真码种笔个节签签纪约纯级终组统县绩续才群临台与华万同里里制规亲计说说谈货贰贴赶逾轻辆轮辑回连周过违邻钟钟镑镇镇钟鉴鉴长开间合板升陆队只双千顶项预头颗类风台余面面面点龄出"
_SIMPLIFIED += "丢乱折无众丝举众变军载锤锤顾这据学奖奖减没满达"
_SIMPLIFIED += "该蕴蕴线线创气"
_SIMPLIFIED += "布儿克动劳历妇师复庆忆应击教历历声复访购车转乡阳际秋顷馈体黄"
_SIMPLIFIED += "卢厘门摄虚韩铢随"
_SIMPLIFIED += "旧叠纸扣断腾页"
_SIMPLIFIED += "协业摊们诸义匀"
_SIMPLIFIED += "罗锋枪剑亚"
_SIMPLIFIED += "礼凌冬奥运岗惊蛰处"
_SIMPLIFIED += "权号纳图税"
_SIMPLIFIED += "坛坛坛宫桥籁坛坛职腊蓝记志财赋闰阴饼鹅"
_SIMPLIFIED += "较残尽尽"
_SIMPLIFIED += "识"
_SIMPLIFIED += "额润总"
_SIMPLIFIED += "跻进挤稳轴"
_SIMPLIFIED += "关爱键系系联闭怀机注"
_SIMPLIFIED += "营产产发发织订评赠办选销"
TRADITIONAL_FORMS = dict(zip(_TRADITIONAL, _SIMPLIFIED))
_FOLD_TRADITIONAL = str.maketrans(TRADITIONAL_FORMS)
_ANY_TRADITIONAL = compile_later(f"[{_TRADITIONAL}]")


def fold_traditional(text: str) -> str:
    """``text`` with the Traditional forms of what the readers read written as the Simplified ones (``超過4.5億元``
    -> ``超过4.5亿元``, ``10餘家`` -> ``10余家``): an edition's text reads as its original does. One character for
    one, so offsets into the result are offsets into ``text``."""
    if _ANY_TRADITIONAL.search(text) is None:  # most texts: the quick search spares them the copy
        return text
    return text.translate(_FOLD_TRADITIONAL)


_BIG_AFTER = r"(?:[0-9]+(?:\.[0-9]+)?|[一二两三四五六七八九十点]+)[十百千]?[万亿萬億]"  # (4.5亿, 60亿, 两万, 三十万)
# 近, 约 and 超 alone end words too (最近, 附近, 签约, 节约, 赶超): after one of those they say nothing of a number.
_NOT_NEARLY, _NOT_ABOUT, _NOT_OVER = "(?<![最附临靠邻就贴亲])", "(?<![签节合条预制公履违相特邀契盟])", "(?<![高赶追])"
_ZH_PREFIX = (r"(?P<pre>突破|不超过|未超过|没有超过|没超过|未超出|不多于|不高于|不满|未满|不及|未达到|未达|超过了|超过|超出|高于|多于|"
              + _NOT_OVER + r"超|逾|将近|接近|近乎|" + _NOT_NEARLY + r"近|几乎|差不多|约占|约为|约有|约莫|"
              + _NOT_ABOUT + r"约|大约|大概|不到|不足|少于|低于"
              r"|至少|不少于|不低于|不下|起码|最少|最多|至多|顶多|(?:数|几|上)(?=[十百千万亿萬億])"  # 数百, 几十, 上千
              # 过万, 破亿: over them (before a magnitude: 过两天 is in two days); and 过 before any number after a noun
              # of an amount (捐款过4.5亿元, 销售额过500万元, 会员过500人, 人数过百: read as exactly 4.5亿元, the quote's 超4.5亿
              # 元 refused it), where it is no verb's 过 (捐过2万元, 卖过1万件: after a verb it says the verb was done)
              r"|过(?:(?=[百千万亿萬億])|(?:(?<=[额款值润模员口量]过)|(?<=[人总户]数过))(?=[0-9一二两三四五六七八九十]))"
              # 破4.5亿元, 破60亿: over them, before a number with a magnitude too, as a headline writes it (read as
              # exactly 4.5亿元: 超4.5亿元 refused it); not after the words 破 ends (打破1万米纪录, 跌破3万点: broke a
              # record, fell below). Not 过 before digits: after a verb it says the verb was done (捐过2万元, 卖过1万件).
              # (破 first: a branch that begins with a look behind is tried at every character.)
              r"|破(?:(?=[百千万亿萬億])|(?<![击攻识看说揭点打道突跌告爆]破)(?=" + _BIG_AFTER + r")))?")
# After the number: 余, 多 and 几 (十几家, twenty-some) say more than it, and so does 数 after 十 (十数家, read as nothing;
# not 数据, 数字 ...); 来 (三十来家) and 把 after a hundred, a thousand or ten thousand (百把人, 千把家) about it (after
# another numeral 把 counts chairs: 十把椅子).
_ZH_POSTFIX = r"(?P<post>余|多|几|来|(?<=[百千万萬])把|(?<=十)数(?![据字码量学额值目理位轴组]))?"
# After digits: 5千万 is fifty million, 3百万 three million, 2百 two hundred (not 5千 and then 万, nor 2 and 百)
_ZH_MAG = r"(?P<mag>[十百千]?万?亿|[十百千]?万|千(?!米|克|瓦)|百)?"  # (5千米 is five kilometres: see UNITS)
# Measure words: how Chinese counts things (a numeral in words is a number only with one after it).
MEASURE_WORDS = frozenset("个 家 条 项 人 名 次 届 位 场 件 批 户 所 座 类 种 年 岁 天 倍 层 级 期 轮 支 组 套 台 辆 "
                          "吨 亩 篇 本 份 张 周 队 班 笔 成 大 地 方 国 省 市 县 镇 村 "
                          "间 例 款 道 步 招 趟 封 首 对 双 盏 册 集 节 栋 艘 架 枚 株 颗 块 幅 句 段 片 "
                          "根 堂 桩 宗 单 辑 卷 拨 伙 群 帮 串 票 剂 粒 滴 匹 尾 棵 朵 小时 分钟 秒钟 强 回 遍 度 版".split())
# 两回, 三遍, 两度 (twice, three times, twice: how often, as 两次 is; they were read as nothing), but not the words
# they begin, which a numeral may stand before (五一回家, back home for May Day; 十一度假, on holiday for National Day;
# 两回事, two different things; 遍布, all over; 度过, spent).
_OCCASIONS = "回(?![来去家到国乡应顾归复升落报馈收访忆答避购流转暖合击族民事头味音声路程车])|遍(?![布及地历体野])|度(?![过假日量数])"
# 六版, a newspaper's page six (as 第六版 is) and 三版, three editions or printings: not the words 版 begins (版本, a
# version; 版权, copyright; 版图, territory; 版块, 版面, 版式, 版画, 版税, 版主, 版型, 版号), which read as nothing.
_PAGES = "版(?![本权图块画面式税主型号纳])"
# Units of measure: each a measure of its own, as 年 is (5公里 is five kilometres: not five of anything, nor 5年);
# those written two ways are one (千米 is 公里, 千克 公斤, 平方千米 平方公里: see quantities._SAME_MEASURE). Not 米,
# 克 or 升 alone: 大米 (rice), 克服 (overcome) and 三升 (up three places) are words (度 is a measure word, of how
# often: 两度获奖).
UNITS = frozenset("公里 千米 平方公里 平方千米 平方米 立方米 公顷 公斤 千克 千瓦时 千瓦 兆瓦 英里 英亩".split())
# And the measures that were read as nothing, so that a count's quote traced them (49米, 49斤 and 49载 by 49个): after
# a number 米 is metres and 斤 jin (千斤顶, a jack, is a set phrase: see ZH_IDIOMS), 载, 春秋 and 寒暑 are years, 虚岁
# an age, 打 dozens (一打 stays an article's: 一打开 is "once opened"), 基点 basis points (the same measures are one:
# see quantities._SAME_MEASURE).
UNITS |= frozenset("米 厘米 毫米 公分 平米 斤 载 春秋 寒暑 虚岁 打 摄氏度 ℃ 基点".split())
# (Not 处, 面, 门, 行, 头, 番, 把, 部, 起, 则, 章, 只: 四处, 四面八方, 三门峡, 五行, 两头, 三番五次, 二把手, 零部件,
# 三部曲, 好评四起, 一则…二则, 约法三章 and 两只手 are words, not counts.)
# What an amount is in, by each name Chinese writes it with (亿元, 万元: 元 with its magnitude), and its English name.
# An amount in a currency this lacked was read as one whose currency is left out, which a quote in yuan traced:
# 超4.5亿美金, 4.5亿港币, 63亿韩元 by 超4.5亿元 and 63亿元.
CURRENCY_NAMES = {"美元": "US dollars", "美金": "US dollars", "港元": "Hong Kong dollars", "港币": "Hong Kong dollars",
                  "欧元": "euros", "日元": "yen", "日币": "yen", "英镑": "pounds sterling", "韩元": "won", "韩币": "won",
                  "新台币": "New Taiwan dollars", "台币": "New Taiwan dollars", "澳门元": "patacas",
                  "澳元": "Australian dollars", "加元": "Canadian dollars", "新加坡元": "Singapore dollars",
                  "卢布": "roubles", "卢比": "rupees", "泰铢": "baht", "林吉特": "ringgit", "法郎": "francs",
                  "人民币": "renminbi", "元": "yuan"}
CURRENCIES = tuple(sorted(CURRENCY_NAMES, key=len, reverse=True))  # (the longest first: 港元 before 元)
# 49个以上: at least 49; 三成多, 30%多, 两倍多: over them (not 三成多元化: thirty per cent diversified); and so a time
# counted, 三年多, 两个多月 (not 三年多次, 两天多云: many times, cloudy; a 多 after a year, a day or a week is read only
# before what ends the time, as the 半 of 三年半 is, 来 or 的 or a comma; after 个, only before the span it counts).
_ZH_AFTER = ("(?P<post3>以上|以下|以内|左右|上下(?!旬|、下旬)|出头|开外|有余|不止|(?<=[成%倍])多(?![元样种数次方项位])"
             r"|(?<=[年天周岁])多(?=[以后前内的时来里左上，。、；：,.;:\s）)]|$)|(?<=个)多(?=月(?![形板牙刊谈])|小时|钟头|星期|世纪))?"
             "(?:(?<=个多)(?:月|小时|钟头|星期|世纪))?")
# 一成 is a tenth, but 一成立 "once founded", 一成为 "once it becomes" and 一成不变 "unchanging" are words
_ONE_TENTH = "成(?!(?<=一成)[立为功员本果就长熟效绩交型形真事家名才风规文不])(?<!零成)"  # (零成本: zero cost, no share)
# 八成五 is 85 %, 三成半 35 %, 一倍半 one and a half times, 一年半 a year and a half (not 八成五家, 三成半年: a numeral or
# measure word after them)
_ZH_TENTHS = (rf"(?:(?<=成)(?P<tenths>[一二三四五六七八九])(?![{''.join(_ZH_DIGITS)}十百千万亿个家人名位项件次届])"
              r"|(?<=[成倍])(?P<half>半)(?![年月天个小])"
              # 一年半, a year and a half: not 一年半载, nor 2023年半导体 or 2023年半数 (a word that begins with 半)
              r"|(?<=[年天周岁])(?P<half_time>半)(?=[以后前内多的时来里左上，。、；：,.;:\s）)]|$)"
              # 两个半月, 一个半小时: two months and a half, an hour and a half (个, the unit, counts the spans)
              r"|(?<=个)(?P<half_span>半(?:月(?![形板牙刊谈])|小时|钟头|星期|世纪)))?")
# 八折, 七五折, 8.5折: a price's share, in tenths, as 八成 is (八折 is 20 % off, a price of 80 %: see quantities); not the
# words 折 begins (三折页, a tri-fold leaflet; 折算, 折旧, 折合, 折叠, 折射, 折返, 折腾), nor a set phrase (一波三折, 七折八扣).
_DISCOUNT = "折(?![叠算旧射线返合腾页服磨断纸枝扣腰戟])"
# Dollars and euros as speech says them, 49刀, 500欧 (刀 for 美元, 欧 for 欧元: see quantities): after digits or a
# magnitude only (两刀 is two cuts, 一把刀 a knife), and not the words they begin (刀具, 刀片, 欧洲, 欧盟, 欧姆: 49欧姆 is
# 49 ohms).
_SLANG_CURRENCY = "(?<=[0-9百千万亿])(?:刀(?![切片口法具锋刃枪剑工子把背光])|欧(?![洲盟美式阳姆亚冠元罗陆]))"
# 两位数增长, double-digit growth: a number two digits long, of a measure of its own (not two people, 两位; nor 五位数学家,
# five mathematicians, nor 两位数字化专家)
_DIGITS_LONG = "位数(?![学据字码量])"
# 一等奖, 三等功: a first prize, a third-class merit, ranks (see quantities). (期 counts issues and phases, 第三期, but
# 期间 is a word: 十一期间, the National Day holiday, counts no eleven 期.)
# 21世纪, the 21st century; 90年代, the nineties: a century by its rank, a decade by its tens (not ninety years)
_ZH_UNIT = ("(?P<unit>亿元|万元|" + "|".join(CURRENCIES) + "|个百分点|百分点|%|‰|季度|周年|周岁|星期|世纪|年代|" + _DIGITS_LONG + "|等(?=[奖功])|月|日|"
            + _ONE_TENTH + "|"
            + "|".join(sorted((MEASURE_WORDS | UNITS) - {"月", "日", "成", "期", "回", "遍", "度", "版"}, key=len, reverse=True))
            + "|期(?!间)|" + _OCCASIONS + "|" + _PAGES + "|" + _DISCOUNT + "|" + _SLANG_CURRENCY
            + ")?" + _ZH_TENTHS + _ZH_AFTER)
# 4.5个亿, 三个多亿: said as 4.5亿 and 三亿多 are (个 before a magnitude counts nothing)
_ZH_GE_MAG = r"(?:个(?=(?:余|多)?(?:万亿|亿|万|萬|億)))?"
_ZH_ARABIC = compile_later(
    _ZH_PREFIX + r"(?P<num>[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?)" + _ZH_GE_MAG + _ZH_POSTFIX + _ZH_MAG + r"(?P<post2>余|多|几|来)?" + _ZH_UNIT
)
ZH_NUMERALS = "".join([*_ZH_DIGITS, *_ZH_SMALL_UNITS, *_ZH_TENS, *_ZH_BIG_UNITS])  # the characters Chinese writes numbers with
# 三十余万人: a qualifier may stand between a number and its magnitude
# (A 一 that ends a word is no number by itself: 统一, 唯一, 同一, 单一, 之一 … 统一成立 holds no 一成, a tenth.)
# 三点五亿 is 350,000,000: a decimal point in words (not 三点五十分, ten to four: a numeral after its digits)
_ZH_POINT = rf"(?P<dec>点[〇零一二三四五六七八九]+(?![{''.join(_ZH_DIGITS)}{''.join(_ZH_SMALL_UNITS)}{''.join(_ZH_TENS)}]))?"
_ZH_WORDS = compile_later(_ZH_PREFIX + rf"(?P<num>(?!(?<=[统唯同单专之划归合均整逐纯])一(?![{ZH_NUMERALS}]))[{ZH_NUMERALS}]+)"
                       + _ZH_POINT + _ZH_GE_MAG + _ZH_POSTFIX
                       + r"(?P<mag>万亿|亿|万|萬|億)?(?(mag)(?P<post2>余|多|几|来)?)" + _ZH_UNIT)
# (百分百, all of it, as 百分之百: a hundred per cent)
_ZH_PERCENT = compile_later(_ZH_PREFIX + rf"百分(?:之(?P<num>[0-9]+(?:\.[0-9]+)?|[{ZH_NUMERALS}]+{_ZH_POINT})|(?P<full>百))"
                            + _ZH_POSTFIX
                         + _ZH_AFTER)
# (A denominator starts where its run of numerals starts: a long run without 分之 is read once, not once a digit.)
_ZH_FRACTION = compile_later(_ZH_PREFIX + rf"(?P<den>(?<![0-9])[0-9]+|(?<![{ZH_NUMERALS}])[{ZH_NUMERALS}]+)分之(?P<num>[0-9]+(?:\.[0-9]+)?|[{ZH_NUMERALS}]+)"
                          + _ZH_AFTER)  # 四分之三以上: at least three quarters
# 1/3, 2/3, 1／100: a fraction written with a slash (full-width, or the fraction slash ⁄), a share as 三分之一 is; not
# one of a chain (1/3/5, 2023/1/3: a date) nor a decimal's part. Which pairs are fractions: see is_slash_fraction.
# Not within a longer number: no digit, decimal point or thousands separator before, nor digits after (a comma and
# three digits are a thousands group; a comma and others, as 2023.10.11，5家 folds to, end a sentence).
NOT_AFTER_DIGITS = r"(?<![0-9])(?<![0-9][.,])"
NOT_BEFORE_DIGITS = r"(?![0-9]|\.[0-9]|,[0-9]{3}(?![0-9]))"
_SLASH = "/／⁄"
_SLASH_PAIR = (rf"{NOT_AFTER_DIGITS}(?<![{_SLASH}])(?P<num>[0-9]{{1,3}})[{_SLASH}](?P<den>[0-9]{{1,3}}){NOT_BEFORE_DIGITS}"
               rf"(?![{_SLASH}][0-9])")
_ZH_SLASH_FRACTION = compile_later(_ZH_PREFIX + _SLASH_PAIR + _ZH_AFTER)  # 超过2/3, 1/4以上
# 一半, 半数: a half, as 二分之一 is; 过半 and 逾半 over, 近半 nearly half (not 过半年, 近半个月: after, nearly half a year)
_ZH_HALF = compile_later(_ZH_PREFIX + r"(?P<half>一半|半数|减半|折半|(?P<over>[过逾]半)数?|(?P<near>近半)数?)(?![年月天日个小钟])"
                      + _ZH_AFTER)  # (减半征收: levied at half, halved)
# 半年, half a year; 半个月, 半天, 半小时, 半个世纪: a time counted, in the spans it names, as 一年半 (a year and a half)
# and 两个半月 are; 近半年, 半个多月, 半年以上 as any number; 大半年, the better part of a year, over half. Not a half
# of a year, a month or a day (上半年, 下半月, 前半天, 后半年: a part of a date, as a quarter is, see quantities), nor
# 好半天 or 老半天 ("a good while"), nor a word that begins with 半月 (半月形, half-moon; 半月刊, a fortnightly), nor
# the half of 两个半月 (read with its number), nor the 多 of 多次 (半年多次召开: many times in half a year).
_ZH_HALF_SPAN = compile_later(_ZH_PREFIX + r"(?<![上下前后好老个])(?P<big>大)?半(?:个(?P<more_ge>多)?)?"
                           r"(?P<span>年|月(?![形板牙刊谈])|天|日|小时|钟头|周|星期|世纪|分钟)"
                           r"(?:(?P<more>多|余)(?![元样种数次方项位个家名人批]))?" + _ZH_AFTER)
# The unit a half of a span is counted in: the span's, as a number of them is read (两个月: 个; 三天, 3 日: 天).
_ZH_SPAN_UNIT = {"年": "年", "月": "个月", "天": "天", "日": "天", "小时": "小时", "钟头": "小时", "周": "周", "星期": "周",
                 "世纪": "个世纪", "分钟": "分钟"}
# A span of time counted with 个 (三个月, 两个小时, 三个多月, 两个半月, 一个世纪): a measure of its own, months, hours,
# weeks or centuries, as 三年 is years; 个 alone counts things (三个商会), and 三个月 is no three of them. The measure
# is the span's (个月 and 个世纪 keep their 个: 三月 is March, 21世纪 the 21st century).
_ZH_COUNTED_SPAN = compile_later(r"(?P<span>月(?![形板牙刊谈])|小时|钟头|星期|世纪)")
_ZH_COUNTED_SPAN_WRITTEN = compile_later(r"个[多半](?P<span>月|小时|钟头|星期|世纪)")  # (read with the number)


def _span_counted(number: Number, text: str) -> Number:
    """``number``, counted with 个, with the measure of the span of time it counts, if it counts one."""
    span = _ZH_COUNTED_SPAN_WRITTEN.search(number.text) or _ZH_COUNTED_SPAN.match(text, number.end)
    return replace(number, unit=_ZH_SPAN_UNIT[span["span"]]) if span is not None else number
_ZH_ONE_DIGIT_LONG = compile_later(f"(?<![{ZH_NUMERALS}0-9这那哪每某各几])个{_DIGITS_LONG}")  # (这个位数: this digit count)
_ZH_SCALES = {"十": 10, "百": 100, "千": 1000, "万": 10**4, "十万": 10**5, "百万": 10**6, "千万": 10**7, "亿": 10**8}
_ZH_COUNTLESS = compile_later(rf"数以(?P<num>{'|'.join(_ZH_SCALES)})计")  # 数以百计: hundreds of, several hundred
# 翻一番, 翻倍, 翻番, 双倍, 倍增; and 增长一倍, grown by once itself: doubled (增长两倍 is left as read, 两倍: some mean
# twice, some thrice). Not the 倍增 of 成倍增长 (many times over) or 三倍增长 (three times).
_ZH_DOUBLING = compile_later(rf"翻(?:了)?{_ZH_PREFIX}(?P<times>[0-9]+|[{ZH_NUMERALS}]+)番|翻(?:了)?(?:一)?[倍番]"
                          rf"|双倍|倍(?<![成数几多0-9{ZH_NUMERALS}]倍)增"
                          r"|(?:增长|增加|提高|提升|上升|扩大)(?:了)?(?:1|一)倍")

_PREFIX_QUALIFIER = {
    "超过": OVER, "超出": OVER, "超": OVER, "逾": OVER, "突破": OVER,  # (突破4.5亿元: broke through it, over it)
    "将近": NEARLY, "接近": NEARLY, "近": NEARLY, "近乎": NEARLY, "几乎": NEARLY,
    "约": ABOUT, "大约": ABOUT, "约占": ABOUT, "约为": ABOUT, "约有": ABOUT,  # 约占87.5%: "about 87.5%"
    "大概": ABOUT, "约莫": ABOUT, "差不多": ABOUT,
    "不到": UNDER, "不足": UNDER, "少于": UNDER, "低于": UNDER,
    # a comparison denied says its other side (未超过49个, not over 49: at most; it was read as over 49)
    "未超过": AT_MOST, "没有超过": AT_MOST, "没超过": AT_MOST, "未超出": AT_MOST, "不多于": AT_MOST, "不高于": AT_MOST,
    "不满": UNDER, "未满": UNDER, "不及": UNDER, "未达到": UNDER, "未达": UNDER,  # 不满18岁: under 18
    "超过了": OVER, "高于": OVER, "多于": MORE_THAN,
    "至少": AT_LEAST, "不少于": AT_LEAST, "不低于": AT_LEAST, "不下": AT_LEAST, "起码": AT_LEAST, "最少": AT_LEAST,
    "最多": AT_MOST, "至多": AT_MOST, "不超过": AT_MOST, "顶多": AT_MOST,
    # 数十, 几百: several tens, hundreds; 上千: reaching a thousand; 过万, 破亿: over them
    "数": SEVERAL, "几": SEVERAL, "上": AT_LEAST, "过": OVER, "破": OVER,
}


# 伍 (5), 陆 and 陸 (6) and 參 (3) of cheques and contracts, read only beside another of their numerals (贰拾伍, 伍佰,
# 肆亿伍仟万, 壹佰零陆): alone they are in words (队伍, 大陆, 參加).
_FORMAL = "零壹贰貳叁叄參肆伍陆柒捌玖拾佰仟"  # (陸 is read as 陆: see fold_traditional)
_FORMAL_AS_PLAIN = str.maketrans("伍陆參", "五六三")
# Where they are numerals, as written (陸 too, which is read as 陆): folded by _fold_formal, and kept by the survey
# (see digit_runs). The character first, then what stands beside it: searched fast.
# Across a decimal point from one too (肆点伍亿元, 陆点伍亿元: 4.5 and 6.5 of them, as 四点五亿元 is).
_FORMAL_BESIDE = f"[伍陆陸參](?:(?<=[{_FORMAL}陸].)|(?<=[{_FORMAL}陸]点.)|(?=点?[{_FORMAL}陸]))"
_FORMAL_NUMERALS = compile_later(_FORMAL_BESIDE)


def _fold_formal(text: str) -> str:
    """``text`` with 伍, 陆 and 參 written as 五, 六 and 三 where they are numerals; one character for one."""
    if "伍" not in text and "陆" not in text and "參" not in text:
        return text
    return _FORMAL_NUMERALS.sub(lambda match: match.group().translate(_FORMAL_AS_PLAIN), text)


def find_numbers_zh(text: str) -> list[Number]:
    """Every number in Chinese ``text``: Arabic digits and Chinese numerals, in either script (``4.5億`` is
    450,000,000 as ``4.5亿`` is; the unit is given in its Simplified form, ``個`` as ``个``)."""
    folded = _fold_formal(fold_traditional(fold_digits(text)))  # same length, so spans stay valid
    numbers = _without_twos_for_to(_arabic_numbers(folded), folded)
    words = [number for match in _ZH_WORDS.finditer(folded) for number in _numeral_run(match)]
    if numbers and words:  # the 千 of 3千家 is the digits' magnitude, no thousand of its own
        digits = Taken(len(folded))
        for number in numbers:
            digits.add(number.start, number.end)
        words = [number for number in words if not digits.overlaps(number.start, number.end)]
    numbers += words
    if ("分之" in folded or "翻" in folded or "倍" in folded or "数以" in folded or "半" in folded or "百分百" in folded
            or _ANY_SLASH.search(folded) is not None):
        # 百分之五十 is 50%, 三分之一 a third, 一半 a half, 翻两番 and 增长一倍 a multiple, 数以百计 several hundred: one
        # number each
        wholes = [_percent_match(match) for match in _ZH_PERCENT.finditer(folded)]
        wholes += [_fraction_match(match) for match in _ZH_FRACTION.finditer(folded)]
        wholes += [_slash_fraction(match, _qualifier(match["pre"], None, match["post3"]), match.start(), match.group())
                   for match in _ZH_SLASH_FRACTION.finditer(folded)]
        wholes += [_half_match(match) for match in _ZH_HALF.finditer(folded)]
        wholes += [Number(0.5, OVER if match["big"] and not match["post3"] else
                          _qualifier(match["pre"], match["more"] or match["more_ge"], match["post3"]),
                          match.start(), match.end(), match.group(), _ZH_SPAN_UNIT[match["span"]])
                   for match in _ZH_HALF_SPAN.finditer(folded)]
        wholes += [_doubling_match(match) for match in _ZH_DOUBLING.finditer(folded)]
        wholes += [Number(float(_ZH_SCALES[match["num"]]), SEVERAL, match.start(), match.end(), match.group(0), "")
                   for match in _ZH_COUNTLESS.finditer(folded)]
        wholes = [number for number in wholes if number is not None]
        taken = Taken(len(folded))  # (asking each whole, for each number, was quadratic in a text of many)
        for number in wholes:
            taken.add(number.start, number.end)
        numbers = [number for number in numbers if not taken.overlaps(number.start, number.end)] + wholes
    if numbers and _ZH_IDIOM_NUMERALS.search(folded) is not None:
        numbers = [number for number in numbers if not _in_an_idiom(number, folded)]
    if "个位数" in folded:  # 个位数增长, single-digit growth: one digit long, as 两位数 is two (see _DIGITS_LONG)
        numbers += [Number(1.0, EXACT, match.start(), match.end(), match.group(), "位数")
                    for match in _ZH_ONE_DIGIT_LONG.finditer(folded)]
    if "或" in folded:  # 2或3个, 四十或五十家: one rough number, as 两三个 is and "two or three" (see _rough_en)
        numbers = _rough_zh(sorted(numbers, key=lambda n: n.start), folded)
    if "年代" in folded:  # 1980年代 is 80年代, the eighties, as "the 1980s" is read (see _EN_DECADE)
        numbers = [replace(number, value=number.value % 100) if number.unit == "年代" else number for number in numbers]
    if "个" in folded:  # 三个月, 两个多小时, 一个半星期: spans of time counted, not things (see _ZH_COUNTED_SPAN)
        numbers = [_span_counted(number, folded) if number.unit == "个" else number for number in numbers]
    if numbers and _ANY_CURRENCY_BEFORE.search(folded) is not None:  # 超过人民币4.5亿元, ￥63亿, US$5000万
        numbers = [_with_currency_before(number, folded) for number in numbers]
    if folded is not text:  # show what was written
        numbers = [replace(number, text=text[number.start:number.end]) for number in numbers]
    return sorted(numbers, key=lambda n: n.start)


# A currency named before its number, as Chinese may write it (人民币63亿元, ￥63亿, US$5000万, 港币2亿): the number's
# currency, which 63亿 alone leaves out; and a qualifier before the currency is the number's (超过人民币4.5亿元 is over
# 4.5亿元: it was read as exactly that, and its quote's 超4.5亿元 refused it; 逾人民币63亿元 passed for 63亿元). The
# number's place stays its digits' (人民币[63亿元](cite:…) shows the currency outside the link, as 元 after it may
# be); only a qualifier before the currency begins it (and is read with it in the words around a link). Not the names
# that end numbers as often (5000万美元, 2亿港元): before the next number they would be taken for its currency.
_CURRENCY_BEFORE = {"人民币": "元", "RMB": "元", "CNY": "元", "¥": "元", "￥": "元", "港币": "港元", "HKD": "港元",
                    "HK$": "港元", "USD": "美元", "US$": "美元", "$": "美元", "EUR": "欧元", "€": "欧元"}
_CURRENCY_BEFORE_WORDS = "|".join(re.escape(name) for name in sorted(_CURRENCY_BEFORE, key=len, reverse=True))
_ANY_CURRENCY_BEFORE = compile_later(rf"(?:{_CURRENCY_BEFORE_WORDS})\s?[0-9{ZH_NUMERALS}]")
_CURRENCY_JUST_BEFORE = compile_later(_ZH_PREFIX + rf"(?P<cur>{_CURRENCY_BEFORE_WORDS})\s?\Z")
_CURRENCY_REACH = len("没有超过人民币 ")  # (the longest qualifier, currency and space)


def _with_currency_before(number: Number, text: str) -> Number:
    """``number`` with the currency named right before it (see ``_CURRENCY_BEFORE``) as its unit, where it has
    none, and the qualifier before that currency as its own, where it has none."""
    if number.unit and number.unit not in CURRENCIES and number.unit not in ("万元", "亿元"):  # (a count, a share, a
        # measure: no amount of money)
        return number
    before = _CURRENCY_JUST_BEFORE.search(text, max(0, number.start - _CURRENCY_REACH), number.start)
    if before is None or (before["pre"] is None and number.unit):
        return number
    unit = number.unit or _CURRENCY_BEFORE[before["cur"]]
    if before["pre"] is None or number.qualifier != EXACT:  # (a qualifier after the number is its own: 以上, 余)
        return replace(number, unit=unit)
    return replace(number, unit=unit, qualifier=_PREFIX_QUALIFIER[before["pre"]], start=before.start(),
                   text=text[before.start():number.end])


# Set phrases whose numerals count nothing, though a measure word follows one (千方百计, "by every means", is no
# thousand 方): a reader reads no number in them, and a quote says none.
ZH_IDIOMS = ("第一线", "第一书记", "在第一位", "一届一届", "千斤顶", "千斤重担", "四两拨千斤",  # (the front line, a
             # job's title, first place, term after term, a jack, a heavy burden: each was read as a number)
             "千方百计", "千家万户", "百家争鸣", "三天两头", "四面八方", "八方支援", "三年五载", "百年大计", "十年树木",
             "百年树人", "三人成虎", "三番五次", "千篇一律", "说三道四", "十年磨一剑", "三位一体", "百年不遇", "三五成群",
             # (and those whose numerals are read only in quotation marks, as a name's are: “五湖四海”)
             "三心二意", "五花八门", "七上八下", "乱七八糟", "四平八稳", "九牛一毛", "十全十美", "一五一十", "三令五申",
             "五湖四海", "四通八达", "七嘴八舌", "八仙过海", "九死一生", "千军万马", "万众一心", "千载难逢", "百花齐放",
             "百尺竿头", "千锤百炼", "万无一失", "接二连三", "丢三落四", "千辛万苦", "千变万化", "万紫千红", "四面楚歌",
             "一石二鸟", "一箭双雕", "举一反三", "三顾茅庐", "百折不挠", "千丝万缕", "万象更新", "五光十色", "十拿九稳",
             "千百年",  # (千百年来: for ages, no 1,100 years)
             "第一时间", "三番两次", "三天打鱼两天晒网",
             "一波三折", "七折八扣")  # (one twist after another; many deductions: no price's share)  # (at once; again and again; by fits and starts: were read)
_ZH_IDIOM_NUMERALS = compile_later("|".join(sorted({idiom[:2] for idiom in ZH_IDIOMS})))  # (a quick look first)
_ZH_IDIOM_REACH = max(map(len, ZH_IDIOMS))


def _rough_zh(numbers: list[Number], text: str) -> list[Number]:
    """Two neighbours joined by 或 (2或3个) as one rough number (see _rough)."""
    return _rough(numbers, text, lambda last, number: text[last.end:number.start] == "或")


def _rough(numbers: list[Number], text: str, joined: Callable[[Number, Number], bool]) -> list[Number]:
    """``numbers`` with each two exact neighbours that ``joined`` says are said as one (2 or 3, 2或3) made one rough
    number: about the first, with the last's unit."""
    merged: list[Number] = []
    for number in numbers:
        last = merged[-1] if merged else None
        if (last is not None and last.qualifier == number.qualifier == EXACT and not last.unit
                and _neighbour_values(last.value, number.value) and joined(last, number)):
            merged[-1] = Number(last.value, ABOUT, last.start, number.end, text[last.start:number.end], number.unit)
        else:
            merged.append(number)
    return merged


def _in_an_idiom(number: Number, text: str) -> bool:
    """Whether ``number`` is within one of :data:`ZH_IDIOMS` in ``text``."""
    start = max(0, number.start - _ZH_IDIOM_REACH)
    near = text[start:number.end + _ZH_IDIOM_REACH]
    for idiom in ZH_IDIOMS:
        found = near.find(idiom)
        while found >= 0:
            if start + found < number.end and start + found + len(idiom) > number.start:
                return True
            found = near.find(idiom, found + 1)
    return False


def _arabic_match(match: re.Match) -> Number:
    value = float(match["num"].replace(",", ""))
    if match["mag"]:
        value *= _magnitude(match["mag"])
    value += _tenths(match)
    unit = match["unit"] or ""
    if unit in ("万元", "亿元"):  # 5千余万元: the magnitude in the unit scales the number too
        value *= _magnitude(unit[0])
    if match["mag"] and unit == "元":  # an amount in 亿元 or 万元, as 4.5亿元 is (5千元 is in 元)
        unit = _yuan_unit(match["mag"])
    qualifier = _qualifier(match["pre"], match["post"] or match["post2"], match["post3"])
    return Number(value, qualifier, match.start(), match.end(), match.group(0), unit)


def _yuan_unit(magnitudes: str) -> str:
    """An amount's unit by the largest magnitude written with it: 亿元 for 4亿5千万元 (and 4.5亿元), 万元 for 5千万元,
    元 for 5千元."""
    return ("亿" if "亿" in magnitudes else "万" if "万" in magnitudes else "") + "元"


def _arabic_numbers(text: str) -> list[Number]:
    """Every number in digits in ``text``; digits with magnitudes written one after another are one number, as
    Chinese writes it: ``4亿5千万元`` is 450,000,000 yuan, ``1千2百万`` 12,000,000, ``1万2千家`` 12,000; and
    ``1万2`` is 12,000, as ``一万二`` is."""
    numbers: list[Number] = []
    chain: list[re.Match] = []
    for match in _ZH_ARABIC.finditer(text):
        if chain and _continues(chain[-1], match):
            chain.append(match)
            continue
        numbers.extend(_arabic_chain(chain, text))
        chain = [match]
    numbers.extend(_arabic_chain(chain, text))
    return numbers


def _continues(before: re.Match, match: re.Match) -> bool:
    """Whether ``match`` goes on the number of digits ``before`` ends with a magnitude: 4亿 and then 5千万元."""
    return (before.end() == match.start() and bool(before["mag"]) and not before["post2"] and not before["unit"]
            and not before["post3"] and not match["pre"]
            and (bool(match["mag"]) or not match["unit"] or match["unit"] in MEASURE_WORDS or match["unit"] in CURRENCIES))


def _arabic_chain(chain: list[re.Match], text: str) -> list[Number]:
    """The numbers of matches of digits one after another (see :func:`_continues`): one where they are one as
    Chinese reads them, each its own where they are not."""
    if len(chain) < 2:
        return [_arabic_match(match) for match in chain]
    first, last = chain[0], chain[-1]
    unit = last["unit"] or ""
    written = "".join(match["num"] + (match["mag"] or "") for match in chain) + (unit[0] if unit in ("万元", "亿元") else "")
    value = mixed_numeral_value(written)
    if value is None:  # 1万2万, 1万20000: not one number
        return [_arabic_match(match) for match in chain]
    if unit == "元" or unit in ("万元", "亿元"):
        unit = _yuan_unit(written)
    qualifier = _qualifier(first["pre"], last["post"] or last["post2"], last["post3"])
    return [Number(value, qualifier, first.start(), last.end(), text[first.start():last.end()], unit)]


_MIXED_TOKEN = compile_later(r"[0-9]+(?:,[0-9]{3}(?![0-9]))*(?:\.[0-9]+)?|[十百千万亿零]")


def mixed_numeral_value(written: str) -> float | None:
    """The value of digits and magnitudes written one after another (``4亿5000万`` -> 450,000,000, ``1千2百万`` ->
    12,000,000, ``3千5`` -> 3,500), or None where they are no one number (``1万2万``): as Chinese numerals are read,
    each magnitude below the one before it in its group of ten thousand; digits after the last magnitude without
    零 are its tenths when they are one digit (``1万2``, 12,000), else less than it (``1万2000``)."""
    total, section, digits, single, below, wan, last = 0.0, 0.0, None, False, 10**4, False, 0
    for token in _MIXED_TOKEN.findall(written):
        if token[0].isdigit():
            if digits is not None:
                return None
            digits, single = float(token.replace(",", "")), len(token) == 1
        elif token == "零":
            last = 0  # 3千零5 is 3,005: what follows 零 is units, not tenths
        elif token in "十百千":
            unit = _ZH_MAGNITUDE_CHARS[token]
            if digits is None or unit >= below:
                return None
            section, digits, below, last = section + digits * unit, None, unit, unit
        else:
            if token == "万" and wan:
                return None
            section, digits = section + (digits or 0), None
            if token == "亿":
                total, wan = (total + section) * 10**8, False
            else:
                total, wan = total + section * 10**4, True
            section, below, last = 0.0, 10**4, _ZH_MAGNITUDE_CHARS[token]
    if digits is not None and last:
        if single:
            digits *= last // 10
        elif digits >= last:
            return None
    return total + section + (digits or 0)


def _percent_match(match: re.Match) -> Number | None:
    written = match["num"] or match["full"]
    value = float(written) if written[0].isdigit() else _with_decimals(written.partition("点")[0], match["dec"])
    if value is None:
        return None
    return Number(float(value), _qualifier(match["pre"], match["post"], match["post3"]), match.start(), match.end(),
                  match.group(0), "%")


def _with_decimals(written: str, decimals: str | None) -> float | None:
    """``三`` and ``点五``: 3.5; the numeral alone without decimals; None if it is not one number."""
    whole = parse_chinese_numeral(written)
    if whole is None or not decimals:
        return whole
    return whole + float("0." + "".join(str(_ZH_DIGITS[char]) for char in decimals[1:]))


def _tenths(match: re.Match) -> float:
    """What 五 of 八成五 (0.5 of a tenth's unit) or 半 of 三成半 and 一倍半 adds to the number before it."""
    if match["tenths"]:
        return _ZH_DIGITS[match["tenths"]] / 10
    return 0.5 if match["half"] or match["half_time"] or match["half_span"] else 0.0


def _numeral(written: str) -> float | None:
    return float(written) if written[0].isdigit() else parse_chinese_numeral(written)


def is_slash_fraction(numerator: int, denominator: int) -> bool:
    """Whether two numbers written with a slash between them (1/3, 3/4, 1/100) are the fraction they say: a
    part less than the whole, the whole of ten or less (halves to tenths, the shares one says in words) or of no
    date's day and month (1/50, 13/20). 10/11 and 1/12 are dates too often (see quantities._SLASH_DATE)."""
    return 0 < numerator < denominator and (denominator <= 10 or numerator > 12 or denominator > 31)


def _slash_fraction(match: re.Match, qualifier: str, start: int, written: str) -> Number | None:
    """The share a match of a slash fraction (``_SLASH_PAIR``) says (unit 分之, as 三分之一), with ``qualifier``,
    starting at ``start`` and written ``written``; None where the two are no fraction (10/11, 24/7)."""
    numerator, denominator = int(match["num"]), int(match["den"])
    if not is_slash_fraction(numerator, denominator):
        return None
    return Number(numerator / denominator, qualifier, start, match.end(), written, "分之")


def _fraction_match(match: re.Match) -> Number | None:
    """三分之一: a third, a share (unit 分之) of value 1/3; 百分之 is a percentage, read apart."""
    whole, part = _numeral(match["den"]), _numeral(match["num"])
    if not whole or part is None or match["den"] == "百":
        return None
    return Number(part / whole, _qualifier(match["pre"], None, match["post3"]), match.start(), match.end(), match.group(0),
                  "分之")


def _half_match(match: re.Match) -> Number:
    """一半 and 半数 are a half (a share, unit 分之, as 二分之一 is); 过半 is over half, 近半 nearly half."""
    qualifier = (OVER if match["over"] and not match["post3"] else NEARLY if match["near"] and not match["post3"]
                 else _qualifier(match["pre"], None, match["post3"]))
    return Number(0.5, qualifier, match.start(), match.end(), match.group(0), "分之")


def _doubling_match(match: re.Match) -> Number | None:
    """翻一番 doubles, 翻两番 quadruples (a multiple, unit 倍); 翻倍, 翻番 and 增长一倍 double."""
    times = _numeral(match["times"]) if match["times"] else 1
    if times is None or times > 64:
        return None
    qualifier = _qualifier(match["pre"], None) if match["times"] else EXACT  # 翻了近两番: nearly quadrupled
    return Number(float(2 ** times), qualifier, match.start(), match.end(), match.group(0), "倍")


def _numeral_run(match: re.Match) -> list[Number]:
    """A run such as ``十四五`` reads as two numbers (14 and 5), so split it; a year written digit by digit
    (``二〇二四``) is one."""
    run, run_start = match["num"], match.start("num")
    unit = match["unit"] or ""
    if match["dec"] and (value := _with_decimals(run, match["dec"])) is not None:  # 三点五亿元
        value = value * (_magnitude(match["mag"]) if match["mag"] else 1) + _tenths(match)
        qualifier = _qualifier(match["pre"], match["post"] or match["post2"], match["post3"])
        return [Number(value, qualifier, match.start(), match.end(), match.group(0), unit)]
    if len(run) > 1 and all(char in ZH_PLAIN_DIGITS for char in run) and (
            "〇" in run or "零" in run or (len(run) == 4 and unit == "年")):
        return [Number(float(plain_digits_value(run)), EXACT, match.start(), match.end(), match.group(0), unit)]
    if unit == "折" and len(run) == 2 and all(char in ZH_COUNTING_DIGITS for char in run):
        # 七五折, 八五折: 7.5 and 8.5 tenths of the price, as 八成五 is 85 % (not 七 and 五折, nor about seven)
        value = _ZH_DIGITS[run[0]] + _ZH_DIGITS[run[1]] / 10
        qualifier = _qualifier(match["pre"], match["post"] or match["post2"], match["post3"])
        return [Number(value, qualifier, match.start(), match.end(), match.group(0), unit)]
    pieces = split_chinese_numerals(run)
    if len(pieces) == 2 and unit and unit != "期" and _neighbours(pieces[0][1][-1], pieces[1][1][0]):
        # 四五十个, 七八家, 十二三家, 两三个: one rough number (forty or fifty), not two; but 十四五期 is a period
        value = parse_chinese_numeral(pieces[0][1] + pieces[1][1][1:] + (match["mag"] or ""))
        if value is not None:
            return [Number(float(value), ABOUT, match.start(), match.end(), match.group(0), unit)]
    numbers = []
    for index, (offset, piece) in enumerate(pieces):
        first, last = index == 0, index == len(pieces) - 1
        # (a magnitude after 余: 三十余万 is 三十万 and more; 四亿五千余万 is 四亿五千万, not 四亿五千 times 万)
        value = parse_chinese_numeral(piece + match["mag"] if last and match["mag"] else piece)
        if value is not None and last:
            value += _tenths(match)
        if value is None and first and match["pre"] and piece in _ZH_BIG_UNITS and (
                match["pre"] in _BEFORE_A_MAGNITUDE or match["unit"] or match["post3"]):
            value = _ZH_BIG_UNITS[piece]  # 数万: tens of thousands; 过万: over ten thousand; 近万人, 超亿元: nearly ten
            # thousand, over 100 million
        if value is None and first and last and piece in _ZH_BIG_UNITS and (match["post"] or match["post2"]) in (
                "余", "多"):
            value = _ZH_BIG_UNITS[piece]  # 万余人, 万多名, 惠及群众万余: over ten thousand (a bare 万 before a measure
            # word is a word: 万人空巷)
        if value is None and first and last and piece in _ZH_BIG_UNITS and unit in CURRENCIES:
            value = _ZH_BIG_UNITS[piece]  # 亿元以上项目, 万元户: an amount of a hundred million, of ten thousand yuan
        if value is None:
            continue
        qualifier = _qualifier(match["pre"] if first else None, (match["post"] or match["post2"]) if last else None,
                               match["post3"] if last else None)
        start = match.start() if first else run_start + offset
        end = match.end() if last else run_start + offset + len(piece)
        numbers.append(Number(float(value), qualifier, start, end, match.string[start:end], (match["unit"] or "") if last else ""))
    return numbers


def _neighbours(first: str, then: str) -> bool:
    """Whether two numerals side by side give a rough number (三四, 七八, 两三, 三两, 三五; 一两), not two numbers."""
    low, high = _ZH_DIGITS.get(first), _ZH_DIGITS.get(then)
    return low is not None and high is not None and (high == low + 1 or (low, high) in ((3, 2), (3, 5))) and low > 0


def split_chinese_numerals(run: str) -> list[tuple[int, str]]:
    """Split a run of numeral characters where one number must end: ``十四五`` -> ``十四``, ``五``."""
    pieces: list[tuple[int, str]] = []
    start = 0
    for index in range(1, len(run)):
        previous, current = run[index - 1], run[index]
        if current in _ZH_DIGITS and previous in _ZH_DIGITS and previous not in "零〇":
            pieces.append((start, run[start:index]))
            start = index
    pieces.append((start, run[start:]))
    return pieces


def parse_chinese_numeral(text: str) -> int | None:
    """``十一`` -> 11, ``三百零五`` -> 305, ``两万`` -> 20000; None if it is not one number."""
    if not text or any(ch not in ZH_NUMERALS for ch in text):
        return None
    if len(split_chinese_numerals(text)) > 1:
        return None  # 十四五 is two numbers, 二零二三 is four digits
    if text[0] in "万萬" and text[1:2] in ("亿", "億"):
        text = "一" + text  # 万亿, a trillion, as 千亿 and 百亿 are counted (not 亿万, "countless": a bare 亿 first)
    total, section, digit, unit = 0, 0, None, 0
    for ch in text:
        if ch in _ZH_DIGITS:
            digit = _ZH_DIGITS[ch]
            if ch in "零〇":
                unit = 0  # 三千零五 is 3,005: a digit after 零 is units
        elif ch in _ZH_TENS:
            section += _ZH_TENS[ch]
            digit, unit = None, 0
        elif ch in _ZH_SMALL_UNITS:
            unit = _ZH_SMALL_UNITS[ch]
            section += (1 if digit is None else digit) * unit
            digit = None
        else:
            section += digit or 0
            if section == 0 and total == 0:
                return None  # a bare 万 or 亿 is a word, not a number
            if ch in "亿億":
                total = (total + section) * _ZH_BIG_UNITS[ch]
            else:  # 万 scales only what follows the last 亿: 一亿二千万 is 120000000
                total += section * _ZH_BIG_UNITS[ch]
            section, digit, unit = 0, None, _ZH_BIG_UNITS[ch]
    if digit and unit >= 100:
        digit *= unit // 10  # 三千五 is 3,500, 一万二 12,000, 两百五 250: a last digit right after 百 or more is tenths of it
    return total + section + (digit or 0)


def _qualifier(prefix: str | None, postfix: str | None, after: str | None = None) -> str:
    """``prefix`` (超), ``postfix`` (余, 多, 几, 来) and ``after`` (以上, after the measure word) as one qualifier."""
    if after:
        return _AFTER_QUALIFIER[after]
    if postfix:
        return ABOUT if postfix in ("来", "把") else MORE_THAN
    if prefix:
        return _PREFIX_QUALIFIER[prefix]
    return EXACT


_BEFORE_A_MAGNITUDE = ("数", "几", "上", "过", "破")  # (the qualifiers that stand only there: see _ZH_PREFIX)
_AFTER_QUALIFIER = {"以上": AT_LEAST, "以下": AT_MOST, "以内": AT_MOST, "左右": ABOUT, "上下": ABOUT, "出头": OVER,
                    "开外": OVER, "有余": MORE_THAN, "不止": OVER, "多": MORE_THAN}
# Every word that says how a number beside it reads, and what it says (a number's text may hold two: 近三以上, where
# its ``qualifier`` is the last). (几 and 来 after a number, 十几, 三十来, are left out: alone they are in too many
# words, 几乎, 以来, 未来, and a number they qualify is read with them.)
QUALIFIER_WORDS = {**_PREFIX_QUALIFIER, "余": MORE_THAN, "多": MORE_THAN, **_AFTER_QUALIFIER}


# --- English -------------------------------------------------------------

def word_trie(words: Iterable[str]) -> str:
    """A pattern that matches exactly ``words``, written as a tree of their letters (``thirds?|thousand``: one
    alternative per first letter): a search tries each alternative at every place a word may start, and a
    hundred words, one by one, made the search of numbers slow on text of many short words."""
    tree: dict = {}
    for word in words:
        node = tree
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here

    def pattern(node: dict) -> str:
        branches = [re.escape(char) + pattern(child) for char, child in sorted(node.items()) if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body
    return pattern(tree)


_EN_MAGNITUDES = {"thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12}
_EN_SHORT_MAGNITUDES = {"hundred": 100, "k": 10**3, "m": 10**6, "mn": 10**6, "mln": 10**6, "bn": 10**9, "bln": 10**9,
                        "tn": 10**12, "dozen": 12, "grand": 10**3, "lakh": 10**5, "lakhs": 10**5, "crore": 10**7, "crores": 10**7}


def _percent_unit(written: str) -> str:
    """"%" for a percent, "‰" for a per mille (3‰, three per mille, as 3‰ reads in Chinese), "百分点" for
    percentage points (5个百分点: a difference of percentages, no percentage)."""
    lowered = written.lower()
    return "百分点" if "point" in lowered or lowered.strip() == "pp" else "‰" if "‰" in lowered or "mil" in lowered else "%"


def _en_magnitude(written: str) -> int:
    """``million`` -> 10**6, ``bn`` -> 10**9, ``hundred million`` -> 10**8 (亿, as English writes it word for word)."""
    value = 1
    for word in re.split(r"[\s-]+", written.lower()):
        value *= _EN_MAGNITUDES.get(word) or _EN_SHORT_MAGNITUDES[word]
    return value
_EN_QUALIFIERS = {
    "more than": MORE_THAN, "over": OVER, "upwards of": OVER, "upward of": OVER, "above": OVER,  # (upward of: as
    # American English writes it; read as exact, the quote's 10余家 refused it)
    "in excess of": OVER, "north of": OVER, "just over": OVER, "well over": OVER, ">": OVER,
    **{verb: OVER for verb in ("topped", "tops", "topping", "exceed", "exceeded", "exceeds", "exceeding", "surpass",
                               "surpassed", "surpasses", "surpassing", "go beyond", "goes beyond", "went beyond",
                               "gone beyond", "going beyond")},
    "nearly": NEARLY, "almost": NEARLY, "close to": NEARLY, "just shy of": NEARLY, "just short of": NEARLY,
    "about": ABOUT, "around": ABOUT, "some": ABOUT, "roughly": ABOUT, "approximately": ABOUT, "approx.": ABOUT,
    "approx": ABOUT, "circa": ABOUT, "c.": ABOUT, "ca.": ABOUT, "an estimated": ABOUT, "estimated": ABOUT,
    "~": ABOUT, "≈": ABOUT,
    "fewer than": UNDER, "less than": UNDER, "under": UNDER, "below": UNDER, "just under": UNDER, "<": UNDER,
    "at least": AT_LEAST, "no fewer than": AT_LEAST, "no less than": AT_LEAST, "a minimum of": AT_LEAST, "≥": AT_LEAST,
    "up to": AT_MOST, "at most": AT_MOST, "no more than": AT_MOST, "a maximum of": AT_MOST, "≤": AT_MOST,
    # a comparison denied says the other side of it (not more than 49 is at most 49; it was read as more than 49)
    "not more than": AT_MOST, "not over": AT_MOST, "not above": AT_MOST, "not exceeding": AT_MOST,
    "not less than": AT_LEAST, "not fewer than": AT_LEAST, "not under": AT_LEAST, "not below": AT_LEAST,
    "more or less": ABOUT,
    # after the number
    "or more": AT_LEAST, "+": OVER, "plus": OVER, "odd": MORE_THAN, "ish": ABOUT, "or so": ABOUT, "or fewer": AT_MOST,
    "or less": AT_MOST, "at the most": AT_MOST, "or above": AT_LEAST, "or over": AT_LEAST, "and up": AT_LEAST,
    "and above": AT_LEAST, "at the least": AT_LEAST,
}
# A qualifier before a number, looked for back from each number found (a search at every place in the text for one
# of forty words would cost more than all the rest of the reading).
_EN_BEFORE = compile_later(r"(?:\b(?P<pre>not (?:more than|over|above|exceeding|less than|fewer than|under|below)"
                        r"|more or less|more than|upwards? of|in excess of|north of|just over|well over|over|above|nearly"
                        r"|almost|close to|just shy of|just short of|about|around|some|roughly|approximately|approx\.?"
                        r"|circa|ca?\.|an estimated|estimated|no fewer than|no less than|no more than|fewer than|less than"
                        r"|just under|under|below|at least|a minimum of|up to|at most|a maximum of"
                        # topped 450 million yuan, exceeded, surpassed: over it, as 突破 is (they read as exact, and
                        # the quote's 超4.5亿元 refused them); in the plain form too, as a plural subject or "will"
                        # has it (donations exceed 450 million yuan). Not "top": the top 10 ranks.
                        r"|topped|tops|topping|exceed|exceeded|exceeds|exceeding|surpass|surpassed|surpasses"
                        r"|surpassing|go beyond|goes beyond|went beyond|gone beyond|going beyond)\s+"
                        r"|(?P<sign>[~≈<>≤≥])\s?)\Z", re.IGNORECASE)
_EN_BEFORE_REACH = 24  # characters back: the longest qualifier and its space fit
# 10-plus, ten-odd, fortyish, 49 or more, 49 at most
_EN_AFTER = (r"(?:\s?(?P<post>\+|-?plus\b|-odd\b|-?ish\b|-some(?:thing)?\b|\sor (?:more|so|fewer|less|above|over)\b"
             r"|\sat the (?:most|least)\b"
             r"|\sat (?:most|least)\b|\sand (?:up|above)\b))?")
# A multiple said with "times" (or "x", or twice): three times as many, 3x more, twice the size, as threefold and 三倍
# say it. "Three times" alone is as often three occasions (三次), and "twice" two: a multiple only before these
# words ("three times the following year" is occasions still). "3x" is one alone too (grew 3x, a 10x increase),
# as occasions are seldom written so; not 3x4 (a size) or 3XL.
_AS_A_MULTIPLE = (r"(?=\s+(?:as|more|less|fewer|larger|higher|bigger|greater|smaller|lower|faster|longer|wider"
                  r"|the(?!\s+(?:following|next|same|day|week|month|year)\b))\b)")
_EN_NUMBER = compile_later(
    r"(?:(?P<cur>CNY|RMB|US\$|USD|HK\$|HKD|\$|¥|EUR|€)\s?)?"
    r"(?P<num>[0-9]{1,3}(?:,[0-9]{3}(?![0-9]))+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)"
    # 4.5 hundred million (亿 word for word), 6.3bn, 450 mln, 10k; 450m only with a currency (else metres)
    # 49 dozen, 49 lakh, 49 crore (4,900,000 and 490 million, as Indian English writes them): read as 49 alone, a
    # quote's 49 traced them
    r"(?:[\s-]?(?P<mag>(?:hundred[\s-])?(?:thousand|million|billion|trillion)|hundred|bn|bln|mn|mln|tn|dozen|lakhs?|crores?"
    r"|k|(?(cur)m|m(?=[\s-]?(?:yuan|RMB|dollars)\b))"
    # 49 grand: 49,000 (of money), where no noun follows (not 3 grand prizes, a grand plan)
    r"|grand(?=\s*(?:[^\w\s]|\Z)|\s+(?:a|an|per|in|for|to|and|or|from|each|every|of|on|was|is|were|are|that|which|by"
    r"|at|apiece|cash|a-year)\b))(?![a-z]))?"
    r"(?P<pct>\s?[%‰]|[\s-]percentage[\s-]points?\b|[\s-]?per[\s-]?cent\b|[\s-]per[\s-]?mill?e?\b| pct\b|pc\b| pp\b)?(?P<yuan>[\s-]yuan\b| RMB\b)?(?P<dollars> (?:US |Hong Kong )?dollars\b| euros\b| bucks\b| quid\b)?(?P<times> times"
    + _AS_A_MULTIPLE + r"|-?fold\b|[x×](?![0-9a-z]))?" + _EN_AFTER,  # (3x, 3× alone: no 3x4, 3xl)
    re.IGNORECASE,
)


_CURRENCY_SIGNS = {"EUR": "€", "USD": "US$", "HKD": "HK$"}  # (the codes as their signs)
_CURRENCY_WORDS = {"dollars": "$", "us": "US$", "hong": "HK$", "euros": "€",  # (5 million euros: €)
                   "bucks": "$", "quid": "英镑"}  # (49 bucks, dollars; 49 quid, pounds sterling: read as a plural noun,
# a count of things, and "49 quid" as a bare 49)


def _en_qualified(match: re.Match, text: str) -> tuple[int, str]:
    """Where the number of ``match`` begins with the qualifier before it, if any, and the qualifier it says."""
    start, said = _en_qualifier_before(text, match.start())
    after = (match["post"] or "").strip(" -").lower()
    return start, _EN_SOME_AFTER.get(after) or _EN_QUALIFIERS.get(after) or _EN_QUALIFIERS.get(said, EXACT)


_EN_SOME_AFTER = {"some": MORE_THAN, "something": MORE_THAN}
_EN_SLASH_FRACTION = compile_later(_SLASH_PAIR + _EN_AFTER, re.IGNORECASE)  # 1/3, 3/4 or more
_ANY_SLASH = compile_later(f"[{_SLASH}]")  # twenty-some, as forty-odd (before one, some is about)


# passed 450 million yuan, crossed 50%, broke through the 10,000 mark: over an amount, as 破 before one is (read as
# exactly 450 million yuan, the quote's 超4.5亿元 refused them); before an amount or a mark only (passed 49
# resolutions, broke 3 records, crossed 2 rivers: counts of what was passed, broken, crossed).
_EN_PASSED = compile_later(r"\b(?:pass(?:ed|es|ing)?|cross(?:ed|es|ing)?|break|broke|breaks|breaking|broken)(?:\s+through)?"
                           r"\s+(?:the\s+)?\Z", re.IGNORECASE)
_EN_PASSED_REACH = len("breaking  through  the  ")
_EN_A_MARK_AFTER = compile_later(r"\s+(?:mark|threshold|milestone|barrier|level)\b", re.IGNORECASE)


def _en_passed(text: str, start: int) -> tuple[int, str]:
    """Where an amount at ``start`` begins with a verb of passing it before it (see ``_EN_PASSED``), and OVER;
    else ``start`` and EXACT."""
    passed = _EN_PASSED.search(text, max(0, start - _EN_PASSED_REACH), start)
    return (passed.start(), OVER) if passed is not None else (start, EXACT)


def _en_qualifier_before(text: str, start: int) -> tuple[int, str]:
    """Where a number at ``start`` begins with the qualifier before it (more than, ~), and that qualifier, or """""
    before = _EN_BEFORE.search(text, max(0, start - _EN_BEFORE_REACH), start)
    return (before.start(), (before["pre"] or before["sign"]).lower()) if before else (start, "")


class Taken:
    """The characters of a text that the numbers found so far cover, to ask whether a match overlaps one of them
    in the time of its own length (asking each number found, for each match, made a paragraph of thousands of
    numbers in words quadratic). A match is never empty, nor is a number."""

    def __init__(self, length: int) -> None:
        self.mask = bytearray(length)

    def add(self, start: int, end: int) -> None:
        if end > start:
            self.mask[start:end] = b"\x01" * (end - start)

    def overlaps(self, start: int, end: int) -> bool:
        return self.mask.find(1, start, end) >= 0


def find_numbers_en(text: str) -> list[Number]:
    """Every number in English ``text``: written with digits (of any script), or in words (``forty-nine``,
    ``two hundred``; a lone ``one`` is left out: it is far more often a pronoun or "a" than a count)."""
    folded = fold_letters(fold_digits(text))  # (each word found is looked up in lower case: ſix as six)
    numbers = []
    taken = Taken(max(len(text), len(folded)))
    words = folded.casefold()  # as IGNORECASE matches (ſixth is sixth): which words the text may hold at all
    if _ANY_SLASH.search(folded) is not None:  # 1/3, nearly 2/3: before the digits, which would read 1 and 3
        for match in _EN_SLASH_FRACTION.finditer(folded):
            start, qualifier = _en_qualified(match, folded)
            number = _slash_fraction(match, qualifier, start, text[start:match.end()])
            if number is not None:
                numbers.append(number)
                taken.add(number.start, number.end)
    if "half" in words:  # half a year, a day and a half: before the fractions (over half a year is no "over half")
        for match in _EN_HALF_SPAN.finditer(folded):
            if _EN_NOT_HALVED.search(folded, max(0, match.start() - 8), match.start()) is None:  # (the first half-year)
                start, qualifier = _en_qualified(match, folded)
                span = (match["span"] or match["compound"] or match["whole"]).lower()
                numbers.append(Number(1.5 if match["and"] else 0.5, qualifier, start, match.end(),
                                      text[start:match.end()], _EN_MEASURE_WORDS.get(span, "")))
                taken.add(start, match.end())
        for match in _EN_HALF_POINT.finditer(folded):
            if not taken.overlaps(match.start(), match.end()):
                start, qualifier = _en_qualified(match, folded)
                numbers.append(Number(0.5, qualifier, start, match.end(), text[start:match.end()],
                                      "百分点" if match["point"] else "%"))
                taken.add(start, match.end())
    if "halv" in words or "half" in words:  # halved, cut by half (减半, 减少一半): a half, as a share of what was
        for match in _EN_HALVED.finditer(folded):
            if not taken.overlaps(match.start(), match.end()):
                numbers.append(Number(0.5, EXACT, match.start(), match.end(), text[match.start():match.end()], "分之"))
                taken.add(match.start(), match.end())
    if any(span in words for span in _EN_ONE_SPAN_WORDS):  # more than a month, nearly a year (一个多月, 近一年)
        for match in qualified_spans(folded, caseless(folded)):  # (not ``words``: casefold makes ß two letters)
            if not taken.overlaps(match.start(), match.end()):
                qualifier = _EN_QUALIFIERS[re.sub(r"\s+", " ", match["pre"].lower())]
                numbers.append(Number(1.0, qualifier, match.start(), match.end(), text[match.start():match.end()],
                                      _EN_MEASURE_WORDS.get(match["span"].lower(), "")))
                taken.add(match.start(), match.end())
    if any(stem in words for stem in _EN_FRACTION_STEMS):  # (each reading is a pass over the text: most have none)
        for match in _EN_FRACTION.finditer(folded):  # before the digits and words: two thirds is no two
            number = _en_fraction(match, folded)
            if number is not None and not taken.overlaps(number.start, number.end):
                numbers.append(replace(number, text=text[number.start:number.end]))
                taken.add(number.start, number.end)
    if any(stem in words for stem in _EN_ORDINAL_STEMS):
        for match in EN_ORDINAL.finditer(folded):  # before the words: twenty-first is 21st, not twenty
            if not taken.overlaps(match.start(), match.end()) and not _enumerates(folded, match):
                numbers.append(Number(float(ordinal_word_value(match.group())), EXACT, match.start(), match.end(),
                                      text[match.start():match.end()], _thing_ranked(folded, match)))
                taken.add(match.start(), match.end())
    if "digit" in words or "figure" in words:  # double-digit growth: two digits long (两位数), not a multiple
        for match in _EN_DIGITS_LONG.finditer(folded):
            if not taken.overlaps(match.start(), match.end()):
                start, qualifier = _en_qualified(match, folded)
                written = match["num"].lower()
                count = int(written) if written.isdigit() else _EN_DIGITS_COUNT[written]
                numbers.append(Number(float(count), qualifier, start, match.end(), text[start:match.end()], "位数"))
                taken.add(start, match.end())
    if "decade" in words:  # two decades: twenty years (二十年), not two and "decades" (several tens of years)
        for match in _EN_DECADES.finditer(folded):
            written = match["num"].lower()
            count = int(written) if written.isdigit() else 1 if written == "one" else _word_value(written)
            if count is not None and not taken.overlaps(match.start(), match.end()):
                start, qualifier = _en_qualified(match, folded)
                numbers.append(Number(float(count * 10), qualifier, start, match.end(), text[start:match.end()], "年"))
                taken.add(start, match.end())
    if "0s" in words or "0's" in words or "0’s" in words or any(word in words for word in _EN_DECADE_WORDS):
        for match in _EN_DECADE.finditer(folded):  # the 1980s: a decade, not the year 1980 (before the digits)
            if not taken.overlaps(match.start(), match.end()):
                word = match["word"]
                tens = _EN_DECADE_WORDS[word.lower()] if word else 10 * int(match["tens"] or match["short"] or match["bare"])
                numbers.append(Number(float(tens), EXACT, match.start(), match.end(), text[match.start():match.end()],
                                      "年代"))
                taken.add(match.start(), match.end())
    for match in _EN_NUMBER.finditer(folded):
        if taken.overlaps(match.start(), match.end()):
            continue
        value = float(match["num"].replace(",", ""))
        if match["mag"]:
            value *= _en_magnitude(match["mag"])
        start, qualifier = _en_qualified(match, folded)
        currency = (match["cur"] or "").upper()
        if qualifier == EXACT and (match["mag"] or currency or match["pct"] or match["yuan"] or match["dollars"]
                                   or _EN_A_MARK_AFTER.match(folded, match.end()) is not None):
            start, qualifier = _en_passed(folded, start)
        unit = (_percent_unit(match["pct"]) if match["pct"] else "倍" if match["times"] else "元" if match["yuan"] or currency in ("CNY", "RMB", "¥")
                else _CURRENCY_WORDS[match["dollars"].split()[0].lower()] if match["dollars"]
                else _CURRENCY_SIGNS.get(currency, currency))
        end = match.end()
        if match.end() == match.end("num") and _SMALL_WHOLE.fullmatch(match["num"]):  # 1 and a half million
            value, end, unit = _and_a_half(value, match["num"], folded, end, taken) or (value, end, unit)
        numbers.append(Number(value, qualifier, start, end, text[start:end], unit))
        taken.add(start, end)
    for match in _EN_VAGUE.finditer(folded):
        scale = match["num"].lower()[:-1]
        value = (10 if scale == "dozen" else _EN_SCALES[scale]) * {"tens": 10, "hundreds": 100}.get(
            (match["times"] or "").lower(), 1)  # (dozens: several tens, as 数十 says it)
        if not taken.overlaps(match.start(), match.end()):
            numbers.append(Number(float(value), SEVERAL, match.start(), match.end(), text[match.start():match.end()]))
            taken.add(match.start(), match.end())
    for match in _EN_PHRASES.finditer(folded):  # before the words: half a dozen is six, not a dozen
        value, qualifier, unit = _EN_PHRASE_VALUES[re.sub(r"[\s-]+", " ", match.group().lower())]
        start = match.start()
        if qualifier == EXACT:  # nearly a decade, almost doubled: as nearly 10 years is (the qualifier was lost)
            start, said = _en_qualifier_before(folded, start)
            qualifier = _EN_QUALIFIERS.get(said, EXACT)
        if not taken.overlaps(start, match.end()):
            numbers.append(Number(float(value), qualifier, start, match.end(), text[start:match.end()], unit))
            taken.add(start, match.end())
    for match in _EN_WORDS.finditer(folded):
        words = match["num"].lower()
        *others, (last_start, _) = _word_segments(words)
        for segment_start, segment_end in others:  # two-three, five six seven: numbers side by side, not one
            value = _word_value(words[segment_start:segment_end])
            start, end = match.start("num") + segment_start, match.start("num") + segment_end
            if value is not None and not taken.overlaps(start, end):
                numbers.append(Number(float(value), EXACT, start, end, text[start:end]))
                taken.add(start, end)
        words = words[last_start:]
        value = 1 if words == "one" else _word_value(words)  # (a lone one is read only before "and a half")
        if value is None or taken.overlaps(match.start("num") + last_start, match.end()):
            continue
        end, unit = match.end(), _percent_unit(match["pct"]) if match["pct"] else "倍" if match["times"] else ""  # (ten
        # per cent, three times as)
        if match.end() == match.end("num"):
            value, end, unit = _and_a_half(value, words, folded, end, taken) or (value, end, unit)
        if words == "one" and end == match.end():
            continue
        start, qualifier = _en_qualified(match, folded) if not others else (match.start("num") + last_start, EXACT)
        numbers.append(Number(float(value), qualifier, start, end, text[start:end], unit))
        taken.add(start, end)
    for match in _EN_TIMES.finditer(folded):  # twice, threefold (two-fold is found above)
        value = ({"once": 1, "twice": 2, "thrice": 3}[match["times"].lower()] if match["times"]
                 else _EN_MULTIPLE_ADJECTIVES[match["adjective"].lower()] if match["adjective"]
                 else _word_value(match["num"].lower()) or _EN_SCALES.get(match["num"].lower()))  # (a hundredfold)
        if value is not None and not taken.overlaps(match.start(), match.end()):
            multiple = not match["times"] or _MULTIPLE_AFTER.match(folded, match.end())  # twice as many; not twice a year
            numbers.append(Number(float(value), EXACT, match.start(), match.end(), text[match.start():match.end()],
                                  "倍" if multiple else ""))
            taken.add(match.start(), match.end())
    if _MAY_BE_ROMAN.search(folded) is not None:
        for match in EN_ROMAN.finditer(folded):  # Phase II, Article XI: a rank (the Roman numerals never more)
            start, end = match.span("roman")
            if not taken.overlaps(start, end):
                numbers.append(Number(float(roman_value(match["roman"])), EXACT, start, end, text[start:end]))
                taken.add(start, end)
        for match in _EN_ROMAN_COUNT.finditer(folded):  # (after the ranks: Phase II talks is one)
            start, end = match.span("roman")
            if not taken.overlaps(start, end):
                numbers.append(Number(float(roman_value(match["roman"])), EXACT, start, end, text[start:end]))
                taken.add(start, end)
    lowered = caseless(folded) if numbers else ""  # (once: ``words`` above now holds the last number's words)
    if any(word in lowered for word in _EN_IDIOM_WORDS):
        idioms = [match.span() for match in _EN_IDIOMS.finditer(folded)]
        numbers = [number for number in numbers if not any(start < number.end and number.start < end
                                                           for start, end in idioms)]
    numbers = _one_in(sorted(_without_twos_for_to(numbers, folded), key=lambda n: n.start), folded, text)
    return _rough_en([_en_measured(folded, number) for number in numbers], text)


# "Third," or "Fourth:" beginning a sentence: the text's own enumeration, as "First," and "Second," are, and 三是 in
# Chinese; no claim (it was read as an ordinal no quote could trace). "It ranked third, behind ..." is one.
_ENUMERATION_AFTER = compile_later(r"\s*[,:，：]")
_SENTENCE_ENDS = frozenset(".!?;:。！？；：")


def _enumerates(text: str, match: re.Match) -> bool:
    """Whether the ordinal word of ``match`` begins a sentence and a comma or a colon follows it."""
    if _ENUMERATION_AFTER.match(text, match.end()) is None:
        return False
    before = text[max(0, match.start() - 8):match.start()].rstrip()
    if before:
        return before[-1] in _SENTENCE_ENDS
    # At the start of a text, in capitals only: a text may begin within a sentence, where a link or a mark cut it
    # ("[ranked](cite:…) third, behind": no enumeration).
    return text[match.start()].isupper() and (match.start() == 0 or text[:match.start()].isspace())


# B2B, O2O, P2P: business to business, online to offline; the 2 is "to", no number (it was read as one).
_TWO_FOR_TO = compile_later(r"(?<![A-Za-z0-9])[A-Z]2[A-Z](?![A-Za-z0-9])")


def _without_twos_for_to(numbers: list[Number], text: str) -> list[Number]:
    """``numbers`` less those that begin at the 2 of B2B (see ``_TWO_FOR_TO``)."""
    if "2" not in text or not numbers:
        return numbers
    twos = {match.start() + 1 for match in _TWO_FOR_TO.finditer(text)}
    return [number for number in numbers if number.start not in twos] if twos else numbers


# Idioms whose number words count nothing, as ZH_IDIOMS' numerals do (一石二鸟 is two birds with one stone): a two-way
# bridge (双向), a third-rate service, in two minds. Each was read as a number no quote could trace.
_EN_IDIOMS = compile_later(r"(?<![a-z])(?:(?:two|one)[\s-]way|nine[\s-]to[\s-]five|(?:a|the)\s+sixth\s+sense"
                           r"|in\s+two\s+minds|two\s+and\s+two\s+together|two\s+birds\s+with\s+one\s+stone|third-rate"
                           r"|at\s+sixes\s+and\s+sevens|covid-?19)(?![a-z0-9])", re.IGNORECASE)  # (COVID-19: a name, whose 19 counts nothing)
_EN_IDIOM_WORDS = ("way", "five", "sense", "minds", "together", "birds", "rate", "sixes", "covid")  # (each holds one)


# A Roman numeral of two letters or more, in capitals, after a capitalized word (Phase II, World War II, Article XI,
# Grade III): a rank. One letter alone is a word or a name far more often (I, X, "Plan C").
EN_ROMAN = compile_later(r"\b[A-Z][a-z]+\.?\s+(?P<roman>(?=[IVXLC]{2,}\b)C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
                      r"(?<=[IVXLC])\b")  # (the whole word, a numeral: not IIII, nor none of it)
# One before a plural noun or a measure word, after no capitalized word (supports XLIX chambers, 护航XLVIII个): a count,
# as 49 chambers is (a number is a number in any script: it was read as nothing, and passed untraced). Not Phase II
# talks (a rank, above), nor the letters that are as often a word of their own (XL sizes, CV, CC, IV drips, LI).
_EN_ROMAN_COUNT = compile_later(r"(?<![A-Za-z0-9])(?!(?:XL|CV|CC|CL|CI|LI|IV)(?![A-Za-z]))"
                                r"(?P<roman>(?=[IVXLC]{2,}(?![A-Za-z0-9]))C{0,3}(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3}))"
                                r"(?<=[IVXLC])(?![A-Za-z0-9])(?=\s+[a-z]{2,}s\b|\s*[个個家位名条條项項])")
_MAY_BE_ROMAN = compile_later(r"(?<![A-Za-z0-9])[IVXLC]{2,}(?![A-Za-z0-9])")  # (in Chinese words too: 护航XLVIII个)
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman_value(numeral: str) -> int:
    """``XIV`` -> 14: each letter added, or taken away where a larger one follows it."""
    values = [_ROMAN_VALUES[letter] for letter in numeral]
    return sum(-value if value < after else value for value, after in zip(values, [*values[1:], 0]))


# X and a half: one and a half million (1,500,000, not nothing), two and a half thousand (2,500, not two), two-and-a-half
# years, 1 and a half; a million and a half (1,500,000, not a million). Looked at after each number read, not searched
# for: few numbers have one.
_AND_A_HALF = compile_later(r"[\s-]+and[\s-]+a[\s-]+half(?![a-z])"
                         r"(?:[\s-]+(?P<mag>thousand|million|billion|trillion)(?![a-z]))?(?P<times>\s+times(?![a-z]))?"
                         r"(?P<pct>\s?[%‰]|[\s-]percentage[\s-]points?\b|[\s-]per[\s-]?cent\b|[\s-]per[\s-]?mill?e?\b)?",
                         re.IGNORECASE)
_SMALL_WHOLE = compile_later("[0-9]{1,3}")  # (digits that may have "and a half" after them: not 2023, nor 1.5 or 1,000)


def _and_a_half(value: float, words: str, text: str, end: int, taken: Taken) -> tuple[float, int, str] | None:
    """The value, end and unit of the number ``value``, written ``words`` and ending at ``end`` in ``text``, with
    the "and a half" after it; None where none follows or it would take what another number took. The half is of
    the magnitude the words end in (a million and a half), else of one, times a magnitude after it (two and a
    half thousand); after a hundred or a dozen it is left unread (a hundred and a half: 150 or 100.5?). Two and a
    half times is a multiple: no one does a thing two and a half times over; five and a half per cent a percentage. A span of time may stand before the
    half (two years and a half): the unit is then the span's."""
    half = _AND_A_HALF.match(text, end)
    parts = re.split(r"[\s-]+", words.lower())
    if half is None and parts[-1] not in _EN_MAGNITUDES and parts[-1] not in _EN_SCALES:
        half = _SPANS_AND_A_HALF.match(text, end)  # two years and a half
        if half is not None and not taken.overlaps(end, half.end()):
            return float(value + 0.5), half.end(), _EN_MEASURE_WORDS.get(half["span"].lower(), "")
        return None
    if half is None or taken.overlaps(end, half.end()):
        return None
    if parts[-1] in _EN_MAGNITUDES and not half["mag"]:
        value += _EN_MAGNITUDES[parts[-1]] / 2
    elif parts[-1] in _EN_SCALES or (half["mag"] and any(part in _EN_SCALES for part in parts)):
        return None
    else:
        value = (value + 0.5) * _EN_MAGNITUDES.get((half["mag"] or "").lower(), 1)
    return float(value), half.end(), "倍" if half["times"] else _percent_unit(half["pct"]) if half["pct"] else ""


# One in five, nine in ten, 3 out of 10, one in ten thousand: a share, as 五分之一 is (the part is one to nineteen,
# see _ONE_IN, after _EN_SMALL). Looked for back from each number found (the whole), so that the text is not read
# once more for the few that have one. Not where the whole is a time (nine in ten years: nine, within ten years),
# nor the end of another number (twenty-one in ten), nor a year (5 in 2023).
_ONE_IN_WHOLE = compile_later(r"[1-9][0-9]{0,2}(?:,[0-9]{3}(?![0-9]))*|[a-z][a-z\s-]*", re.IGNORECASE)  # in words, or digits
_ONE_IN_TIME = compile_later(r"[\s-]+(?:years?|months?|weeks?|days?|hours?|minutes?|decades?)\b", re.IGNORECASE)


def _one_in(numbers: list[Number], folded: str, text: str) -> list[Number]:
    """``numbers`` (in order) with each "X in Y" read as the share X/Y, which the two (or Y alone, a lone "one"
    being no number) were read as."""
    kept: list[Number] = []
    for number in numbers:
        before = _ONE_IN.search(folded, max(0, number.start - _ONE_IN_REACH), number.start)
        if (before is None or number.unit or number.qualifier != EXACT or not _ONE_IN_WHOLE.fullmatch(number.text)
                or _ONE_IN_TIME.match(folded, number.end)):
            kept.append(number)
            continue
        part, whole = _EN_SMALL.get(before["one"].lower()) or int(before["one"]), number.value
        if part >= whole or whole != int(whole):
            kept.append(number)
            continue
        if kept and kept[-1].end > before.start():  # the X, read as a number of its own
            kept.pop()
        start, said = _en_qualifier_before(folded, before.start())  # (more than) one in five (or more)
        qualifier = _EN_QUALIFIERS[said] if said else number.qualifier
        kept.append(Number(part / whole, qualifier, start, number.end, text[start:number.end], "分之"))
    return kept


# What an English noun after a number measures, as a Chinese measure word says it (49 years is 49年, not 49个): the
# words of the measure words that say what is measured (quantities._OWN_MEASURES); and the nouns of people and
# bodies, which say the number counts them, as 个, 家 or 名 would (450 million members is no sum of money, as
# 超4.5亿元 is). Other words say nothing a Chinese measure word would contradict (450 million donated, 49 of
# them, 450 million goes to charity). An age is in 岁, which 年 traces (a 30-year-old firm is 成立30年, a man
# 30岁): it was read as nothing, and "49 years old" was traced by 49个.
_EN_COUNTED = ("people|persons?|members?|chambers?|compan(?:y|ies)|enterprises?|firms?|businesses|business"
               "|associations?|organi[sz]ations?|groups?|entrepreneurs?|businessm[ae]n|businesspeople|merchants?"
               "|employees?|workers?|staff|volunteers?|participants?|attendees?|delegates?|visitors?|guests?"
               "|representatives?|officials?|leaders?|students?|residents?|villagers?|households?|families|family"
               "|villages?|towns?|cities|city|counties|county|departments?|units?|agencies|agency|branch(?:es)?"
               "|offices?|schools?|projects?|events?|meetings?|activities|activity|sessions?|deals?|contracts?"
               "|items?|products?|brands?")
# Any other plural noun after a number says it counts things too: 3 platforms, 6 proposals, 10 hospitals were traced
# by 三年 (three years) or 3吨. Not a verb or a word that is no noun (450 million goes to charity, 3 is), nor a name
# in capitals ("Four Goods" chambers: a title, whose numeral counts nothing, as 四好 is): see _en_measured.
_EN_PLURAL = (r"(?!(?:is|was|has|does|goes|comes|means|remains|makes|includes|represents|accounts|needs|seems"
              r"|shows|says|gives|takes|holds|stays|brings|gets|puts|sets|keeps|lets|runs|sits|lies|stands|falls"
              r"|rises|grows|looks|helps|works|plays|leads|follows|reaches|covers|exceeds|equals|totals|amounts"
              r"|tops|trails|lags|stems|marks|as|us|vs|yes|this|thus|plus|less|unless|its|his|hers|ours|theirs"
              r"|yours|always|perhaps|sometimes|across|towards|besides|whereas|afterwards|nevertheless|various"
              r"|numerous|previous|serious|famous|hrs|mins|secs)\b)[a-z]{2,}s(?<!ss)")
_EN_MEASURE = compile_later(r"[\s-]{0,2}(?:(?P<age>years?[\s-]old)|(?P<storey>storeys?|stories|floors?)"
                         r"|(?P<bp>basis[\s-]points?|bps?)|(?P<celsius>degrees?\s+(?:celsius|centigrade))"
                         # degrees of no scale said, a measure of its own (49 degrees, a 49-degree angle: they were a
                         # count of things, traced by 49个); not degrees in law or from a university, which count
                         r"|(?P<fahrenheit>degrees?\s+fahrenheit)|(?P<degree>degrees?(?![\s-]+(?:in|from|of|at)\b))"
                         r"|(?P<cm>centimet(?:re|er)s?|cm)|(?P<mm>millimet(?:re|er)s?|mm)|(?P<year>years?)|(?P<day>days?)|(?P<week>weeks?)"
                         r"|(?P<month>months?)|(?P<hour>hours?|hrs?)|(?P<minute>minutes?|mins?)|(?P<century>centur(?:y|ies))"
                         r"|(?P<km2>(?:square|sq\.?)\s*(?:kilomet(?:re|er)s?|km))|(?P<m2>(?:square|sq\.?)\s*(?:met(?:re|er)s?|m))"
                         r"|(?P<m3>cubic\s+met(?:re|er)s?)|(?P<km>kilomet(?:re|er)s?|km)|(?P<ha>hectares?)"
                         r"|(?P<kg>kilo(?:gram(?:me)?)?s?|kg)|(?P<kwh>kilowatt[\s-]hours?|kwh)|(?P<kw>kilowatts?|kw)"
                         r"|(?P<mw>megawatts?|mw)|(?P<mile>miles?)|(?P<acre>acres?)"
                         r"|(?P<ton>tons?|tonnes?)|(?P<metre>met(?:re|er)s?)|(?P<mu>mu)|(?P<pair>pairs?)|(?P<counted>" + _EN_COUNTED + r")"
                         r"|(?P<plural>" + _EN_PLURAL + r"))\b",
                         re.IGNORECASE)
_EN_MEASURE_WORDS = {"age": "岁", "storey": "层", "bp": "基点", "celsius": "摄氏度", "fahrenheit": "华氏度", "degree": "°", "cm": "厘米", "mm": "毫米", "metre": "米",
                     "year": "年", "day": "天", "week": "周", "month": "个月", "hour": "小时",
                     "minute": "分钟", "century": "个世纪", "ton": "吨", "mu": "亩", "pair": "对", "counted": "个",
                     "plural": "个",
                     "km2": "平方公里", "m2": "平方米", "m3": "立方米", "km": "公里", "ha": "公顷", "kg": "公斤",
                     "kwh": "千瓦时", "kw": "千瓦", "mw": "兆瓦", "mile": "英里", "acre": "英亩"}  # (see UNITS)
_YEARLIKE = compile_later(r"[12][0-9]{3}")


def _en_measured(text: str, number: Number) -> Number:
    """``number`` with the measure word of the noun after it in ``text`` (49 years: 年), if it has none."""
    if number.unit:
        return number
    after = _EN_MEASURE.match(text, number.end)
    if after is None or (after.lastgroup in ("counted", "plural") and _YEARLIKE.fullmatch(number.text)):
        return number  # (in 2023 chambers gave: a year, as often as a count)
    if after.lastgroup == "plural" and not after["plural"].islower():
        return number  # ("Four Goods" chambers, the Three Represents: a name's numeral)
    return replace(number, unit=_EN_MEASURE_WORDS[after.lastgroup])


# Two neighbours said as one rough number: seven or eight, two-three (as 七八 and 两三 are). Not two joined by "to" or
# a dash between digits, 2 to 3, 49-50: a range, read as its two ends, as 2至3 and 49-50 are in Chinese.
_OR_NEXT = compile_later(r"\s*or\s*\Z")
_WORDS_JOINED = compile_later(r"[a-z]+-\Z", re.IGNORECASE)
EN_MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december|"
             "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
# A month's name right after a range's last day (11-12 October, 11 to 12th of October) or right before its first
# (October 11-12): the two are days, not a rough number.
_MONTH_AFTER_DAYS = compile_later(rf"(?:st|nd|rd|th)?(?:\s+of)?\s+(?:{EN_MONTHS})\b", re.IGNORECASE)
_MONTH_BEFORE_DAYS = compile_later(rf"\b(?:{EN_MONTHS})\.?\s+\Z", re.IGNORECASE)
_MONTH_REACH = len("september. ")  # characters back: the longest name, its dot and a space


def _rough_en(numbers: list[Number], text: str) -> list[Number]:
    """``forty or fifty``, ``seven or eight days``, ``two-three``: one rough number, about the first, as 四五十 and
    七八天 are; not a range (2 to 3, 49-50: see the patterns above), nor two numbers that are not neighbours (3 or
    5), nor two days of a month (11 or 12 October)."""
    return _rough(numbers, text, lambda last, number: (
        (_OR_NEXT.match(text, last.end, number.start) is not None
         or (number.start == last.end + 1 and _WORDS_JOINED.match(text, last.start, number.start) is not None))
        and _MONTH_AFTER_DAYS.match(text, number.end) is None
        and _MONTH_BEFORE_DAYS.search(text, max(0, last.start - _MONTH_REACH), last.start) is None))


def _neighbour_values(low: float, high: float) -> bool:
    """Whether ``high`` is the next after ``low`` of a rough number (2 and 3, 40 and 50; not 3 and 5, nor years)."""
    if not (0 < low < high < 1000) or low != int(low) or high != int(high):
        return False
    step = 10 ** (len(str(int(low))) - 1) if int(low) % 10 ** (len(str(int(low))) - 1) == 0 else 1
    return high - low == step


_EN_SMALL = {word: value for value, word in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_EN_TENS = {word: 10 * (index + 2) for index, word in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
_EN_SCALES = {"hundred": 100, "dozen": 12, **_EN_MAGNITUDES}
# The part of a share "X in Y" (see _one_in): one to nineteen, or digits.
_ONE_IN = compile_later(r"(?<![a-z0-9.,-])(?P<one>" + "|".join(sorted((word for word, value in _EN_SMALL.items() if value),
                                                                    key=len, reverse=True))
                     + r"|[1-9][0-9]?)\s+(?:in|out\s+of)(?:\s+every)?\s+\Z", re.IGNORECASE)
_ONE_IN_REACH = len("seventeen out of every  ")  # characters back: the longest and a little room
_EN_WORD = "(?:" + "|".join(sorted([*_EN_SMALL, *_EN_TENS, *_EN_SCALES], key=len, reverse=True)) + ")"
_EN_WORDS = compile_later(
    r"(?P<num>(?<![a-z])(?:an?\s+(?=(?:hundred|thousand|million|billion|trillion|dozen)\b))?"  # a hundred: 100
    rf"{_EN_WORD}(?:(?:-|\s+(?:and\s+)?){_EN_WORD})*"
    rf"(?:\s+point(?:\s+(?:{'|'.join(list(_EN_SMALL)[:10])}))+(?:\s+(?:thousand|million|billion|trillion))?)?"  # six
    r"(?:(?![a-z])|(?=ish\b)))"  # point three billion; (not \b: 有forty家 has no word boundary); fortyish
    r"(?P<pct>\s?[%‰]|[\s-]percentage[\s-]points?\b|[\s-]per[\s-]?cent\b|[\s-]per[\s-]?mill?e?\b)?(?P<times>-fold\b|[\s-]+times" + _AS_A_MULTIPLE + ")?" + _EN_AFTER,
    re.IGNORECASE,
)
# A number so many digits long: double-digit growth, in single digits, a six-figure sum (两位数增长, 个位数, 六位数).
_EN_DIGITS_COUNT = {"single": 1, "double": 2, "triple": 3}
_EN_DIGITS_COUNT.update({word: value for word, value in _EN_SMALL.items() if 0 < value < 20})
_EN_DIGITS_LONG = compile_later(rf"(?<![a-z0-9.,])(?P<num>{'|'.join(_EN_DIGITS_COUNT)}|[1-9][0-9]?)[\s-]+(?:digits?|figures?)"
                             r"(?![a-z])(?!\s+(?:of|in)\b)" + _EN_AFTER, re.IGNORECASE)
# Decades counted, two decades, 3 decades: tens of years, as 二十年 (a count of decades, one decade).
_EN_DECADES = compile_later(rf"(?<![a-z0-9.,])(?P<num>[0-9]{{1,3}}|{_EN_WORD}(?:-{_EN_WORD})?)[\s-]+decades?(?![a-z])"
                         + _EN_AFTER, re.IGNORECASE)
# A decade of a century, the 1980s, the '80s, the eighties: read as 80年代 is, by its tens. A Chinese text seldom gives
# the century (上世纪80年代), so neither reader keeps it (1980年代 reads as 80年代). Two digits or a word only after
# "the" (the 80s, the early eighties): "in their 80s" is an age. Not the 1900s or the 2000s: a decade or a century.
_EN_DECADE_WORDS = {word[:-1] + "ies": value for word, value in _EN_TENS.items()}  # twenty: the twenties
_EN_DECADE = compile_later(
    r"(?<![\w.,'’])(?:1[0-9]|20)(?P<tens>[1-9])0['’]?s(?![\w'’])|(?<![\w.,])['’](?P<short>[1-9])0s(?![\w'’])"
    r"|(?:(?<=\bthe\s)|(?<=\bthe\searly\s)|(?<=\bthe\slate\s)|(?<=\bthe\smid-)|(?<=\bthe\smid\s))"
    rf"(?:(?P<bare>[1-9])0s|(?P<word>{'|'.join(_EN_DECADE_WORDS)}))(?![\w'’])", re.IGNORECASE)
_EN_VAGUE = compile_later(r"(?<![a-z])(?:(?P<times>tens|hundreds) of )?(?P<num>dozens|hundreds|thousands|millions|billions)"
                       r"(?![a-z])", re.IGNORECASE)  # hundreds: more than a hundred, as 数百 is
# The scales a vague amount is of: several dozen (several tens, as dozens are), several hundred thousand (数十万).
_EN_SCALE_VALUES = {"dozen": 10, "hundred": 100, **{f"hundred {name}": 100 * value for name, value in _EN_MAGNITUDES.items()
                                                    if value < 10**12}, **_EN_MAGNITUDES}
# The verbs that multiply, by their stems: doubled, doubles, doubling (2) ... sextupled (6).
_EN_MULTIPLYING = {"doubl": 2, "tripl": 3, "trebl": 3, "quadrupl": 4, "quintupl": 5, "sextupl": 6}
# Numbers said in words that are no number word: a pair of, a decade, doubled, half a dozen (value, qualifier, unit).
_EN_PHRASE_VALUES = {
    "zero": (0, EXACT, ""), "a pair of": (2, EXACT, ""), "a trio of": (3, EXACT, ""),
    "half a dozen": (6, EXACT, ""), "a half dozen": (6, EXACT, ""), "a score of": (20, EXACT, ""),
    "threescore": (60, EXACT, ""), "fourscore": (80, EXACT, ""),
    # a brace and a duo (two), a quartet (four), a baker's dozen (thirteen), a gross (144): each was read as nothing
    # (not "a couple of", as often a few as two); and number words misspelt, which a reader reads as numbers
    "a brace of": (2, EXACT, ""), "a duo of": (2, EXACT, ""),
    "a quartet of": (4, EXACT, ""), "a quintet of": (5, EXACT, ""), "a baker's dozen": (13, EXACT, ""),
    "a baker’s dozen": (13, EXACT, ""), "a gross of": (144, EXACT, ""),
    "fourty": (40, EXACT, ""), "ninty": (90, EXACT, ""), "ninteen": (19, EXACT, ""), "eightteen": (18, EXACT, ""),
    # vague amounts: several tens, as 数十 and 几十 are (dozens, scores: the words English says them with)
    "scores of": (10, SEVERAL, ""), "tens of": (10, SEVERAL, ""), "decades": (10, SEVERAL, "年"),
    # and several hundred, a few thousand, several hundred million: of the scale after them, as 数百, 几千 and 数亿
    # are (a few and several alone are no number: nothing to trace them by)
    **{f"{few} {scale}": (_EN_SCALE_VALUES[scale], SEVERAL, "") for few in ("several", "a few") for scale in _EN_SCALE_VALUES},
    "a decade": (10, EXACT, "年"), "a fortnight": (2, EXACT, "周"),  # ten years (十年), two weeks (两周)
    "an order of magnitude": (10, EXACT, "倍"), "one order of magnitude": (10, EXACT, "倍"),  # ten times (十倍)
    # doubled, tripling, quadruples: a multiple, as 翻一番 and 增长一倍 are, in each form of the verb ("doubling" and
    # "triples" were read as nothing)
    **{stem + ending: (value, EXACT, "倍") for stem, value in _EN_MULTIPLYING.items() for ending in ("ed", "es", "ing")},
}
_EN_PHRASES = compile_later(  # (a tree of their letters, see word_trie: forty phrases one by one were slow to search)
    r"(?<![a-z])(?:" + word_trie(_EN_PHRASE_VALUES).replace(re.escape(" "), r"[\s-]+")
    + r")(?![a-z])(?!\s+(?:dozens|hundreds|thousands|millions|billions)\b)"  # tens of thousands: a vague amount
    # The idioms of "double" say no multiple: doubled as (served as), doubling down, doubled up, doubled back,
    # doubled over in pain. The other verbs have none: tripled over the period and doubled in size are multiples
    # (an idiom of any one of them was taken for all, and "tripled over" passed unread).
    r"(?!(?:(?<=doubled)|(?<=doubles)|(?<=doubling))[\s-]+(?:as|down|up|back|over(?=[\s-]+(?:in|with|laughing)\b))\b)"
    # zero in on, zero-tolerance, zero-sum; zero point five is read whole, as a number in words
    r"(?!(?<=zero)[\s-]+(?:in|tolerance|sum|point)\b)",
    re.IGNORECASE)
_EN_PHRASE_WORDS = frozenset(word for phrase in _EN_PHRASE_VALUES for word in re.split("[ -]", phrase)
                             if word not in ("a", "an", "of", "one", "order", "half", "few", "several"))  # pair,
# decade, doubled, magnitude ...
_MULTIPLE_AFTER = compile_later(_AS_A_MULTIPLE, re.IGNORECASE)
# "Once" is a number only as often as something happens, once a year (每年一次) or once or twice, as "twice a year"
# is: alone it is "formerly" or "as soon as" (once the largest, once it opens), as often as not.
_EN_ONCE = (r"once(?=[\s-]+(?:a|an|per|every|each)[\s-]+(?:year|month|week|fortnight|day|quarter|decade|century|term"
            r"|session|season)\b|\s+or\s+twice\b)")
# double the orders, triple that, quadruple its size: a multiple, as twice the orders is (they were read as nothing, so
# a page's "orders were double those of 2022" passed untraced); only before a word that says what is multiplied (a
# double win, a double standard, double-digit are none).
_EN_MULTIPLE_ADJECTIVES = {"double": 2, "triple": 3, "quadruple": 4}
_EN_TIMES = compile_later(rf"\b(?:(?P<times>twice|thrice|{_EN_ONCE})|(?P<num>{_EN_WORD})-?fold"
                          r"|(?P<adjective>double|triple|quadruple)(?=\s+(?:the|that|those|this|these|its|their|our"
                          r"|his|her|what)\b))\b",
                          re.IGNORECASE)  # 3 (times)


# Fractions in words: a third of, two thirds, one in five, (more than) half of; half a million is a count. "A third"
# or "a fifth" alone may be an ordinal (a third term), and "a half" a time (an hour and a half), so with a or an they
# are fractions only before "of" or after a qualifier (nearly a third: no ordinal is nearly; see _a_fraction);
# "half" is one before what it halves or after a qualifier (not the first half of 2023, a half-day, half a dozen: six).
_EN_DENOMINATORS = {"half": 2, "halves": 2, "third": 3, "quarter": 4, "fourth": 4, "fifth": 5, "sixth": 6,
                    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
_EN_DENOMINATORS |= {f"{word}s": value for word, value in _EN_DENOMINATORS.items() if word != "half"}  # two thirds
_EN_FRACTION_WORDS = frozenset(_EN_DENOMINATORS)
# (a text without one of these holds no fraction in words: a plural holds its singular, halves aside)
_EN_FRACTION_STEMS = tuple(word for word in _EN_DENOMINATORS if word == "halves" or not word.endswith("s"))
_EN_FRACTION = compile_later(
    r"(?<![a-z])(?:(?P<scaled>half)(?:[\s-]+an?)?[\s-]+(?P<scale>hundred|thousand|million|billion|trillion)"
    # a quarter of a million, three quarters of a billion: 250,000 and 750,000,000 (as 25万, 7.5亿), not a quarter
    r"|(?P<part>an?|one|two|three)[\s-]+(?P<parts>thirds?|quarters?)[\s-]+of[\s-]+an?[\s-]+"
    r"(?P<whole>hundred|thousand|million|billion|trillion)(?![a-z])"
    r"|(?P<num>an?|one|two|three|four|five|six|seven|eight|nine)[\s-]+(?P<den>halves|half|(?:third|quarter|fourth"
    r"|fifth|sixth|seventh|eighth|ninth|tenth)s?)(?P<of>\s+of\b)?"
    r"|(?P<half>half)(?P<halved>\s+(?:of|the|its|their|our|all|these|those|them)\b)?)"
    r"(?![a-z])(?![\s-]+(?:an?[\s-]+)?dozen\b)(?!-[a-z])" + _EN_AFTER, re.IGNORECASE)
# After a qualifier that is a preposition too (about, over, under), "a third" may still be an ordinal (talks about a
# third term, a row over a third runway): a fraction only where no noun follows it, before a mark, the end, or one of
# these words. After another (nearly, almost, more than, roughly), a fraction, but a third party and a quarter
# century (anyone else; 25 years).
_EN_PREPOSITIONS = frozenset(("about", "around", "over", "under", "above", "below", "north of", "some"))
_A_FRACTION = compile_later(r"(?![\s-]+(?:part(?:y|ies)|centur(?:y|ies))\b)")
_CHANGED_BY = compile_later(r"\b(?:by|up|down)\s+\Z", re.IGNORECASE)  # (grew by a third; "rose by a third" was read
# as the ordinal third, traced by 第三届 and not by 三分之一)
_NO_NOUN_AFTER = compile_later(r"\s*(?:[^\w\s]|\Z)|\s+(?:of|in|on|at|by|from|since|than|and|or|but|more|less|fewer"
                            r"|higher|lower|larger|smaller|are|is|were|was|have|has|had|to|up|down|compared)\b",
                            re.IGNORECASE)
# Half a year, a half-year (半年), half a month, a half-day, an hour and a half (一个半小时): times counted in the
# spans they name, as 半年, 半个月 and 一年半 are. Not half-yearly (every half year), nor a half-year-old; the first or
# second half-year is a part of a date (see _EN_NOT_HALVED, quantities).
_EN_SPAN_WORDS = ("year", "month", "week", "day", "hour", "minute", "decade", "century")
_EN_SPANS = "|".join(_EN_SPAN_WORDS)
_EN_HALF_SPAN = compile_later(rf"(?<![a-z-])(?:half[\s-]+an?[\s-]+(?P<span>{_EN_SPANS})|(?:an?\s+)?half[\s-](?P<compound>{_EN_SPANS})"
                           rf"|(?P<and>an?[\s-]+(?P<whole>{_EN_SPANS})[\s-]+and[\s-]+a[\s-]+half))"
                           r"(?![a-z])(?!-old)" + _EN_AFTER, re.IGNORECASE)
# Half a percentage point, half a per cent: 0.5 of them (0.5个百分点, 0.5%), not a half of a whole.
_EN_HALF_POINT = compile_later(r"(?<![a-z-])half[\s-]+an?[\s-]+(?:(?P<point>percentage[\s-]+point)|per[\s-]?cent)(?![a-z])"
                            + _EN_AFTER, re.IGNORECASE)
# A span of time after a qualifier, more than a month, nearly a year: one of it, as 一个多月 and 近一年 are; after a
# qualifier that is as often a preposition (over a year, about a week), only where no noun follows the span, as for
# a fraction (over a year ago, about a week later; not a row over a year-end bonus, talks about a day trip: see
# _SPAN_ALONE), as "over 3 years" and "over a decade" are read. Not alone ("a year", "a week later": most often
# no count at all).
_EN_ONE_SPAN_WORDS = tuple(word for word in _EN_SPAN_WORDS if word != "decade")  # (a decade is ten years: see
# _EN_PHRASE_VALUES)
_EN_SPAN_QUALIFIERS = ("more than", "upwards of", "in excess of", "just over", "well over", "nearly", "almost",
                       "close to", "just shy of", "just short of", "roughly", "approximately", "no fewer than",
                       "no less than", "no more than", "fewer than", "less than", "just under", "at least",
                       "a minimum of", "up to", "at most", "a maximum of", "not more than", "not less than",
                       "not fewer than")  # (each one of _EN_QUALIFIERS)
_EN_SPAN_PREPOSITIONS = ("over", "about", "around", "under", "above", "below", "not over", "not above", "not under",
                         "not below")  # (each one of _EN_QUALIFIERS, the spans after them read only alone)
_EN_SPAN_QUALIFIER = (r"(?<![a-z])(?P<pre>" + "|".join(qualifier.replace(" ", r"\s+") for qualifier in sorted(
    _EN_SPAN_QUALIFIERS + _EN_SPAN_PREPOSITIONS, key=len, reverse=True)) + r")\s+an?\s+")
_EN_QUALIFIED_SPAN = compile_later(_EN_SPAN_QUALIFIER + rf"(?P<span>{'|'.join(_EN_ONE_SPAN_WORDS)})(?![a-z])",
                                re.IGNORECASE)
_EN_QUALIFIER_BEFORE_SPAN = compile_later(_EN_SPAN_QUALIFIER + r"\Z", re.IGNORECASE)
_EN_SPAN_REACH = 40  # characters back from a word of time: the longest qualifier, "an" and the spaces between fit
# What may follow a span after a preposition (see above): a mark or the end, a word that is no noun (ago, later,
# of, in ...), a possessive (over a year's work); never a compound (year-end, a day-long visit).
_SPAN_ALONE = compile_later(r"(?!-[a-z])(?:" + _NO_NOUN_AFTER.pattern
                            + r"|\s+(?:ago|later|earlier|before|after|afterwards|now|so)\b)", re.IGNORECASE)


def qualified_spans(text: str, lowered: str) -> list[re.Match]:
    """The times said without a numeral after a qualifier in ``text`` (more than a month: ``_EN_QUALIFIED_SPAN``),
    ``lowered`` being its :func:`caseless` form. Looked for back from each word of time: the search at every place
    for one of twenty qualifiers made the survey of every text a third slower, and few texts have one."""
    found = []
    for span in _EN_ONE_SPAN_WORDS:
        at = lowered.find(span)
        while at >= 0:
            before = _EN_QUALIFIER_BEFORE_SPAN.search(lowered, max(0, at - _EN_SPAN_REACH), at)
            if before is not None and (match := _EN_QUALIFIED_SPAN.match(text, before.start())) is not None and (
                    re.sub(r"\s+", " ", match["pre"].lower()) not in _EN_SPAN_PREPOSITIONS
                    or _SPAN_ALONE.match(text, match.end()) is not None):
                found.append(match)
            at = lowered.find(span, at + len(span))
    return sorted(found, key=lambda match: match.start())
# Two years and a half, three days and a half: as two and a half years (两年半, 三天半), in the span named.
_SPANS_AND_A_HALF = compile_later(rf"[\s-]+(?P<span>{_EN_SPANS.replace('century', 'centur(?:y|ie)')})s?"
                               r"[\s-]+and[\s-]+a[\s-]+half(?![a-z])", re.IGNORECASE)
_EN_HALVED = compile_later(r"(?<![a-z])(?:halved|halving|(?:by|in)\s+half(?![\s-]+(?:an?|the|of|past|way|hour|day|year)\b))"
                        r"(?![a-z-])", re.IGNORECASE)  # (not in half an hour, by half past ten, in half of them)
_EN_NOT_HALVED = compile_later(r"\b(?:first|second|latter|former|other|back|front|top|bottom|better)\s+\Z", re.IGNORECASE)


_EN_SPAN_OF_QUARTERS = compile_later(r"\b(?:first|last|past|previous|next|coming|final|recent)\s+\Z", re.IGNORECASE)


def _en_fraction(match: re.Match, text: str) -> Number | None:
    """The fraction (a share, unit 分之, as 三分之一 is) or the count (half a million) of ``match``, or None where
    the words are no number (a third term, the first half of 2023)."""
    start, qualifier = _en_qualified(match, text)
    if match["scaled"]:
        value = _EN_MAGNITUDES.get(match["scale"].lower(), 100) / 2
        return Number(float(value), qualifier, start, match.end(), text[start:match.end()])
    if match["whole"]:
        part = 1 if match["part"].lower() in ("a", "an") else _EN_SMALL[match["part"].lower()]
        share = part / _EN_DENOMINATORS[match["parts"].lower()]
        return Number(share * _EN_MAGNITUDES.get(match["whole"].lower(), 100), qualifier, start, match.end(),
                      text[start:match.end()])
    if match["den"]:
        numerator, denominator = match["num"].lower(), match["den"].lower()
        if numerator in ("a", "an") and not match["of"] and not _a_fraction(match, text):
            return None  # (a third term; an hour and a half)
        if denominator == "quarters" and _EN_SPAN_OF_QUARTERS.search(text, max(0, match.start() - 12), match.start()):
            return None  # the first three quarters (前三季度): three of a year's, read as a count of them
        value = (1 if numerator in ("a", "an") else _EN_SMALL[numerator]) / _EN_DENOMINATORS[denominator]
    else:
        if _EN_NOT_HALVED.search(text, max(0, match.start() - 8), match.start()) or not (
                match["halved"] or start < match.start()):
            return None
        value = 0.5
    end = match.end() - len(match["of"] or "") - len(match["halved"] or "")
    end = match.end() if match["post"] else end
    return Number(value, qualifier, start, end, text[start:end], "分之")


def _a_fraction(match: re.Match, text: str) -> bool:
    """Whether "a third" (a half, a quarter ...) of ``match``, without "of" after it, is a fraction by the qualifier
    before it (nearly a third; about a fifth, but not talks about a third term: see ``_EN_PREPOSITIONS``), or by
    what changed by it (grew by a third, down a quarter, where no noun follows: not re-elected by a third term)."""
    said = _en_qualifier_before(text, match.start())[1]
    if _A_FRACTION.match(text, match.end()) is None:
        return False
    if not said:
        return (_CHANGED_BY.search(text, max(0, match.start() - 6), match.start()) is not None
                and _NO_NOUN_AFTER.match(text, match.end()) is not None)
    return said not in _EN_PREPOSITIONS or _NO_NOUN_AFTER.match(text, match.end()) is not None


# Ordinals in words, read as 第三 and 11th are: the third pillar, the eleventh term, twenty-first. "First" and "second"
# alone are left out: at first, first of all, a second (of time), second-hand are in every other text, and 首次, the
# first time, holds no numeral either; but the first and second quarters are Q1 and Q2 (第一季度, 第二季度), and
# before a superlative or an occurrence (below) they are ranks.
_EN_ORDINAL_UNITS = {word: index + 3 for index, word in enumerate(
    "third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth fourteenth fifteenth sixteenth "
    "seventeenth eighteenth nineteenth".split())}
_EN_ORDINAL_TENS = {word: 10 * (index + 2) for index, word in enumerate(
    "twentieth thirtieth fortieth fiftieth sixtieth seventieth eightieth ninetieth".split())}
_EN_ORDINAL_WORDS = frozenset([*_EN_ORDINAL_UNITS, *_EN_ORDINAL_TENS, "hundredth", "thousandth", "millionth"])
# the second-largest, the second biggest: a rank, as the third-largest is (and so "first" and "second")
_SUPERLATIVES = "largest|biggest|greatest|highest|lowest|smallest|oldest|youngest|richest|strongest|best|worst|most|least"
# the first meeting, a second term, its first plenary session: one of a series of occurrences, as 第一次会议, 首届 and
# 第二批 are (次, 届, 期, 批, 轮 count them), and as "the third session" is read. Not the first pillar or the first group,
# a text's own order, which no quote gives; nor "the first two meetings" or "the first few", where a count follows.
# (A dialogue, talks, a visit, a tour, a fair, an exhibition: an English article's "its first dialogue with chamber
# presidents" said nothing, and a page's 首次对话 citing it was refused.)
_OCCURRENCES = ("meeting|session|plenary|plenum|congress|conference|assembly|term|round|batch|edition|forum|expo"
                "|summit|convention|election|anniversary|prize|award|place"  # (and a rank won: 一等奖, 第一名)
                "|dialogue|talk|visit|tour|fair|exhibition")
_NOT_BETWEEN = "|".join([*_EN_SMALL, *_EN_TENS, *_EN_SCALES, "few", "several", "many", "couple", "some", "ever", "time",
                         *"the a an this that these those its their his her our my your".split(),  # (at first the meeting)
                         *"of and or to in on at for with by from as than then".split()])


# After "the first", the words that make it the one that did a thing first (the first to be invited, the first among
# the chambers): a rank of a thing, not of an occasion (for the first time, 首次), which "first" alone was read as
# none of. Not the first of the meetings (a text's own order) nor the first toast.
_THE_FIRST_ONE = r"\s+(?:to\s+[a-z]|among\b)"


def _first_second(between: str) -> str:
    """The pattern of "first" and "second" as ranks (see EN_ORDINAL), with ``between`` the check of a word between
    them and the occurrence ("" in the survey's, which may keep more: the first two meetings)."""
    after = (rf"(?:\s+(?:and|or)\s+second)?"  # (the first and second meetings)
             rf"(?:[\s-]+(?:quarter|{_SUPERLATIVES}|(?:{_OCCURRENCES})s?)|\s+{between}[a-z]+(?:['’]s?)?\s+(?:{_OCCURRENCES})s?)\b")
    # ranked first, came second (排名第一, 位居第二): a rank, whatever follows; not "in the first place" (to begin with).
    # (The verb is looked for back from the word: a look behind tried at every place of a text costs more.)
    ranked = "|".join(rf"(?<=\b{verb}\s{word})" for verb in "ranked ranks ranking placed finished came comes".split()
                      for word in ("first", "second"))
    # the first to do a thing, the first among them: the one that did it first, a rank of a thing (see _THE_FIRST_ONE)
    return (rf"(?:first|second)(?:(?={after})(?!(?<=\bin\sthe\sfirst)\s+place\b)"
            rf"|(?:{ranked})(?![\s-]+(?:of|to|and|or|time|half)\b)"
            rf"|(?<=\bthe\sfirst)(?={_THE_FIRST_ONE}))")


_FIRST_SECOND = _first_second(rf"(?!(?:{_NOT_BETWEEN})\b)")
_EN_ORDINAL_STEMS = (*_EN_ORDINAL_WORDS, "first", "second")  # (a text without one holds no ordinal in words)
EN_ORDINAL = compile_later(
    rf"(?<![a-z-])(?:(?:{'|'.join(_EN_TENS)})[\s-]+(?:first|second|{'|'.join(_EN_ORDINAL_UNITS)})"
    rf"|{'|'.join(sorted(_EN_ORDINAL_WORDS, key=len, reverse=True))}|{_FIRST_SECOND})"
    r"(?![a-z])(?!-party|\s+part(?:y|ies)\b)",
    re.IGNORECASE)  # (a third party, 第三方, is anyone else; the first and second quarters are parts of a date)


def _thing_ranked(text: str, match: re.Match[str]) -> str:
    """家 where an English ordinal ``match`` of ``text`` is the first to do a thing (see _THE_FIRST_ONE), which ranks
    a thing as 首家 does; else "" (of no kind said: the first meeting, which any rank may trace)."""
    if match.group().lower() == "first" and text[max(0, match.start() - 4):match.start()].lower() == "the " \
            and _THE_FIRST_ONE_AFTER.match(text, match.end()) is not None:
        return "家"
    return ""


_THE_FIRST_ONE_AFTER = compile_later(_THE_FIRST_ONE, re.IGNORECASE)


def ordinal_word_value(words: str) -> int:
    """``eleventh`` -> 11, ``twenty-first`` -> 21 (a match of ``EN_ORDINAL``)."""
    *tens, last = re.split(r"[\s-]+", words.lower())
    units = {"first": 1, "second": 2, **_EN_ORDINAL_UNITS, **_EN_ORDINAL_TENS, "hundredth": 100,
             "thousandth": 1000, "millionth": 10**6}
    return (_EN_TENS[tens[0]] if tens else 0) + units[last]


_SMALL_KINDS = ("unit", "teen", "tens", "tens-unit")


def _word_kind(word: str) -> str:
    if word in ("a", "an") or (word in _EN_SMALL and _EN_SMALL[word] < 10):
        return "unit"
    if word in _EN_SMALL:
        return "teen"
    if word in _EN_TENS:
        return "tens"
    return word if word in ("hundred", "dozen") else "scale"


def _word_segments(words: str) -> list[tuple[int, int]]:
    """The spans of the numbers a run of number words holds (as :data:`_EN_WORDS` finds them), in order: one for
    ``two hundred and five`` or ``a hundred thousand million``; two for ``two-three`` and ``nine ninety-nine``,
    three for ``five six seven``, which English does not say as one number (they were added up: 5, 108, 18).

    As English says a number: a tens word takes a unit (twenty-one); a unit, a teen or a tens a ``hundred``
    (fifteen hundred) or ``dozen``; each scale after a smaller one or a group below it, or right after a smaller
    scale, which it multiplies (a thousand million). Where a scale cannot go on the number before it, the small
    words before the scale start the next one (one hundred | two hundred)."""
    if words.isalpha() or "point" in words:  # (one word: most of them)
        return [(0, len(words))]
    tokens = [match for match in re.finditer("[a-z]+", words) if match.group() != "and"]
    segments: list[tuple[int, int]] = []
    first = small = 0  # the tokens that start this number, and its last run of small words
    kind, hundred, scale = "", False, math.inf  # the last token's kind; a hundred in this group; the last scale
    for index, token in enumerate(tokens):
        word = token.group()
        new = _word_kind(word)
        if index > first and not _goes_on(kind, hundred, scale, new, word):
            cut = small if new in ("hundred", "dozen", "scale") and kind in _SMALL_KINDS and small > first else index
            segments.append((tokens[first].start(), tokens[cut - 1].end()))
            first, hundred, scale = cut, False, math.inf
            kind = _word_kind(tokens[cut].group()) if cut < index else ""
            if cut < index and kind == "tens" and index - cut == 2:
                kind = "tens-unit"
            if cut == index:
                small, kind = index, new
                continue
        if new in _SMALL_KINDS:
            if kind not in _SMALL_KINDS:
                small = index
            kind = "tens-unit" if kind == "tens" and new == "unit" else new
        elif new in ("hundred", "dozen"):
            kind, hundred = new, True
        else:
            value = _EN_MAGNITUDES.get(word, 1)
            scale = scale * value if kind == "scale" else value
            kind, hundred = "scale", False
    segments.append((tokens[first].start(), tokens[-1].end()))
    return segments


def _goes_on(kind: str, hundred: bool, scale: float, new: str, word: str) -> bool:
    """Whether a number word of kind ``new`` goes on a number whose last word is of ``kind`` (see
    :func:`_word_segments`)."""
    if new == "unit":
        return kind in ("tens", "hundred", "scale")
    if new in ("teen", "tens"):
        return kind in ("hundred", "scale")
    if new in ("hundred", "dozen"):
        return kind in _SMALL_KINDS and not hundred
    value = _EN_MAGNITUDES.get(word, 1)
    if kind == "scale":
        return value > scale  # a thousand million
    return kind in (*_SMALL_KINDS, "hundred") and value < scale


def _word_value(words: str) -> float | None:
    """``forty-nine`` -> 49, ``two hundred and five`` -> 205, ``six point three billion`` -> 6.3e9; None for a lone
    ``one``/``zero`` or a lone scale."""
    parts = [part for part in re.split(r"[\s-]+", words) if part != "and"]
    if "point" in parts:
        at = parts.index("point")
        whole = _EN_SMALL[parts[0]] if parts[:at] in (["one"], ["zero"]) else _word_value(" ".join(parts[:at]))
        digits = [part for part in parts[at + 1:] if part in _EN_SMALL]
        scale = math.prod(_EN_SCALES[part] for part in parts[at + 1:] if part in _EN_SCALES)
        return None if whole is None else (whole + float("0." + "".join(str(_EN_SMALL[d]) for d in digits))) * scale
    if parts[0] in ("a", "an"):  # a hundred: one hundred
        parts[0] = "one"
    elif parts in (["one"], ["zero"]) or all(part in _EN_SCALES for part in parts):
        return None
    total, current, last = 0, 0, ""
    for part in parts:
        if part in _EN_SMALL or part in _EN_TENS:
            current += _EN_SMALL.get(part, 0) + _EN_TENS.get(part, 0)
        elif part in ("hundred", "dozen"):
            current = max(current, 1) * _EN_SCALES[part]
        elif last in _EN_MAGNITUDES and _EN_SCALES[part] > _EN_SCALES[last]:
            total *= _EN_SCALES[part]  # a thousand million: a scale of scales
        else:
            total += max(current, 1) * _EN_SCALES[part]
            current = 0
        last = part
    return total + current


# Where a number may stand: digits of any script, Chinese numerals, English number words, and numbers
# written as one symbol (² ⑩ ㊾ Ⅸ ½, which :func:`numeric_symbols` reports).
_SYMBOL_RANGES = (  # categories No and Nl but 〇 (Unicode 14), checked against unicodedata by a test
    (0x00B2, 0x00B3), (0x00B9, 0x00B9), (0x00BC, 0x00BE), (0x09F4, 0x09F9), (0x0B72, 0x0B77), (0x0BF0, 0x0BF2),
    (0x0C78, 0x0C7E), (0x0D58, 0x0D5E), (0x0D70, 0x0D78), (0x0F2A, 0x0F33), (0x1369, 0x137C), (0x16EE, 0x16F0),
    (0x17F0, 0x17F9), (0x19DA, 0x19DA), (0x2070, 0x2070), (0x2074, 0x2079), (0x2080, 0x2089), (0x2150, 0x2182),
    (0x2185, 0x2189), (0x2460, 0x249B), (0x24EA, 0x24FF), (0x2776, 0x2793), (0x2CFD, 0x2CFD), (0x3021, 0x3029),
    (0x3038, 0x303A), (0x3192, 0x3195), (0x3220, 0x3229), (0x3248, 0x324F), (0x3251, 0x325F), (0x3280, 0x3289),
    (0x32B1, 0x32BF), (0xA6E6, 0xA6EF), (0xA830, 0xA835), (0x10107, 0x10133), (0x10140, 0x10178), (0x1018A,
    0x1018B), (0x102E1, 0x102FB), (0x10320, 0x10323), (0x10341, 0x10341), (0x1034A, 0x1034A), (0x103D1, 0x103D5),
    (0x10858, 0x1085F), (0x10879, 0x1087F), (0x108A7, 0x108AF), (0x108FB, 0x108FF), (0x10916, 0x1091B), (0x109BC,
    0x109BD), (0x109C0, 0x109CF), (0x109D2, 0x109FF), (0x10A40, 0x10A48), (0x10A7D, 0x10A7E), (0x10A9D, 0x10A9F),
    (0x10AEB, 0x10AEF), (0x10B58, 0x10B5F), (0x10B78, 0x10B7F), (0x10BA9, 0x10BAF), (0x10CFA, 0x10CFF), (0x10E60,
    0x10E7E), (0x10F1D, 0x10F26), (0x10F51, 0x10F54), (0x10FC5, 0x10FCB), (0x11052, 0x11065), (0x111E1, 0x111F4),
    (0x1173A, 0x1173B), (0x118EA, 0x118F2), (0x11C5A, 0x11C6C), (0x11FC0, 0x11FD4), (0x12400, 0x1246E), (0x16B5B,
    0x16B61), (0x16E80, 0x16E96), (0x1D2E0, 0x1D2F3), (0x1D360, 0x1D378), (0x1E8C7, 0x1E8CF), (0x1EC71, 0x1ECAB),
    (0x1ECAD, 0x1ECAF), (0x1ECB1, 0x1ECB4), (0x1ED01, 0x1ED2D), (0x1ED2F, 0x1ED3D), (0x1F100, 0x1F10C),
)


def class_members(ranges: Iterable[tuple[int, int]]) -> str:
    """Ranges of code points (inclusive) as the members of a regular expression's character class."""
    return "".join(f"\\U{low:08x}-\\U{high:08x}" for low, high in ranges)


# Every character beyond U+FFFF, as a class's member. A class that holds a range beyond U+FFFF is checked range
# by range at every character, one within U+FFFF by a bitmap: seven times as fast over Chinese text. So a quick
# search takes this whole range with the others' parts within U+FFFF (:func:`bmp_members`), and an exact one
# looks at the ranges beyond only at a character there (:func:`astral_members`).
ASTRAL = "\\U00010000-\\U0010ffff"


def bmp_members(ranges: Iterable[tuple[int, int]]) -> str:
    """:func:`class_members` of the parts of ``ranges`` within U+FFFF."""
    return class_members((low, min(high, 0xFFFF)) for low, high in ranges if low <= 0xFFFF)


def astral_members(ranges: Iterable[tuple[int, int]]) -> str:
    """:func:`class_members` of the parts of ``ranges`` beyond U+FFFF."""
    return class_members((max(low, 0x10000), high) for low, high in ranges if high > 0xFFFF)


_SYMBOLS = class_members(_SYMBOL_RANGES)
_SYMBOL = compile_later(f"[{_SYMBOLS}]")
_BMP_SYMBOLS = bmp_members(_SYMBOL_RANGES)
# Words of a date that say a number without a numeral: a month's name, a year said from today (去年, last year).
# May and March are months only with a capital (the verbs "may" and "march" are in every other text): looked for as
# written.
DATE_WORDS = ("january february april june july august september october november december "
              "jan feb mar apr jun jul aug sep sept oct nov dec year midyear yearend").split()
CAPITAL_MONTHS = ("May", "March")


# Festivals and solar terms, days of the year by their names (春节, 国庆, 冬至, the Mid-Autumn Festival): dates, which a
# quote must name too (see quantities). Each is one number, the same in either language; the English names in capitals
# only (a national day of mourning is no National Day). 五一, 三八 and 六一 only as the holidays (五一期间; not 五一路, a
# street), 清明 alone only as the day (清明假期, 清明前后; not 政治清明, clean government).
FESTIVALS = (  # each festival's names, each beginning with a character of its own (see FESTIVAL_NAME)
    ("春节", "Spring Festival", "Chinese New Year(?!['’]s Eve)", "Lunar New Year(?!['’]s Eve)"),
    ("除夕", "Chinese New Year['’]s Eve", "Lunar New Year['’]s Eve"),
    ("元旦", "New Year['’]s Day"),
    ("元宵节", "Lantern Festival"),
    ("清明节", "清明(?=假期|期间|前后|时节|小长假|当天|之际)", "Qingming Festival", "Tomb[- ]Sweeping Day"),
    ("五一国际劳动节", "五一劳动节", "国际劳动节", "劳动节", "五一(?=假期|期间|长假|小长假|黄金周|节)", "Labou?r Day", "May Day"),
    ("端午节?", "Dragon Boat Festival"),
    ("中秋节?", "Mid-Autumn(?: Festival)?", "Moon Festival"),
    ("国庆节?", "National Day"),
    ("重阳节", "Double Ninth(?: Festival)?"),
    ("七夕节?", "Qixi(?: Festival)?"),
    ("三八国际妇女节", "三八妇女节", "国际妇女节", "妇女节", "三八节", "International Women['’]s Day", "Women['’]s Day"),
    ("六一国际儿童节", "六一儿童节", "国际儿童节", "儿童节", "六一节", "International Children['’]s Day",
     "Children['’]s Day"),
    ("教师节", "Teachers?['’]? Day"),
    # The solar terms whose names are no other word (not 雨水, rain; 小雪, light snow; 谷雨, a name; 小满; 白露); in
    # English each name in capitals, the solstices and equinoxes in lower case too
    ("立春", "Beginning of Spring"), ("惊蛰",), ("春分", "Spring Equinox", "spring equinox", "Vernal Equinox",
                                              "vernal equinox"),
    ("立夏", "Beginning of Summer"), ("芒种",), ("夏至", "Summer Solstice", "summer solstice"), ("小暑",), ("大暑",),
    ("立秋", "Beginning of Autumn"), ("处暑",),
    ("秋分", "Autumn Equinox", "autumn equinox", "Autumnal Equinox", "autumnal equinox"), ("寒露",), ("霜降",),
    ("立冬", "Beginning of Winter"), ("冬至", "Winter Solstice", "winter solstice"), ("小寒",), ("大寒",),
)
# Every name of every festival, one search: each name begins with a character of its own, so the search looks only
# at those characters (names that began with a group or a word boundary made it look everywhere: the survey of every
# text took three times as long). Which festival a name is, _EACH_FESTIVAL says.
FESTIVAL_NAME = compile_later("|".join(name + (r"\b" if name.isascii() else "")
                                       for names in FESTIVALS for name in names))
_EACH_FESTIVAL = tuple(compile_later("|".join(names)) for names in FESTIVALS)


def festival_number(text: str, match: re.Match) -> int:
    """Which of ``FESTIVALS`` (from 1) ``match``, a match of ``FESTIVAL_NAME`` in ``text``, names."""
    return next(number for number, names in enumerate(_EACH_FESTIVAL, 1)
                if (same := names.match(text, match.start())) is not None and same.end() == match.end())


# What every festival's name holds (its Traditional form too): a text without one names none. (One search for them
# all takes a third of the time of sixteen questions, one for each.)
_FESTIVAL_WORDS = compile_later("节|節|元旦|除夕|端午|中秋|国庆|國慶|七夕|五一|Day|Festival|New Year|Autumn|Qixi|Ninth"
                                "|清明|立春|惊蛰|驚蟄|春分|立夏|芒种|芒種|夏至|小暑|大暑|立秋|处暑|處暑|秋分|寒露|霜降|立冬|冬至"
                                "|小寒|大寒|quinox|olstice|Beginning of")


# A part of a year or a month said with no numeral nor 年 (岁末, 本月底, 月中旬, the end of the month, mid-month,
# month-end): a date (see quantities.PART_OF_YEAR), which a text with no other sign of a number holds too. Each
# branch begins with a literal of its own.
_PART_WITHOUT_A_NUMERAL = compile_later(r"岁末|歲末|岁尾|歲尾|月初|月中|月底|月末|月上旬|月下旬|月上、?下旬|mid-?month|month[\s-]?end"
                                        r"|(?:start|beginning|middle|end)\s+of\s+(?:the|this|last|next|that)\s+month")


def parts_without_a_numeral(text: str) -> list[re.Match]:
    """Where ``text`` (in lower case) says a part of a year or a month with no numeral (see
    ``_PART_WITHOUT_A_NUMERAL``); quick where it says none."""
    if "月" not in text and "岁" not in text and "歲" not in text and "month" not in text:
        return []
    return list(_PART_WITHOUT_A_NUMERAL.finditer(text))


def may_name_a_festival(text: str) -> bool:
    """False when ``text`` names no festival (see ``FESTIVALS``); quick."""
    return _FESTIVAL_WORDS.search(text) is not None


# Words that date a thing without a numeral: a day of the week (周三, 星期天, Wednesday), a season (2023年春季, 今年秋天,
# in the spring of 2023) and a time of day (上午, that evening, at noon). Each is a date a quote must say too (see
# quantities): they were read as nothing, so a page could date a meeting to a Wednesday morning its article never
# named. Each kind's words are numbered alike in either language (周三 and Wednesday are 3; 秋季 and fall are 3).
WEEKDAY, SEASON, TIME_OF_DAY = "day of the week", "season", "time of day"
# A part of a season (盛夏, midsummer; 深秋, late autumn: 1 its start, 2 its middle, 3 its end), said with the season:
# two claims, as 年底's year and part are (a quote's 夏季 traces the summer of 盛夏, not its middle)
PART_OF_SEASON = "part of a season"
# Chinese: one alternation of words that each begin with a character of their own, the words it is part of looked at
# from there (a search whose branches begin with a group or a class of characters tries every branch at every
# character: ten times as slow). Not 一周三次 or 两周三天 (three times a week: a numeral before 周), 每周一次, 周三个
# (a count after it), 本周日常 (daily), 周天 (a cycle); a season as 季 always but in a name (冬季奥运会, 夏季达沃斯), as
# 天 only after a year or 这个 (今年秋天, 这个夏天: 迎来发展的春天 is a metaphor, 春天般 a simile); a time of day but
# 下午茶, 晚上好 and 较早上市 (listed earlier). Read in Simplified characters (週三 and 禮拜天 folded first).
_NO_COUNT_AFTER = "(?![次个回趟遍场届名位家篇份批轮项条十百千万倍])"
_ZH_WEEKDAY = f"[一二三四五六]{_NO_COUNT_AFTER}|日(?!常){_NO_COUNT_AFTER}"
# The weekend (周末, 双休日: 8, Saturday and Sunday), a time of the week as a day of it is: not two weekends (两个周末, a
# span) nor the newspaper 南方周末
_ZH_WEEKEND = "末(?<![两三四五六七八九十几数多]个周末)(?<!南方周末)"
_ZH_SEASON_NAME = "(?:季(?!奥|运动|达沃斯)|天(?<=[年个].天)(?!般))"
# A season said with its part (see PART_OF_SEASON): its start, middle or end, or none (金秋, golden autumn). Not the
# words around that make others (年初春节: 年初 and 春节; 提早春耕; 较晚秋收), a charity's name (金秋助学) or a tea
# (早春茶); not 寒冬 or 严冬, an industry's hard times as often as winter.
_SEASON_PARTS_ZH = {"初春": 1, "早春": 1, "孟春": 1, "初夏": 1, "孟夏": 1, "初秋": 1, "早秋": 1, "孟秋": 1, "初冬": 1,
                    "孟冬": 1, "仲春": 2, "仲夏": 2, "盛夏": 2, "仲秋": 2, "隆冬": 2, "仲冬": 2, "深冬": 2,
                    "暮春": 3, "晚春": 3, "晚夏": 3, "深秋": 3, "晚秋": 3, "暮秋": 3, "残冬": 3, "晚冬": 3, "金秋": 0}
_NOT_A_SEASON_PART_AFTER = {"初": "(?<![年月]初.)", "早": "(?<![提较过趁及很最尽]早.)", "晚": "(?<![较很过太傍夜昨今当早]晚.)"}
# (one branch for each first character, its seasons a class: a branch for each word, each with its looks around,
# took 13 ms to compile, once a process)
_ZH_SEASON_PART_WORDS = "|".join(
    f"{first}[{''.join(word[1] for word in _SEASON_PARTS_ZH if word[0] == first)}]"
    f"{_NOT_A_SEASON_PART_AFTER.get(first, '')}(?!节|耕|收|茶|助学)"
    for first in dict.fromkeys(word[0] for word in _SEASON_PARTS_ZH))
_DATE_WORD_ZH = compile_later(
    f"周(?<![0-9一二两三四五六七八九十几数]周)(?:{_ZH_WEEKDAY}|{_ZH_WEEKEND})|星期(?:{_ZH_WEEKDAY}|天)"
    f"|礼拜(?:{_ZH_WEEKDAY}|天)|双休日"
    f"|春{_ZH_SEASON_NAME}|夏{_ZH_SEASON_NAME}|秋{_ZH_SEASON_NAME}|冬{_ZH_SEASON_NAME}|{_ZH_SEASON_PART_WORDS}"
    "|凌晨|早上(?![市线榜架岗好])|晚上(?![市线榜架岗好])|早晨|清晨|上午|中午|下午(?!茶)|午后|傍晚|晚间|当晚|深夜")
# What each Chinese one begins with, in either script: a text without one names none (one search, each word a
# literal of its own, spares most texts folding their Traditional characters)
_ZH_DATE_WORD_LEAD = compile_later("|".join(
    [f"{week}{day}" for week in ("周", "週", "星期", "礼拜", "禮拜") for day in "一二三四五六日天末"]
    + [f"{season}{name}" for season in "春夏秋冬鼕" for name in "季天"] + ["双休日", "雙休日"]
    + list(_SEASON_PARTS_ZH)
    + "凌晨 淩晨 早上 晚上 早晨 清晨 上午 中午 下午 午后 午後 傍晚 晚间 晚間 当晚 當晚 深夜".split()))
_WEEKDAY_NUMBERS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "日": 7, "天": 7, "末": 8, "双休日": 8,
                    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5, "saturday": 6, "sunday": 7}
_WEEKEND = 8  # (Saturday and Sunday: a time of the week of its own, which neither day alone traces)
_SEASON_NUMBERS = {"春": 1, "夏": 2, "秋": 3, "冬": 4, "spring": 1, "summer": 2, "autumn": 3, "fall": 3, "winter": 4}
# The small hours, the morning, noon, the afternoon, the evening or night (早上 and 上午 are one morning to a reader
# of English)
_TIME_NUMBERS = {"凌晨": 1, "早上": 2, "早晨": 2, "清晨": 2, "上午": 2, "中午": 3, "下午": 4, "午后": 4, "傍晚": 5,
                 "晚上": 5, "晚间": 5, "当晚": 5, "深夜": 5,
                 "morning": 2, "noon": 3, "midday": 3, "afternoon": 4, "evening": 5, "night": 5}
# English: a day of the week in capitals (the Sun is none; Mondays is a habit, not a day); a season or a time of day
# only where a date is said (in the spring, last winter, spring of 2023, Spring 2023; in the morning, that evening,
# at noon, Wednesday afternoon): a hot spring, spring water, numbers fall, morning tea and the morning paper are no
# date. Each word is searched for from its own letters (the seasons and times in the text in lower case), whole
# words only, and the words before it looked back at from there.
_DATE_WORD_EN = compile_later("monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekends?|midsummer|midwinter"
                               "|spring|summer|autumn|winter|fall|morning|afternoon|evening|night|noon|midday")
# What every English one holds: a text without one names none (a search for one of many words is slow: it tries
# them at each of the letters they begin with, which are most of a text's)
_EN_DATE_WORD_PARTS = ("day", "spring", "summer", "autumn", "winter", "fall", "morning", "evening", "night", "noon",
                       "weekend")
_EN_DATE_BEFORE = (r"\b(?:in|during|by|since|until|through|over|throughout|this|last|next|that|early|late|each|every"
                   r"|one|the same|on|yesterday|tomorrow|(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|at)")
_EN_SEASON_BEFORE = compile_later(rf"(?:{_EN_DATE_BEFORE}\s+(?:the\s+)?(?:(?:early|late|high)\s+"
                                  rf"|(?:dead|depths?|height)\s+of\s+)?|\bmid-)\Z",
                                  re.IGNORECASE)
_EN_FALL_BEFORE = compile_later(r"\b(?:in|during|this|last|next|that|by|since|until)\s+(?:the\s+)?\Z", re.IGNORECASE)
_EN_SEASON_YEAR = compile_later(r"(?:\s+of)?\s+(?:19|20)[0-9]{2}\b")  # spring of 2023, Spring 2023
# the fall of a thing that is no year is its decline or its end (the fall of epidemic restrictions, of prices), not a
# season (the fall of that year, of the same year, of '23)
_EN_FALL_OF_A_THING = compile_later(r"\s+of\s+(?!(?:the\s+)?(?:that|this|last|next|same|each|every|year|[0-9'’])"
                                    r")", re.IGNORECASE)
_EN_NOT_A_SEASON = compile_later(r"[\s-]+(?:water|rolls?|onions?|tides?|cleaning|festival|olympics|davos|games|palace"
                                 r"|and\s+autumn)\b|\s+in\b", re.IGNORECASE)
_EN_TIME_BEFORE = compile_later(rf"{_EN_DATE_BEFORE}\s+(?:the\s+)?\Z", re.IGNORECASE)
# The weekend, said as a time (on weekends, over a weekend, during one weekend) or a span of one (a weekend of work, a
# weekend-long fair): it was read only after in, on or at the, so "over a weekend" dated nothing
_EN_WEEKEND_BEFORE = compile_later(rf"{_EN_DATE_BEFORE}\s+(?:(?:the|a|one)\s+)?\Z|(?P<article>\ba\s+)\Z", re.IGNORECASE)
_EN_WEEKEND_SPAN_AFTER = compile_later(r"\s+of\b|-long\b", re.IGNORECASE)
# A time said before the event it dates, as an adjective (a morning meeting, an evening session, the autumn fair, a
# weekend forum): a date too, where an article or a possessive stands before it and a word for a gathering after it
# (not Good morning, an evening out, the morning paper, the evening meal: no event dated)
_EN_ARTICLE_BEFORE = compile_later(r"\b(?:a|an|the|its|their|his|her|our)\s+\Z", re.IGNORECASE)
_EN_EVENT_AFTER = compile_later(
    r"[\s-]+(?:meetings?|sessions?|sittings?|forums?|fora|gatherings?|talks?|lectures?|seminars?|symposi(?:um|a)"
    r"|workshops?|ceremon(?:y|ies)|receptions?|banquets?|briefings?|conferences?|rall(?:y|ies)|events?|visits?"
    r"|tours?|fairs?|exhibitions?|summits?|dialogues?|exchanges?|classes|class|courses?|training)\b", re.IGNORECASE)
# A part of a season said before it (early spring, late autumn, mid-summer, high summer, the dead of winter: see
# PART_OF_SEASON); midsummer and midwinter are one word, a season always
_EN_SEASON_PART_BEFORE = compile_later(r"\b(?:(?P<early>early)|(?P<late>late)|(?P<mid>mid-|high|the\s+(?:dead|depths?"
                                       r"|height)\s+of))\s*\Z", re.IGNORECASE)
_EN_PART_NUMBERS = {"early": 1, "mid": 2, "late": 3}
_EN_NOT_A_TIME = compile_later(r"\s+(?:tea|paper|post|star|glory|sickness|show|news|owl|shift|life|club|market)\b",
                               re.IGNORECASE)
_EN_DATE_REACH = 24  # characters back from the word: "throughout the early " fits


@dataclass(frozen=True)
class DateWord:
    """A word that dates a thing without a numeral (see ``WEEKDAY``): its place, its kind and its number."""

    start: int
    end: int
    text: str
    kind: str
    value: int


def date_words(text: str, lowered: str | None = None) -> list[DateWord]:
    """The days of the week, seasons and times of day ``text`` names, in either language (see ``WEEKDAY``);
    ``lowered`` is ``caseless(text)`` where the caller has it. (Most texts name none: each search is asked once
    before a list is made.)"""
    found = []
    chinese = not text.isascii()
    if chinese and (lead := _ZH_DATE_WORD_LEAD.search(text)) is not None:
        found = [word for match in _DATE_WORD_ZH.finditer(fold_traditional(text), lead.start())
                 for word in _zh_date_words(text, match)]
    lowered = caseless(text) if lowered is None else lowered
    if any(word in lowered for word in _EN_DATE_WORD_PARTS) and (first := _DATE_WORD_EN.search(lowered)) is not None:
        found += [word for match in _DATE_WORD_EN.finditer(lowered, first.start()) if _a_whole_word(lowered, match)
                  for word in _en_date_words(text, match)]
    return found


def _en_date_words(text: str, match: re.Match) -> list[DateWord]:
    """What a match of ``_DATE_WORD_EN`` (found in ``text`` in lower case) says where it stands: nothing, one word,
    or a season and its part (late autumn: late the end, autumn the season)."""
    word = match.group()
    start, end = match.start(), match.end()
    if word in ("midsummer", "midwinter"):
        shown = text[start:end]
        return [DateWord(start, start + 3, shown, PART_OF_SEASON, 2),
                DateWord(start + 3, end, shown, SEASON, _SEASON_NUMBERS[word[3:]])]
    kind = _en_date_word(text, match)
    if not kind:
        return []
    value = (_WEEKEND if word.startswith("weekend") else _WEEKDAY_NUMBERS.get(word) or _SEASON_NUMBERS.get(word)
             or _TIME_NUMBERS[word])
    said = DateWord(start, end, text[start:end], kind, value)
    if kind != SEASON or (part := _EN_SEASON_PART_BEFORE.search(text, max(0, start - _EN_DATE_REACH), start)) is None:
        return [said]
    return [DateWord(*part.span(part.lastgroup), part.group(part.lastgroup).strip(" -"), PART_OF_SEASON,
                     _EN_PART_NUMBERS.get(part.lastgroup, 2)), said]


def _zh_date_words(text: str, match: re.Match) -> list[DateWord]:
    """What a match of ``_DATE_WORD_ZH`` in ``text`` (folded) says: one word, or a season and its part (盛夏: 盛
    the middle, 夏 the summer; both shown as the word)."""
    start, end, word = match.start(), match.end(), match.group()
    shown = text[start:end]
    if word in _SEASON_PARTS_ZH:
        season = DateWord(start + 1, end, shown, SEASON, _SEASON_NUMBERS[word[1]])
        if not _SEASON_PARTS_ZH[word]:
            return [season]  # (金秋: autumn, no part of it)
        return [DateWord(start, start + 1, shown, PART_OF_SEASON, _SEASON_PARTS_ZH[word]), season]
    if word[0] in "周星礼双":
        return [DateWord(start, end, shown, WEEKDAY, _WEEKDAY_NUMBERS.get(word) or _WEEKDAY_NUMBERS[word[-1]])]
    if word in _TIME_NUMBERS:
        return [DateWord(start, end, shown, TIME_OF_DAY, _TIME_NUMBERS[word])]
    return [DateWord(start, end, shown, SEASON, _SEASON_NUMBERS[word[0]])]


def _a_whole_word(text: str, match: re.Match) -> bool:
    """Whether ``match`` is a word of ``text``, no part of one (springboard, Mid-Autumn, a sunday school's
    Sunday is one: its capital decides)."""
    return not ((match.start() and text[match.start() - 1].isalpha())
                or (match.end() < len(text) and text[match.end()].isalpha()))


def _en_date_word(text: str, match: re.Match) -> str:
    """The kind of date ``match`` (of ``_DATE_WORD_EN``, found in ``text`` in lower case) says where it stands in
    ``text``, or "" (none: the Sun, a hot spring, the fall in exports, morning tea)."""
    if match.group() in _WEEKDAY_NUMBERS:
        return WEEKDAY if text[match.start()].isupper() else ""
    start, word = match.start(), match.group()
    window = max(0, start - _EN_DATE_REACH)
    if (_EN_EVENT_AFTER.match(text, match.end()) is not None
            and _EN_ARTICLE_BEFORE.search(text, window, start) is not None):
        # (a morning meeting, a summer seminar, a weekend forum)
        return WEEKDAY if word.startswith("weekend") else SEASON if word in _SEASON_NUMBERS else TIME_OF_DAY
    if word.startswith("weekend"):
        before = _EN_WEEKEND_BEFORE.search(text, window, start)
        if before is None:
            return ""
        return WEEKDAY if not before["article"] or _EN_WEEKEND_SPAN_AFTER.match(
            text, match.end()) is not None else ""  # (a weekend alone, after no word of time: a weekend job)
    if word in _SEASON_NUMBERS:
        if _EN_SEASON_YEAR.match(text, match.end()) is not None:
            return SEASON
        if _EN_NOT_A_SEASON.match(text, match.end()) is not None:
            return ""
        if word == "fall" and _EN_FALL_OF_A_THING.match(text, match.end()) is not None:
            return ""
        before = _EN_FALL_BEFORE if word == "fall" else _EN_SEASON_BEFORE
        return SEASON if before.search(text, window, start) is not None else ""
    if _EN_NOT_A_TIME.match(text, match.end()) is not None:
        return ""
    return TIME_OF_DAY if _EN_TIME_BEFORE.search(text, window, start) is not None else ""


_NUMBER_WORDS = word_trie([word + suffix for word in [*_EN_SMALL, *_EN_TENS, *_EN_SCALES]
                           for suffix in ("", "fold", "s", "ish")])
_OTHER_NUMBER_WORDS = word_trie({"twice", "thrice", "halved", "halving", *_EN_MULTIPLE_ADJECTIVES, *_EN_PHRASE_WORDS,
                                 *_EN_FRACTION_WORDS,
                                 *_EN_ORDINAL_WORDS, *_EN_DECADE_WORDS, *DATE_WORDS})
# "first" and "second" are a rank only in these (the first time, first-ever, the second-largest, the first meeting,
# ranked first: see EN_ORDINAL and quantities): the words alone are in too many texts to send each to the slow search
_EN_RANK = compile_later(rf"(?<![a-z])(?:first[\s-]+(?:time|ever)|{_first_second('')})(?![a-z])")
# double-digit, single digits: a number of digits (see _EN_DIGITS_LONG) without a number word
_EN_DIGITS_WORD = compile_later(r"(?<![a-z])(?:single|double|triple)(?=[\s-]+digits?(?![a-z]))")
_NUMBER_START = compile_later(rf"\d+(?:[.,．，]\d+)*|[{ZH_NUMERALS}]+|(?<![a-z]){_NUMBER_WORDS}(?![a-z])"
                           rf"|{_EN_DIGITS_WORD.pattern}|[个個]位[数數]"
                           rf"|(?<![a-z]){_OTHER_NUMBER_WORDS}(?![a-z])|{_EN_RANK.pattern}|(?<![a-z]){_EN_ONCE}"
                           rf"|(?-i:{_MAY_BE_ROMAN.pattern})|年[初中底末尾终終关關]?|倍|半|首|初次|翻了?番"
                           rf"|(?<![a-z])(?-i:{'|'.join(CAPITAL_MONTHS)})(?![a-z])|{_FORMAL_BESIDE}"
                           rf"|[{_BMP_SYMBOLS}]"
                           rf"|(?=[{ASTRAL}])[{astral_members(_SYMBOL_RANGES)}]", re.IGNORECASE)
# (年 with the character after it that may name a part of the year, 年底: the part's claim stands on that character,
# the year's on 年; see quantities._parts_of_years)
# The quick tests' classes: any character beyond U+FFFF is taken for a possible number (few texts have one;
# the exact search then decides).
_MAY_BE_NUMERAL = compile_later(rf"[\d{ZH_NUMERALS}年倍半首初番{_BMP_SYMBOLS}{ASTRAL}]")  # (年: 去年 says a year; 倍: 翻倍;
# 半数; 首: 首次, a rank; 番: 翻番)
_MAY_BE_SYMBOL = compile_later(rf"[{_BMP_SYMBOLS}{ASTRAL}]")
_EN_WORD_SET = frozenset([*_EN_SMALL, *_EN_TENS, *_EN_SCALES, "twice", "thrice", "halved", "halving", *_EN_MULTIPLE_ADJECTIVES,
                          *(f"{scale}s" for scale in _EN_SCALES), *_EN_DECADE_WORDS, *_EN_PHRASE_WORDS, *DATE_WORDS,
                          *_EN_FRACTION_WORDS, *_EN_ORDINAL_WORDS,
                          *(f"{word}{suffix}" for word in [*_EN_SMALL, *_EN_TENS, *_EN_SCALES]
                            for suffix in ("fold", "ish"))])
_LETTERS = compile_later("[a-z]+")
_EN_ONCE_FOUND = compile_later(rf"(?<![a-z]){_EN_ONCE}")
_ASCII_DIGIT = compile_later("[0-9]")


_AS_WRITTEN = compile_later("(?s).+")  # (matched between two places: the text between them)
# "first" or "second" at either end of a run of text: a link's or emphasis's edge may part it from the words that make
# it a rank (the [first](cite:…) meeting, the **second** batch, ranked [first](cite:…)), so the run is kept, to be read
# in the words around it (the words alone are no number: each passed untraced, or traced by a quote's 第二季度)
_RANK_OPENS = compile_later(r"(?<![\W_])[\W_]*(?P<word>first|second)(?![a-z])", re.IGNORECASE)  # (matched at the
# text's start; from the first of a run of marks, as a search along a long run tried every start of it)
_RANK_ENDS = compile_later(r"(?<![a-z])(?P<word>first|second)[\W_]*\Z", re.IGNORECASE)
_RANK_ENDS_REACH = len("second") + 8
# The quick test's: such a word at an end of a line too, where any_may_hold_numbers joins texts
_RANK_BY_AN_EDGE = compile_later(r"(?:\A|\n)[^\w\n]*(?:first|second)(?![a-z])"
                                 r"|(?<![a-z])(?:first|second)[^\w\n]*(?:\n|\Z)", re.IGNORECASE)


def _ranks_at_the_edges(text: str) -> list[re.Match]:
    """Each "first" or "second" that opens or ends ``text`` (see ``_RANK_OPENS``), as a match of the word alone."""
    found = []
    for match in (_RANK_OPENS.match(text), _RANK_ENDS.search(text, max(0, len(text) - _RANK_ENDS_REACH))):
        if match is not None and (not found or found[0].start() != match.start("word")):
            found.append(_AS_WRITTEN.match(text, match.start("word"), match.end("word")))
    return found


def digit_runs(text: str) -> list[re.Match]:
    """The places in ``text`` where a number may stand (digits of any script, Chinese numerals, number words,
    numeric symbols): the text around them is kept for the traceability check."""
    if not may_hold_numbers(text):  # most runs of text: the quick test spares them the slow search
        return []
    found = list(_NUMBER_START.finditer(text))
    lowered = caseless(text)
    if ("first" in lowered or "second" in lowered) and (
            edges := [edge for edge in _ranks_at_the_edges(text)
                      if not any(run.start() < edge.end() and edge.start() < run.end() for run in found)]):
        found = sorted(found + edges, key=lambda match: match.start())  # (the [first](…) meeting: see _RANK_OPENS)
    if may_name_a_festival(text):  # 国庆, National Day: a date, looked for apart (see FESTIVAL_NAME); in
        # Traditional characters too (國慶), each match then made again of the text as written, which callers look for
        folded = fold_traditional(text)
        festivals = [match if folded is text else _AS_WRITTEN.match(text, match.start(), match.end())
                     for match in FESTIVAL_NAME.finditer(folded)]
        found = sorted(found + festivals, key=lambda match: match.start())
    if words := date_words(text, lowered):  # 周三, 上午, in the spring: dates without a numeral (see WEEKDAY)
        found = sorted(found + [_AS_WRITTEN.match(text, word.start, word.end) for word in words],
                       key=lambda match: match.start())
    if parts := parts_without_a_numeral(lowered):  # 月底, the end of the month (the same places in lower case)
        found = sorted(found + [_AS_WRITTEN.match(text, *part.span()) for part in parts],
                       key=lambda match: match.start())
    if any(span in lowered for span in _EN_ONE_SPAN_WORDS):  # a time said without a numeral (more than a month)
        spans = [match for match in qualified_spans(text, lowered)
                 if not any(run.start() < match.end() and match.start() < run.end() for run in found)]
        found = sorted(found + spans, key=lambda match: match.start()) if spans else found
    return found


def any_may_hold_numbers(texts: list[str]) -> bool:
    """Whether :func:`may_hold_numbers` is true of any of ``texts``, asked once of them all.

    Exactly so, for it looks at one character at a time (digits, numerals,
    case folding) and at runs of letters, and the line break that joins the
    texts is neither: joining them can neither make a number nor break one.
    """
    return may_hold_numbers("\n".join(texts))


def may_hold_numbers(text: str) -> bool:
    """False when ``text`` has no place where a number may stand (most titles and labels): nothing to read.

    True wherever :data:`_NUMBER_START` would find one, and sometimes where it
    would not; ten times as fast (a search for one of many words is slow).
    """
    if "May" in text or "March" in text:
        return True
    if ("I" in text or "X" in text or "V" in text or "C" in text or "L" in text) and (  # (not any(): 10 % slower)
            _MAY_BE_ROMAN.search(text) is not None):
        return True  # Phase II, Article CC
    if text.isascii():
        words = text.lower()
        if _ASCII_DIGIT.search(text) is not None:
            return True
    else:
        if _MAY_BE_NUMERAL.search(text) is not None:
            return True
        if ("伍" in text or "陆" in text or "陸" in text or "參" in text) and _FORMAL_NUMERALS.search(text) is not None:
            return True  # 伍陆家: five or six, in the numerals of cheques
        if "个位数" in text or "個位數" in text:
            return True  # 个位数增长: single-digit growth
        words = caseless(text)  # as IGNORECASE matches: "ſix" is "six"
    if not _EN_WORD_SET.isdisjoint(_LETTERS.findall(words)):
        return True
    if any(span in words for span in _EN_ONE_SPAN_WORDS) and qualified_spans(words, words):
        return True  # more than a month
    if "digit" in words and _EN_DIGITS_WORD.search(words) is not None:
        return True  # double-digit growth
    if "once" in words and _EN_ONCE_FOUND.search(words) is not None:
        return True  # once a year
    if ("first" in words or "second" in words) and (_EN_RANK.search(words) is not None
                                                    or _RANK_BY_AN_EDGE.search(words) is not None):
        return True  # the first time; the [first](…) meeting, whose next word is outside the link
    if may_name_a_festival(text) and FESTIVAL_NAME.search(fold_traditional(text)) is not None:
        return True  # 国庆
    return bool(date_words(text, words)) or bool(parts_without_a_numeral(words))  # 周三, 上午, in the spring; 月底


def numeric_symbols(text: str) -> list[tuple[int, str]]:
    """Characters that are a number by themselves but no digit (``²``, ``⑩``, ``㊾``, ``Ⅸ``, ``½``): the
    number readers cannot read them, so where a reader sees them they are refused. ``〇`` is a Chinese numeral."""
    if _MAY_BE_SYMBOL.search(text) is None:  # most texts: the quick search spares them the slow one
        return []
    return [(match.start(), match.group()) for match in _SYMBOL.finditer(text) if match.group() not in "²³"
            or _UNIT_BEFORE_POWER.search(text, max(0, match.start() - 3), match.start()) is None]


# km², m³: a unit squared or cubed (a power, which no reader takes for a number of its own): 12 km² is twelve.
_UNIT_BEFORE_POWER = compile_later(r"(?<![A-Za-z])(?:[kcdm]?m|ft|in|mi|yd|米)\Z")


# --- a number cut in two ----------------------------------------------------
#
# Text checked in pieces (a link's text apart from what follows it, a string apart from the number put in it) may
# show readers one number where each piece holds a part: 49 then 万 is 49万, 超过 then 49 is 超过49.

@dataclass(frozen=True)
class Cut:
    """The number that ``before`` and ``after`` show as one: its part in each; ``ends``: it is ``before``'s last
    number that runs on (else ``after``'s first that is led into)."""

    before: str
    after: str
    ends: bool

    @property
    def shown(self) -> str:
        return (self.before + self.after).strip()


_EN_WORD_BUT_ONE = "(?!one\\b)" + _EN_WORD  # a lone "one" is no number ("one of the levers")
_ENDS_IN_NUMBER = compile_later(rf"(?:\d|[{ZH_NUMERALS}]|-one|\b{_EN_WORD_BUT_ONE}(?:fold)?)\Z", re.IGNORECASE)
_STARTS_WITH_NUMBER = compile_later(rf"\s*(?:\d|[{ZH_NUMERALS}]|{_EN_WORD_BUT_ONE}\b)", re.IGNORECASE)
# (after a number, only a scale, a percent or a hyphen's second part carries it on: "49 chambers" does not)
_CARRIES_ON = compile_later(rf"(?:\d|[.,．]\d|[{ZH_NUMERALS}%％‰余多成倍]|\s*(?:hundred|thousand|million|billion|trillion"
                         rf"|dozen|per ?cent|percent|pct)\b|\s*-\s*(?:{_EN_WORD}|fold|plus|odd|per ?cent|percent)\b"
                         rf"|fold\b|pc\b|\+"
                         r"|\s+or (?:more|so)\b|(?:k|m|bn)\b|\s[%％‰])", re.IGNORECASE)  # (49 %: a percent too)
# A qualifier after the measure word: [49个](…)以上, [8](…)家左右.
_QUALIFIED_AFTER = compile_later(r"(?:[%s])?(?:以上|以下|以内|左右|出头)" % "".join(MEASURE_WORDS))
_ENDS_IN_COUNT = compile_later(rf"(?:\d|[{ZH_NUMERALS}])(?:[{''.join(MEASURE_WORDS)}])?\Z")
# Before a number: a qualifier (超 and 约 even after another character: 护航约[49个] shows 约49个; 签约 then takes the
# link's words in), 第, 百分之, or more digits. Not English words that are prepositions as often (about, over,
# under: "talks about [49 chambers]").
_LEADS_IN = compile_later(rf"(?:\d[.,．]?|[{ZH_NUMERALS}]|超过|超出|逾|将近|接近|大约|约有|约为|约占|不到|不足|少于|至少|最多"
                       r"|第|百分之|" + _NOT_OVER + "超|" + _NOT_NEARLY + "近|" + _NOT_ABOUT + "约"
                       r"|\b(?:more than|upwards of|nearly|almost|fewer than|less than|up to|at least|at most"
                       r"|no more than|no fewer than|as many as|roughly|approximately)\s+)\Z", re.IGNORECASE)
_DIGITS_AFTER = compile_later(rf"(?:[\d%％‰{ZH_NUMERALS}]|[.,．](?=\d))*")  # the rest of the number, to show it whole


# A number in words cut between two of its words (forty-|nine, four hundred and |fifty), where English reads the
# words on both sides as one number (find_numbers_en: not two |three-day meetings, two numbers): 'nine chambers'
# quoted of 'forty-nine chambers' was found, and traced a page's 'nine chambers'.
_EN_NUMBER_WORDS = frozenset((*_EN_SMALL, *_EN_TENS, *_EN_SCALES))
_WORDS_REACH = 60  # characters either side read for the number cut: a number in words, a qualifier and its noun
_WORD_JOINS = ("-", " ")
_LONGEST_JOIN = len("seventeen and ") + 1  # (the last word, with "and" after it, and the character before it)


def _ends_in_a_number_word(before: str, after: str) -> bool:
    """Whether ``before`` ends in a number word and a hyphen, a space or "and", and ``after`` begins with a letter:
    where a number in words may be cut (asked at every edge of every link: a regular expression searched back
    from there doubled number_cut's time)."""
    if before[-1:] not in _WORD_JOINS or not after[:1].isalpha() or not after[:1].isascii():
        return False
    words = before[-_LONGEST_JOIN:].replace("-", " ").lower().split()
    if words and words[-1] == "and" and before[-1] == " ":
        words.pop()
    return bool(words) and words[-1] in _EN_NUMBER_WORDS


def _cut_in_words(before: str, after: str) -> Cut | None:
    """The number in words that runs on from the end of ``before`` into ``after`` (see ``_EN_WORD_BEFORE``)."""
    joined = before[-_WORDS_REACH:] + after[:_WORDS_REACH]
    edge = min(len(before), _WORDS_REACH)
    for number in find_numbers_en(joined):
        if number.start < edge < number.end:
            return Cut(joined[number.start:edge], joined[edge:number.end], True)
    return None


def number_cut(before: str, after: str) -> Cut | None:
    """The number readers see run on from the end of ``before`` into the start of ``after``, or None: a
    magnitude, a percent sign, 余 or more digits after a number, or a qualifier, 第 or more digits before one.
    A measure word or a currency is no part of a number's value (49 then 个 is fine)."""
    tail = max(0, len(before) - 16)  # the longest lead-in or number word fits: no need to search all of it
    carries = _CARRIES_ON.match(after)
    ends = carries and _ENDS_IN_NUMBER.search(before, tail)
    if not ends and (qualified := _QUALIFIED_AFTER.match(after)) and (counted := _ENDS_IN_COUNT.search(before, tail)):
        carries, ends = qualified, counted
    head, rest = (ends, carries) if ends else (None, None)
    if not ends:
        starts = _STARTS_WITH_NUMBER.match(after)
        leads = starts and _LEADS_IN.search(before, tail)
        if not leads:
            return _cut_in_words(before, after) if _ends_in_a_number_word(before, after) else None
        head, rest = leads, starts
    start = head.start()
    while start and (before[start - 1].isdecimal() or before[start - 1] in ZH_NUMERALS
                     or (before[start - 1] in ".,．" and before[start:start + 1].isdecimal())):
        start -= 1  # (back over the rest of the number, to show it whole)
    left = before[start:]
    right = after[:_DIGITS_AFTER.match(after, rest.end()).end()]
    return Cut(left, right, bool(ends))
