"""The personal-data recall set (issue #23): generated Chinese government texts — 低保公示, 处罚决定,
补助发放, 依申请公开答复, 信访 and 公租房 notices — with planted personal data and decoys a county's
texts are full of. Deterministic for a seed; `measure` counts, per kind, what the guard found.

Planted: 18-digit resident ID numbers (valid check digit), ID numbers with a wrong check digit (to be
flagged as 可能的身份证号), mobile numbers in four spellings, landlines with area codes, bank cards
(Luhn), personal e-mail addresses, home addresses, and names after cue words (户主, 申请人, 补助对象 …
alone; 经办人, 联系人 next to a number). Decoys: 发文字号, dates, amounts, 统一社会信用代码, 索引号,
case and parcel tracking numbers, postcodes, statistics, cue words without a name, and the demo
county's units — their office phones, faxes, e-mails and addresses, and their contact people.
"""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from gongkai.core import privacy
from gongkai.core.privacy import Kind
from gongkai.core.uscc import make_uscc
from gongkai.demo import county

KINDS = (
    Kind.ID_NUMBER, Kind.POSSIBLE_ID, Kind.MOBILE, Kind.LANDLINE, Kind.BANK_CARD, Kind.EMAIL,
    Kind.ADDRESS, Kind.NAME,
)  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
COMPOUND = ["欧阳", "司马", "上官", "诸葛"]
GIVEN = (
    "建国志强海燕俊峰丽华文斌玉兰国栋晓红永明秀英卫东桂芳淑珍凤英红梅春花金凤秀兰玉梅德明福林"
    "振华宝山利民长青树林二虎三娃四喜润生银柱满仓喜梅翠萍彩霞雪梅小军小燕小龙晓东宏伟建军"
)
SINGLE = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超霞平刚桂英华玲兵鹏辉斌"
REGIONS = ["140929", "140981", "140902", "140121", "142326", "130104", "410105", "610113", "370202", "110105"]
TOWNSHIPS = county.TOWNSHIPS[:9]  # the demo county's first nine, as the set was measured
VILLAGES = ["东关村", "西关村", "南沟村", "北道坡村", "寨上村", "宋家沟村", "王家岔村", "阳坪村", "口子村"]
STREETS = ["宋长城路", "岚漪路", "东街", "西街", "文化路", "北环路", "迎宾路"]
ESTATES = ["岚漪小区", "阳光花园", "滨河苑", "福馨家园", "东城小区"]
MOBILE_PREFIXES = [130, 131, 132, 135, 136, 137, 138, 139, 147, 150, 151, 152, 155, 157, 158, 159, 166, 173,
                   176, 177, 180, 181, 182, 183, 185, 186, 187, 188, 189, 191, 198, 199]  # fmt: skip
AREA_CODES = ["0350", "0351", "0352", "0355", "0356", "010", "021", "0371", "029"]
CARD_PREFIXES = ["622202", "621700", "622848", "623052", "621226", "622588", "625965", "436742", "622908"]
MAIL_HOSTS = ["163.com", "126.com", "qq.com", "sina.com", "139.com"]
ITEMS = ["耕地地力保护", "农机购置", "危房改造", "残疾人两项", "高龄", "临时救助", "退耕还林", "生态护林员"]
COMPANIES = [
    "岢岚县宏源建筑工程有限公司",
    "山西岚漪农业开发有限公司",
    "岢岚县绿源羊业专业合作社",
    "忻州恒达物流有限公司",
]


@dataclass
class Sample:
    text: str
    planted: list[tuple[str, str]] = field(default_factory=list)  # (kind, the text as planted)
    decoys: int = 0  # sentences holding no personal data


@dataclass
class Row:
    planted: int = 0
    found: int = 0
    false_positives: int = 0

    @property
    def recall(self) -> float:
        return self.found / self.planted if self.planted else 1.0


