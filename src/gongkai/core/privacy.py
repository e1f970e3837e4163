"""The personal-data guard: find ID numbers, phone numbers, bank cards, e-mail addresses and the
names next to them in text that is about to be published, and offer their masked forms.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from .uscc import uscc_problem


class Kind:
    ID_NUMBER = "id_number"
    MOBILE = "mobile"
    LANDLINE = "landline"
    BANK_CARD = "bank_card"
    EMAIL = "email"
    NAME = "name"
    POSSIBLE_ID = "possible_id"
    ADDRESS = "address"


NUMBER_KINDS = frozenset({Kind.ID_NUMBER, Kind.POSSIBLE_ID, Kind.MOBILE, Kind.LANDLINE, Kind.BANK_CARD})

KIND_LABELS = {
    Kind.ID_NUMBER: "居民身份证号码",
    Kind.MOBILE: "手机号码",
    Kind.LANDLINE: "固定电话号码",
    Kind.BANK_CARD: "银行卡号",
    Kind.EMAIL: "电子邮箱",
    Kind.NAME: "姓名",
    Kind.POSSIBLE_ID: "可能的身份证号",
    Kind.ADDRESS: "住址",
}


@dataclass(frozen=True)
class Finding:
    kind: str
    start: int
    end: int
    excerpt: str

    @property
    def masked(self) -> str:
        return mask(self.kind, self.excerpt)

    @property
    def digest(self) -> str:
        """Identify the finding by what it found, so a decision survives edits elsewhere in the text."""
        return hashlib.sha256(f"{self.kind}:{self.excerpt}".encode()).hexdigest()

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    def as_dict(self) -> dict[str, object]:
        return {"kind": self.kind, "start": self.start, "end": self.end, "excerpt": self.excerpt}


_ID = re.compile(r"(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}[01]\d[0-3]\d\d{3}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<![\d])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![\d])")
_LANDLINE = re.compile(r"(?<![\d-])(?:\(0\d{2,3}\)|（0\d{2,3}）|0\d{2,3}[-－ ])\d{7,8}(?![\d])")
_BANK = re.compile(  # in one run or in fours; not the digits of a longer code
    r"(?<![0-9A-Za-z])(?:[3-6]\d{15,18}|[3-6]\d{3}(?: \d{4}){3}(?: \d{1,3})?)(?![0-9A-Za-z])"
)
_EMAIL = re.compile(r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
# A name after a cue word. Cues naming the person a text is about (申请人, 户主, 补助对象 …) make the
# name personal wherever it stands; cues naming a role (联系人, 经办人 …) often name an official at a
# public telephone, so their name counts only next to other personal data in its sentence. The name
# itself is a surname and one to three characters up to a stop or, failing that, the segmenter's
# person-name word (rjieba's `nr` tags) or a surname word and the word after it (`_name_at`).
_SUBJECT_CUES = (
    "姓名|被申请人|申请人|当事人|户主|补助对象|救助对象|保障对象|受助人|举报人|投诉人|委托人|监护人"
    "|领取人|申报人|承租人|被征收人"
)
_CUE = re.compile(rf"(?:({_SUBJECT_CUES})|联系人|法定代表人|负责人|收件人|经办人)[:：\s]*")
_NAME_RUN = re.compile(r"[\u4e00-\u9fa5·]{2,4}(?=[，,。；;、\s(（)）:：]|$)")
# A home address after its cue word, up to the next stop.
_ADDRESS = re.compile(
    r"(?:家庭住址|现住址|居住地址|户籍地址|户籍所在地|住址|家住|现住|居住地|居住于|居住在)[:：\s]*[在于]?"
    r"([\u4e00-\u9fa5\dA-Za-z#\-－—·]{3,40})(?=[，,。；;、\s(（)）]|$)"
)
# It must end as a home does (a house number, a 组 or 室, a village or estate), and not be prose
# such as 户籍所在地乡镇人民政府提出申请.
_ADDRESS_END = re.compile(
    r"(?:[\d一二三四五六七八九十]+(?:号|组|室|栋|单元|楼|户|排)?|号院|村|社区|小区|庄|屯|苑|花园|家园)$"
)
_NOT_ADDRESS = re.compile(r"政府|机关|部门|单位|申请|办理|提出|所在|某")
_PROVINCE = re.compile(r"1[1-5]|2[1-3]|3[1-7]|4[1-6]|5[0-4]|6[1-5]|71|8[12]")  # an ID's first two digits
_COMPOUND_SURNAMES = frozenset(
    {"欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "夏侯", "司徒"}
)
# Citizens' own words (comments on drafts, messages) name people without a form's labels: "我叫王秀英",
# "邻居张三". With `people=True` a common surname and one or two characters after such a cue word are a
# name wherever they stand, not only next to a number. The surnames are the ~300 most common ones.
_SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向"
    "汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕"
    "单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦"
    "褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明"
    "佘池查麻苑迟邝"
)
_PERSON = re.compile(
    r"(?:我叫|本人|名叫|叫做|邻居|村民|居民|业主|老人|家属|丈夫|妻子|爱人|儿子|女儿|父亲|母亲|哥哥|姐姐|弟弟|妹妹"
    r"|同事|工人|司机|老板|店主|村长|组长|会计)[:：\s]*"
    rf"([{_SURNAMES}][\u4e00-\u9fa5]{{1,2}}?)(?=[，,。；;、！!？?\s(（:：的家在说是和与也都反认建提表称讲问告找去来被让给向跟对要想住买卖今昨曾已]|$)"
)
_SURNAME_SET = frozenset(_SURNAMES)
_NOT_GIVEN = frozenset({"x", "uj", "ul", "uz", "ug", "uv", "p", "c", "d", "m", "r", "f", "q", "y", "e", "o"})
# The tags rjieba gives a surname standing alone (黄/a, 谢/v, 余/m, 郑/ns, 段/q, 莫/d); not p (向, 于), which
# would take 申请人向法院 for a name.
_SURNAME_TAGS = frozenset({"nr", "n", "ng", "ns", "a", "v", "m", "q", "d", "zg", "j"})
_CJK = re.compile(r"[\u4e00-\u9fa5]+")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
NAME_WINDOW = 30
_STOP = re.compile(r"[。；;！!？?\n]")


def id_number_valid(value: str) -> bool:
    """Return whether VALUE is an 18-digit 居民身份证号码 with a real birth date and check digit."""
    if len(value) != 18:
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    if born.year < 1900:
        return False
    total = sum(int(c) * w for c, w in zip(value[:17], _ID_WEIGHTS, strict=True))
    return "10X98765432"[total % 11] == value[17].upper()


def id_number_possible(value: str) -> bool:
    """Return whether VALUE looks like a 居民身份证号码 (a province's code, a real birth date) but fails
    its check digit: a mistyped or altered ID number is still one, so it is flagged, not ignored.
    A valid 统一社会信用代码 is not one."""
    if len(value) != 18 or not _PROVINCE.fullmatch(value[:2]) or id_number_valid(value):
        return False
    try:
        born = date(int(value[6:10]), int(value[10:12]), int(value[12:14]))
    except ValueError:
        return False
    return born.year >= 1900 and uscc_problem(value.upper()) is not None


def luhn_valid(digits: str) -> bool:
    total = 0
    for i, c in enumerate(reversed(digits)):
        n = int(c)
        if i % 2:
            n = n * 2 - 9 if n > 4 else n * 2
        total += n
    return total % 10 == 0


_NON_DIGIT = re.compile(r"\D")
# Full-width digits and signs (１３８…, －, ＠) are read as their ASCII forms, one character for one,
# so a finding's place is its place in the text as written.
_HALF_WIDTH = str.maketrans(
    {**{chr(0xFF10 + i): str(i) for i in range(10)}, "Ｘ": "X", "ｘ": "x", "＋": "+", "＠": "@", "．": "."}
)


def _digits(text: str) -> str:
    return _NON_DIGIT.sub("", text)


def key(kind: str, excerpt: str) -> str:
    """What a finding is compared by: a number's digits, anything else lower-case."""
    excerpt = excerpt.translate(_HALF_WIDTH)
    return _digits(excerpt) if kind in NUMBER_KINDS else excerpt.lower()


class Allowed(frozenset[str]):
    """Public numbers and addresses in the form the scan compares them (digits; e-mails lower-case),
    made once for many scans."""

    @classmethod
    def of(cls, values: Iterable[str]) -> Allowed:
        if isinstance(values, Allowed):
            return values
        half = (v.translate(_HALF_WIDTH) for v in values if v)
        return cls(v.lower() if "@" in v else _digits(v) or v.lower() for v in half)


def scan(text: str, *, allow: Iterable[str] = (), people: bool = False) -> list[Finding]:
    """Return the personal data found in TEXT, in order; ALLOW lists public numbers and addresses
    (units' office phones and e-mails) that are not personal data; PEOPLE also finds names after the
    cue words of citizens' own words (`_PERSON`), for comments and messages. Linear in the number of matches:
    a character taken by a finding is marked, and a name's nearness to a number is looked up by
    bisection, not by comparing with every finding."""
    if not text:
        return []
    original, text = text, text.translate(_HALF_WIDTH)
    allowed: Allowed | None = None  # built on the first candidate: most texts have none
    findings: list[Finding] = []
    taken = bytearray(len(text))  # 1 where a finding already covers the character

    def add(kind: str, match: re.Match[str] | _Span, group: int = 0) -> None:
        nonlocal allowed
        start, end = match.span(group)
        if 1 in taken[start:end]:
            return
        excerpt = original[start:end]
        if allowed is None:
            allowed = Allowed.of(allow)
        if key(kind, excerpt) in allowed:
            return
        taken[start:end] = b"\x01" * (end - start)
        findings.append(Finding(kind, start, end, excerpt))

    for m in _ID.finditer(text):
        if id_number_valid(m.group()):
            add(Kind.ID_NUMBER, m)
        elif id_number_possible(m.group()):
            add(Kind.POSSIBLE_ID, m)
    for m in _BANK.finditer(text):
        digits = _digits(m.group())
        if luhn_valid(digits) and (len(m.group()) != 18 or uscc_problem(digits) is not None):
            add(Kind.BANK_CARD, m)
    for m in _MOBILE.finditer(text):
        add(Kind.MOBILE, m)
    for m in _LANDLINE.finditer(text):
        add(Kind.LANDLINE, m)
    for m in _EMAIL.finditer(text):
        add(Kind.EMAIL, m)
    for m in _ADDRESS.finditer(text):
        if _ADDRESS_END.search(m.group(1)) and not _NOT_ADDRESS.search(m.group(1)):
            add(Kind.ADDRESS, m, 1)
    personal = sorted((f.start, f.end) for f in findings if f.kind != Kind.LANDLINE)
    for m in _CUE.finditer(text):
        name = _name_at(text, m.end())
        if name is not None and (m.group(1) or _beside(text, personal, name.start, name.end)):
            add(Kind.NAME, name)
    if people:
        for m in _PERSON.finditer(text):
            add(Kind.NAME, m, 1)
    return sorted(findings, key=lambda f: f.start)


class _Span:
    """A name's place in the text, shaped as `add` takes a match."""

    def __init__(self, text: str, start: int, end: int) -> None:
        self.text, self.start, self.end = text, start, end

    def span(self, group: int = 0) -> tuple[int, int]:
        return self.start, self.end

    def group(self, group: int = 0) -> str:
        return self.text[self.start : self.end]


def _name_at(text: str, at: int) -> _Span | None:
    """Return the person's name that begins at AT, if one does: a surname and one to three characters
    up to a stop, else the segmenter's person-name word (or a surname word and the word after it).
    A name with 某 is already anonymous."""
    run = _NAME_RUN.match(text, at)
    name = run.group() if run and _has_surname(run.group()) else _name_in(_jieba().tag(text[at : at + 8]))
    return _Span(text, at, at + len(name)) if name and "某" not in name else None


def _name_in(words: list[tuple[str, str]]) -> str:
    if not words:
        return ""
    (first, tag), rest = words[0], words[1:]
    surname = first in _COMPOUND_SURNAMES or (
        len(first) == 1 and first in _SURNAME_SET and tag in _SURNAME_TAGS
    )
    if (
        surname
        and rest
        and len(rest[0][0]) <= 2
        and rest[0][1] not in _NOT_GIVEN
        and _CJK.fullmatch(rest[0][0])
    ):
        return first + rest[0][0]
    if tag.startswith("nr") and 2 <= len(first) <= 4 and _has_surname(first):
        return first
    return ""


def _has_surname(name: str) -> bool:
    return name[0] in _SURNAME_SET or name[:2] in _COMPOUND_SURNAMES


def _jieba() -> Any:
    import rjieba  # imported on first use: its dictionary costs 0.2 s to load

    return rjieba


def _beside(text: str, spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of the sorted SPANS lies within NAME_WINDOW characters of START…END in the same
    sentence: an official's name before a public number does not become personal because the next
    sentence holds somebody's phone."""
    i = bisect.bisect_left(spans, (end, end))
    if i < len(spans) and spans[i][0] - end <= NAME_WINDOW and not _STOP.search(text, end, spans[i][0]):
        return True
    if i > 0:
        before = max(s[1] for s in spans[max(0, i - 3) : i])
        return start - before <= NAME_WINDOW and not _STOP.search(text, min(before, start), start)
    return False


def mask(kind: str, value: str) -> str:
    """Return the masked form the guard offers, e.g. 1426**********1234 for an ID number."""
    if kind in (Kind.ID_NUMBER, Kind.POSSIBLE_ID, Kind.BANK_CARD):
        return value[:4] + "*" * (len(value) - 8) + value[-4:]
    if kind == Kind.MOBILE:
        digits = _digits(value)[-11:]
        return digits[:3] + "****" + digits[-4:]
    if kind == Kind.LANDLINE:
        return value[:-4] + "****"
    if kind == Kind.EMAIL:
        local, _, domain = value.partition("@")
        return local[:1] + "***@" + domain
    if kind == Kind.NAME:
        return (
            value[0] + "*" * (len(value) - 1)
            if len(value) == 2
            else value[0] + "*" * (len(value) - 2) + value[-1]
        )
    if kind == Kind.ADDRESS:  # the village or street stays, the house goes: 东关村3组12号 → 东关村*****
        keep = max(value.rfind(c) for c in "省市县区镇乡村路街") + 1
        if not 0 < keep < len(value):  # no place word, or nothing after it (东关村 → 东关*)
            keep = min(2, len(value) - 1)
        return value[:keep] + "*" * (len(value) - keep)
    raise ValueError(f"unknown finding kind {kind!r}")


def shown_person_name(name: str) -> str:
    """A natural person's name in a public record as the configured rule shows it
    (`GONGKAI_PERSON_NAME_DISPLAY`: `mask` 张*明 by default, `full`, or `hide` as 自然人)."""
    from django.conf import settings

    rule = settings.PERSON_NAME_DISPLAY
    if rule == "full":
        return name
    if rule == "hide" or len(name) < 2:
        return "自然人"
    return mask(Kind.NAME, name)


def redact(text: str, findings: Iterable[Finding]) -> str:
    """Return TEXT with every occurrence of the findings' excerpts replaced by their masked forms
    (a name found next to a number is masked wherever else it occurs too). Findings made on TEXT
    itself are replaced by position, in one pass; the rest (found in another form of the text, e.g.
    its plain text for an HTML body) and the names are searched for, each distinct excerpt once."""
    found = sorted(findings, key=lambda f: f.start)
    pieces, last = [], 0
    elsewhere: dict[str, str] = {}
    for finding in found:
        if finding.start >= last and text[finding.start : finding.end] == finding.excerpt:
            pieces += [text[last : finding.start], finding.masked]
            last = finding.end
        if finding.kind == Kind.NAME or text[finding.start : finding.end] != finding.excerpt:
            elsewhere[finding.excerpt] = finding.masked
    pieces.append(text[last:])
    text = "".join(pieces)
    if elsewhere:
        pattern = re.compile("|".join(re.escape(e) for e in sorted(elsewhere, key=len, reverse=True)))
        text = pattern.sub(lambda m: elsewhere[m.group()], text)
    return text


def stored(rows: Iterable[Mapping[str, Any]], *, allow: Iterable[str]) -> list[Finding]:
    """Return findings kept as `Finding.as_dict()` rows (a scan made by the task queue), less any
    number that has joined the public allowlist since."""
    allowed = Allowed.of(allow)
    found = (Finding(str(r["kind"]), int(r["start"]), int(r["end"]), str(r["excerpt"])) for r in rows)
    return [f for f in found if key(f.kind, f.excerpt) not in allowed]


def max_chars() -> int:
    """The most characters scanned while a request waits (`GONGKAI_PRIVACY_SCAN_MAX_CHARS`)."""
    from django.conf import settings

    return int(settings.PRIVACY_SCAN_MAX_CHARS)


def too_long_message(label: str, length: int, *, attachable: bool = True) -> str:
    """Say in Chinese that the field LABEL is beyond what the guard scans on a request (and, where the
    item takes attachments, that a long text belongs in one)."""
    from django.utils.translation import gettext as _

    advice = _("请精简，或将长篇内容作为附件上传。") if attachable else _("请精简后再保存。")
    numbers = {"field": label, "n": f"{length:,}", "max": f"{max_chars():,}"}
    return _("%(field)s共 %(n)s 字，超过个人信息检查的上限（%(max)s 字）；") % numbers + advice


def refuse_too_long(
    texts: Mapping[str, str],
    error: Callable[..., Exception],
    label: Callable[[str], str],
    *,
    attachable: bool = False,
) -> None:
    """Raise ERROR (code `too_long`, naming the field by LABEL) for the first text of TEXTS (field →
    text) beyond `max_chars()`: a text is never scanned in part, so it must be shortened (or, where the
    item takes attachments and ATTACHABLE, moved into one)."""
    limit = max_chars()
    for name, text in texts.items():
        if len(text) > limit:
            raise error(
                too_long_message(label(name), len(text), attachable=attachable),
                code="too_long",
                field=name,
                details={"length": len(text), "limit": limit},
            )


def public_allowlist() -> set[str]:
    """Return the units' published office numbers and addresses, which are not personal data."""
    from .models import Unit

    values: set[str] = set()
    for row in Unit.objects.values_list("phone", "office_phone", "office_fax", "office_email"):
        values.update(v for v in row if v)
    return values


def findings(
    texts: Mapping[str, str], *, allow: Iterable[str] | None = None, decided: Iterable[str] = ()
) -> list[tuple[str, Finding]]:
    """Return the findings in TEXTS (field → text) as (field, finding), leaving out those whose
    digest is in DECIDED (ruled lawful to publish); ALLOW defaults to the units' public contacts."""
    allowed = Allowed.of(public_allowlist() if allow is None else allow)
    ruled = set(decided)
    return [
        (name, found)
        for name, text in texts.items()
        for found in scan(text, allow=allowed)
        if found.digest not in ruled
    ]