class Writer:
    """Draw the values and sentences of one set from one seeded generator."""

    def __init__(self, seed: int, units: list[dict[str, object]]) -> None:
        self.rng = random.Random(seed)
        self.units = units

    def pick(self, options: list[str] | str) -> str:
        return self.rng.choice(options)

    def digits(self, n: int) -> str:
        return f"{self.rng.randrange(10**n):0{n}d}"

    # ---- personal data -------------------------------------------------------------------------
    def name(self) -> str:
        surname = self.pick(COMPOUND) if self.rng.random() < 0.02 else self.pick(SURNAMES)
        if self.rng.random() < 0.3:
            return surname + self.pick(SINGLE)
        i = self.rng.randrange(0, len(GIVEN) // 2) * 2
        return surname + GIVEN[i : i + 2]

    def _id17(self) -> str:
        year = self.rng.randint(1930, 2015)
        return f"{self.pick(REGIONS)}{year}{self.rng.randint(1, 12):02d}{self.rng.randint(1, 28):02d}{self.digits(3)}"

    def id_number(self) -> str:
        first = self._id17()
        value = first + check_digit(first).lower() if self.rng.random() < 0.3 else first + check_digit(first)
        return full_width(value) if self.rng.random() < 0.05 else value

    def wrong_id(self) -> str:
        while True:
            first = self._id17()
            value = first + self.pick([c for c in "0123456789X" if c != check_digit(first)])
            if privacy.id_number_possible(value):
                return value

    def mobile(self) -> str:
        number = f"{self.pick([str(p) for p in MOBILE_PREFIXES])}{self.digits(8)}"
        spelling = self.rng.random()
        if spelling < 0.75:
            return number
        if spelling < 0.8:
            return full_width(number)
        if spelling < 0.9:
            return f"{number[:3]}-{number[3:7]}-{number[7:]}"
        if spelling < 0.95:
            return f"+86 {number}"
        return f"{number[:3]} {number[3:7]} {number[7:]}"

    def landline(self) -> str:
        area = self.pick(AREA_CODES)
        local = self.pick("2345678") + self.digits(6 if len(area) == 4 else 7)
        return self.pick(
            [f"（{area}）{local}", f"{area}－{local}", f"{area} {local}"] + [f"{area}-{local}"] * 7
        )

    def bank_card(self) -> str:
        body = self.pick(CARD_PREFIXES) + self.digits(self.pick([9, 12]))
        card = body + next(d for d in "0123456789" if privacy.luhn_valid(body + d))
        return " ".join(card[i : i + 4] for i in range(0, len(card), 4)) if self.rng.random() < 0.2 else card

    def email(self) -> str:
        return f"{self.pick(['zhang', 'wang', 'li', 'liu', 'chen', 'yang'])}{self.digits(4)}@{self.pick(MAIL_HOSTS)}"

    def address(self) -> str:
        if self.rng.random() < 0.5:
            return f"{self.pick(TOWNSHIPS)}{self.pick(VILLAGES)}{self.rng.randint(1, 9)}组{self.rng.randint(1, 80)}号"
        place = (
            f"{self.pick(STREETS)}{self.rng.randint(1, 200)}号"
            if self.rng.random() < 0.5
            else self.pick(ESTATES)
        )
        return f"{place}{self.rng.randint(1, 12)}号楼{self.rng.randint(1, 4)}单元{self.rng.randint(1, 18)}0{self.rng.randint(1, 4)}室"

    # ---- decoys --------------------------------------------------------------------------------
    def date(self) -> str:
        y, m, d = self.rng.randint(2010, 2026), self.rng.randint(1, 12), self.rng.randint(1, 28)
        return self.pick([f"{y}年{m}月{d}日", f"{y}-{m:02d}-{d:02d}", f"{y}.{m:02d}.{d:02d}"])

    def amount(self) -> str:
        value = self.rng.randint(100, 99_999_999) / 100
        return self.pick([f"{value:,.2f}元", f"{value:.2f}元", f"{int(value)}万元"])

    def doc_number(self) -> str:
        prefix = self.pick(["县政办发", "岚政发", "岢政办函", "忻政发", "晋民发", "县财农"])
        return f"{prefix}〔{self.rng.randint(2010, 2026)}〕{self.rng.randint(1, 160)}号"

    def uscc(self) -> str:
        return make_uscc(
            registry=self.pick("159"), kind=self.pick("123"), region=self.pick(REGIONS), body8=self.digits(8)
        )

    def unit(self) -> dict[str, object]:
        return self.rng.choice(self.units)


def full_width(value: str) -> str:
    """VALUE as typed with a Chinese input method's full-width digits (１３８…)."""
    return value.translate(str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ"))


def check_digit(first17: str) -> str:
    weights = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
    return "10X98765432"[sum(int(c) * w for c, w in zip(first17, weights, strict=True)) % 11]


Sentence = Callable[[Writer], tuple[str, list[tuple[str, str]]]]


def _subsistence(w: Writer) -> tuple[str, list[tuple[str, str]]]:
    n, i, a = w.name(), w.id_number(), w.address()
    text = f"户主{n}，身份证号{i}，家住{a}，保障人数{w.rng.randint(1, 5)}人，月保障金{w.amount()}；"
    return text, [(Kind.NAME, n), (Kind.ID_NUMBER, i), (Kind.ADDRESS, a)]


def _penalty(w: Writer) -> tuple[str, list[tuple[str, str]]]:
    n, i, a, m = w.name(), w.id_number(), w.address(), w.mobile()
    sex = w.pick(["男", "女"])
    text = f"当事人：{n}，性别：{sex}，公民身份号码：{i}，住址：{a}，联系电话：{m}。"
    return text, [(Kind.NAME, n), (Kind.ID_NUMBER, i), (Kind.ADDRESS, a), (Kind.MOBILE, m)]


def _subsidy(w: Writer) -> tuple[str, list[tuple[str, str]]]:
    n, c = w.name(), w.bank_card()
    text = f"补助对象{n}的{w.pick(ITEMS)}补贴{w.amount()}已于{w.date()}发放至其社保卡（卡号{c}）。"
    return text, [(Kind.NAME, n), (Kind.BANK_CARD, c)]


def _clerk(w: Writer) -> tuple[str, list[tuple[str, str]]]:
    n, m = w.name(), w.mobile()
    return f"经办人：{n}，联系电话：{m}。", [(Kind.NAME, n), (Kind.MOBILE, m)]


def _reply(w: Writer) -> tuple[str, list[tuple[str, str]]]:
    n = w.name()
    no = f"YSQ{w.rng.randint(2015, 2026)}{w.digits(6)}"
    text = f"申请人{n}：本机关于{w.date()}收到您提出的政府信息公开申请（编号{no}），现答复如下。"
    return text, [(Kind.NAME, n)]


def _report(w: Writer) -> tuple[str, list[tuple[str, str]]]:
    n, m = w.name(), w.mobile()
    text = f"举报人{n}（手机{m}）反映{w.pick(TOWNSHIPS)}{w.pick(VILLAGES)}有人私挖滥采。"
    return text, [(Kind.NAME, n), (Kind.MOBILE, m)]


def _guardian(w: Writer) -> tuple[str, list[tuple[str, str]]]:
    n, i, line = w.name(), w.wrong_id(), w.landline()
    text = f"监护人{n}，身份证号码{i}，固定电话{line}，承诺所报情况属实。"
    return text, [(Kind.NAME, n), (Kind.POSSIBLE_ID, i), (Kind.LANDLINE, line)]


def _payee(w: Writer) -> tuple[str, list[tuple[str, str]]]:
    n, c = w.name(), w.bank_card()
    text = f"领取人：{n}，开户行：中国农业银行岢岚县支行，账号：{c}。"
    return text, [(Kind.NAME, n), (Kind.BANK_CARD, c)]


def _tenant(w: Writer) -> tuple[str, list[tuple[str, str]]]:
    n, a, m, e = w.name(), w.address(), w.mobile(), w.email()
    text = f"承租人{n}，现住址{a}，联系电话{m}，电子邮箱{e}，月租金{w.amount()}。"
    return text, [(Kind.NAME, n), (Kind.ADDRESS, a), (Kind.MOBILE, m), (Kind.EMAIL, e)]


def _principal(w: Writer) -> tuple[str, list[tuple[str, str]]]:
    n, i, line = w.name(), w.wrong_id(), w.landline()
    text = f"委托人{n}（{i}）委托其子代为办理，联系电话{line}。"
    return text, [(Kind.NAME, n), (Kind.POSSIBLE_ID, i), (Kind.LANDLINE, line)]


def _contact_with_mobile(w: Writer) -> tuple[str, list[tuple[str, str]]]:
    n, m, i = w.name(), w.mobile(), w.id_number()
    text = f"联系人：{n}，手机{m}，身份证{i}。"
    return text, [(Kind.NAME, n), (Kind.MOBILE, m), (Kind.ID_NUMBER, i)]


PLANTED: list[Sentence] = [
    _subsistence, _penalty, _subsidy, _clerk, _reply, _report, _guardian, _payee, _tenant, _principal,
    _contact_with_mobile,
]  # fmt: skip


DECOYS: list[Callable[[Writer, dict[str, object]], str]] = [
    lambda w, unit: (
        f"根据《{unit['name']}关于印发有关实施方案的通知》（{w.doc_number()}）要求，结合实际，制定本办法。"
    ),
    lambda w, unit: f"{w.date()}，{unit['name']}召开专题会议，研究部署{w.pick(ITEMS)}工作。",
    lambda w, unit: f"本项目总投资{w.amount()}，其中中央资金{w.amount()}，县级配套{w.amount()}。",
    lambda w, unit: f"{w.pick(COMPANIES)}（统一社会信用代码：{w.uscc()}）于{w.date()}取得许可。",
    lambda w, unit: f"索引号：{unit['code']}/{w.rng.randint(2015, 2026)}-{w.rng.randint(1, 99999):05d}。",
    lambda w, unit: (
        f"联系人：{unit['leader']}，联系电话：{unit['office_phone']}，传真：{unit['office_fax']}。"
    ),
    lambda w, unit: (
        f"咨询电话：{unit['office_phone']}，电子邮箱：{unit['office_email']}，地址：{unit['office_address']}。"
    ),
    lambda w, unit: f"监督举报电话：{unit['phone']}，邮政编码：{unit['office_postcode']}。",
    lambda w, unit: (
        f"材料通过EMS寄出，邮件号码{w.pick(['1', '9'])}{w.digits(12)}，顺丰单号SF{w.digits(12)}。"
    ),
    lambda w, unit: f"查询编号LY{w.rng.randint(2015, 2026)}{w.digits(6)}，查询码请妥善保管。",
    lambda w, unit: (
        f"全县户籍人口{w.rng.randint(60_000, 90_000):,}人，其中农业人口{w.rng.randint(30_000, 59_999):,}人。"
    ),
    lambda w, unit: "申请人应当在收到补正通知之日起15个工作日内补正材料，逾期视为放弃申请。",
    lambda w, unit: "户主签字确认后，由村民委员会统一报送乡镇人民政府审核。",
    lambda w, unit: "经办人员应当核对申请材料的完整性，联系人及联系方式见附件。",
    lambda w, unit: "申请人向本机关提交了申请材料，申请人同意延期答复。",
    lambda w, unit: "当事人对处罚决定不服的，可以在六十日内申请行政复议。",
    lambda w, unit: "户主因病无法到场的，可书面委托他人代为办理；补助对象名单如下。",
    lambda w, unit: "申请人应向户籍所在地乡镇人民政府提出书面申请，或向居住地社区申请代办。",
    lambda w, unit: "联系人变更的，应当及时告知；申请人未按期补正的，视为放弃。",
    lambda w, unit: f"依据《中华人民共和国政府信息公开条例》第二十七条，{unit['name']}依法予以公开。",
    lambda w, unit: f"公示期为{w.date()}至{w.date()}，共{w.rng.randint(5, 7)}个工作日。",
    lambda w, unit: f"项目编号：KLCG-{w.rng.randint(2015, 2026)}-{w.digits(4)}，执行标准GB/T 33190-2016。",
]


def generate(
    count: int = 10_000, *, seed: int = 23, units: list[dict[str, object]] | None = None
) -> Iterator[Sample]:
    """Yield COUNT texts, each a heading, one to three planted sentences and two to four decoys."""
    writer = Writer(seed, units if units is not None else demo_units())
    for _ in range(count):
        unit = writer.unit()
        heading = f"{unit['name']}关于{writer.pick(ITEMS)}有关情况的公示\n"
        parts: list[str] = []
        planted: list[tuple[str, str]] = []
        for sentence in writer.rng.sample(PLANTED, writer.rng.randint(1, 3)):
            text, plants = sentence(writer)
            parts.append(text)
            planted += plants
        decoys = [writer.rng.choice(DECOYS)(writer, writer.unit()) for _ in range(writer.rng.randint(2, 4))]
        parts += decoys
        writer.rng.shuffle(parts)
        yield Sample(heading + "".join(parts), planted, len(decoys))


def demo_units() -> list[dict[str, object]]:
    """The demo county's units as `gongkai demo` loads them (their codes computed, not read back)."""
    from gongkai.demo.county import county_units

    return [{**unit, "code": unit.get("code", "")} for unit in county_units()]


def public_contacts(units: Iterable[dict[str, object]]) -> list[str]:
    """What `privacy.public_allowlist` reads from the units table: office phones, faxes, e-mails."""
    return [
        str(u[k]) for u in units for k in ("phone", "office_phone", "office_fax", "office_email") if u.get(k)
    ]


def measure(samples: Iterable[Sample], *, allow: Iterable[str]) -> tuple[dict[str, Row], Counter[str]]:
    """Scan each sample; return per kind the planted, found and falsely flagged counts, and the
    false positives' excerpts (to read what the guard mistook)."""
    allowed = privacy.Allowed.of(allow)
    rows = {kind: Row() for kind in KINDS}
    mistaken: Counter[str] = Counter()
    for sample in samples:
        waiting = Counter((kind, privacy.key(kind, value)) for kind, value in sample.planted)
        for kind, _value in sample.planted:
            rows[kind].planted += 1
        for finding in privacy.scan(sample.text, allow=allowed):
            key = (finding.kind, privacy.key(finding.kind, finding.excerpt))
            if waiting[key] > 0:
                waiting[key] -= 1
                rows[finding.kind].found += 1
            else:
                rows[finding.kind].false_positives += 1
                mistaken[f"{finding.kind}:{finding.excerpt}"] += 1
    return rows, mistaken


def table(rows: dict[str, Row]) -> str:
    """The recall table as docs/security.md shows it (Markdown)."""
    lines = [
        "| kind | planted | found | recall | false positives |",
        "|---|---:|---:|---:|---:|",
    ]
    for kind, row in rows.items():
        label = privacy.KIND_LABELS[kind]
        lines.append(
            f"| {label} (`{kind}`) | {row.planted:,} | {row.found:,} | {row.recall:.2%} | {row.false_positives:,} |"
        )
    return "\n".join(lines)
