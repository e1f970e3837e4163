"""Demo structured records: the matters catalog (5,635 power items of 43 units + 36 public services),
a year of approval cases (some overdue), and a year of licences, penalties and coercive measures."""

from __future__ import annotations

import contextlib
import random
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import Unit, User
from gongkai.matters import services as matter_services
from gongkai.matters.models import ApprovalCase, Matter
from gongkai.records import registry, services
from gongkai.records.models import PublishedRecord

from .companies import company
from .county import GIVEN, SURNAMES, staff_of
from .timeline import Timeline

POWER_ITEMS = 5635
K = Matter.Kind
SUBJECTS = {
    "发改局": ["企业投资项目", "固定资产投资项目节能", "政府定价", "粮食收购", "招标投标"],
    "教科局": ["民办学校", "教师资格", "校车使用", "学前教育机构", "科技项目"],
    "工信局": ["散装水泥", "墙体材料", "无线电台站", "民用爆炸物品", "电力设施"],
    "公安局": ["户口登记", "居民身份证", "机动车登记", "剧毒化学品购买", "大型群众性活动", "烟花爆竹燃放"],
    "民政局": ["社会团体", "民办非企业单位", "殡葬设施", "养老机构", "地名命名"],
    "司法局": ["法律援助", "人民调解", "基层法律服务", "公证"],
    "财政局": ["会计代理记账", "政府采购", "非税收入", "财政票据"],
    "人社局": ["劳务派遣", "职业技能培训", "社会保险登记", "工伤认定", "劳动保障"],
    "自然资源局": ["建设用地", "采矿权", "探矿权", "不动产登记", "土地复垦", "测绘"],
    "住建局": ["建筑工程施工", "商品房预售", "建筑业企业资质", "城镇燃气", "物业服务"],
    "交通局": ["道路运输经营", "公路超限运输", "涉路施工", "出租汽车经营", "机动车维修"],
    "水利局": ["取水", "河道管理范围内建设项目", "水土保持方案", "农村集体经济组织修建水库", "水利工程"],
    "农业农村局": ["种子生产经营", "农药经营", "兽药经营", "动物防疫条件", "农作物种子", "渔业捕捞"],
    "商务局": ["成品油零售", "再生资源回收", "单用途商业预付卡", "对外贸易经营者", "拍卖企业"],
    "文旅局": ["营业性演出", "娱乐场所", "网吧", "文物保护单位修缮", "旅行社"],
    "卫体局": [
        "医疗机构执业",
        "医师执业",
        "公共场所卫生",
        "放射诊疗",
        "母婴保健技术服务",
        "高危险性体育项目",
    ],
    "退役军人局": ["退役士兵安置", "优抚对象", "烈士褒扬"],
    "应急局": ["危险化学品经营", "烟花爆竹经营", "非煤矿山安全", "生产安全事故", "安全生产培训"],
    "审计局": ["审计监督", "审计结果"],
    "市场监管局": [
        "食品生产",
        "食品经营",
        "药品零售",
        "特种设备",
        "计量器具",
        "工业产品生产",
        "广告发布",
        "企业登记",
    ],
    "统计局": ["统计调查项目", "统计数据质量"],
    "医保局": ["定点医药机构", "医疗救助", "医疗保险基金"],
    "林业局": ["林木采伐", "林草种子", "使用林地", "野生动物", "森林防火"],
    "行政审批局": ["建设工程规划", "施工许可", "排污", "食品经营", "道路运输", "取水", "公共场所卫生"],
    "信访局": ["信访事项"],
    "能源局": ["煤矿建设项目", "电力业务", "新能源项目"],
    "乡村振兴局": ["帮扶项目", "扶贫资产"],
    "环保局": ["排污许可", "建设项目环境影响评价", "危险废物经营", "辐射安全", "环境监测"],
    "城管局": ["城市道路占用挖掘", "户外广告设置", "城市绿化", "建筑垃圾处置", "市容环境卫生"],
    "税务局": ["发票", "纳税申报", "税务登记", "税收减免"],
    "融媒体中心": ["广播电视节目", "网站内容"],
    "政务服务中心": ["进驻事项", "政务服务评价"],
}
TOWNSHIP_SUBJECTS = ["农村宅基地", "农村土地承包", "计划生育", "临时救助", "村庄规划", "森林防火"]
PATTERNS = {
    K.LICENSING: ["{s}许可", "{s}许可证变更", "{s}许可证延续"],
    K.PENALTY: [
        "对未经许可从事{s}活动的处罚",
        "对{s}中提供虚假材料的处罚",
        "对违反{s}管理规定逾期不改正的处罚",
        "对{s}中不按规定备案的处罚",
        "对拒绝、阻碍{s}监督检查的处罚",
        "对{s}中违反安全规定的处罚",
        "对{s}擅自变更事项的处罚",
        "对{s}中转让、出租证照的处罚",
    ],
    K.COERCION: ["查封、扣押与违法{s}有关的场所、物品", "对{s}违法行为的强制执行"],
    K.LEVY: ["{s}相关费用征收"],
    K.BENEFIT: ["{s}补助发放", "{s}困难救助"],
    K.INSPECTION: ["对{s}的监督检查", "对{s}的专项检查"],
    K.CONFIRMATION: ["{s}登记", "{s}证明"],
    K.REWARD: ["对{s}工作先进单位和个人的奖励"],
    K.RULING: ["{s}权属争议裁决"],
    K.OTHER_POWER: ["{s}备案", "{s}年度报告公示"],
}
KIND_WEIGHTS = [
    (K.PENALTY, 55), (K.LICENSING, 10), (K.INSPECTION, 9), (K.COERCION, 6), (K.CONFIRMATION, 6),
    (K.OTHER_POWER, 6), (K.BENEFIT, 3), (K.LEVY, 2), (K.REWARD, 2), (K.RULING, 1),
]  # fmt: skip
PUBLIC_SERVICES = [
    ("民政局", "结婚登记"), ("民政局", "离婚登记"), ("民政局", "补领婚姻登记证"), ("民政局", "最低生活保障申请"),
    ("民政局", "特困人员救助供养"), ("民政局", "高龄津贴申领"), ("民政局", "残疾人两项补贴申领"),
    ("公安局", "居民身份证申领"), ("公安局", "户口迁移"), ("公安局", "出生登记"), ("公安局", "无犯罪记录证明"),
    ("人社局", "就业登记"), ("人社局", "失业登记"), ("人社局", "就业创业证申领"), ("人社局", "创业担保贷款申请"),
    ("人社局", "城乡居民养老保险参保登记"), ("人社局", "养老保险待遇申领"), ("人社局", "社会保障卡申领"),
    ("人社局", "职业技能培训补贴申领"), ("医保局", "城乡居民医疗保险参保登记"), ("医保局", "异地就医备案"),
    ("医保局", "医疗费用报销"), ("医保局", "门诊慢特病待遇认定"), ("卫体局", "出生医学证明办理"),
    ("卫体局", "计划生育家庭奖励扶助"), ("卫体局", "预防接种证办理"), ("教科局", "义务教育入学登记"),
    ("教科局", "学生资助申请"), ("住建局", "公共租赁住房申请"), ("住建局", "住房公积金提取"),
    ("自然资源局", "不动产登记查询"), ("退役军人局", "退役军人优待证申领"), ("农业农村局", "耕地地力保护补贴申领"),
    ("司法局", "法律援助申请"), ("税务局", "个人所得税汇算清缴"), ("市场监管局", "个体工商户登记"),
]  # fmt: skip
# The trades whose companies hold a licence of each subject (none: any company).
LICENCE_TRADES = {
    "建设工程规划": ("construction",), "施工许可": ("construction",), "排污": ("coal", "food"),
    "食品经营": ("catering", "food", "retail"), "道路运输": ("transport",), "取水": ("coal", "farming"),
    "公共场所卫生": ("catering", "sports", "medical"), "食品生产": ("food",), "药品零售": ("pharmacy",),
    "特种设备": ("construction", "coal", "transport"), "计量器具": ("retail", "pharmacy"),
    "工业产品生产": ("food", "coal"), "广告发布": ("retail", "it"), "医疗机构执业": ("medical",),
    "医师执业": ("medical",), "放射诊疗": ("medical",), "母婴保健技术服务": ("medical",),
    "高危险性体育项目": ("sports",), "道路运输经营": ("transport",), "公路超限运输": ("transport", "construction"),
    "涉路施工": ("construction",), "出租汽车经营": ("transport",), "机动车维修": ("transport",),
}  # fmt: skip
STEPS = ["受理", "审查", "决定", "送达"]
DEMO_CASE = ("KL-DEMO-0001", "123456")  # (办件编号, 查询码) printed by `gongkai demo`


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour)))


def _name(rng: random.Random) -> str:
    return SURNAMES[rng.randrange(len(SURNAMES))] + GIVEN[rng.randrange(len(GIVEN))]


def _guide(unit: Unit, kind: str, rng: random.Random, complete: bool) -> dict[str, Any]:
    days = rng.choice([5, 10, 15, 20])
    guide = {
        "legal_basis": "《中华人民共和国行政许可法》及相关法律法规"
        if kind == K.LICENSING
        else "相关法律法规和规章",
        "conditions": "符合法律法规规定的条件，申请材料齐全、符合法定形式。",
        "materials": "申请书\n申请人身份证明\n相关证明材料",
        "procedure": "\n".join(STEPS),
        "statutory_days": days,
        "promised_days": max(1, days // 2),
        "fees": "不收费",
        "place": "岢岚县政务服务中心一楼综合窗口",
        "hours": "周一至周五 上午8:00—12:00，下午14:30—17:30（法定节假日除外）",
        "phone": unit.office_phone,
    }
    if not complete:  # a realistic few guides lack an element, for the completeness screen
        missing = rng.choice(["fees", "materials", "hours", "promised_days"])
        guide[missing] = None if missing == "promised_days" else ""
    return guide


def load_matters(today: date, timeline: Timeline) -> int:
    matters = registry.get("matters")
    assert matters is not None
    if Matter.objects.exists():
        return 0
    rng = random.Random(5635)
    units = [u for u in Unit.objects.order_by("sort_order") if u.short_name != "县政府"]
    by_short = {u.short_name: u for u in units}
    office = User.objects.get(username="office")
    per_unit = [POWER_ITEMS // len(units)] * len(units)
    for i in range(POWER_ITEMS - sum(per_unit)):
        per_unit[i] += 1
    formed = today - timedelta(days=200)
    created: list[tuple[Unit, dict[str, Any]]] = []
    kinds = [k for k, w in KIND_WEIGHTS for _ in range(w)]
    for unit, count in zip(units, per_unit, strict=True):
        subjects = SUBJECTS.get(unit.short_name) or TOWNSHIP_SUBJECTS
        prefix = f"{unit.code[8:14]}"
        used: set[str] = set()
        for n in range(count):
            kind = kinds[(n * 7 + len(unit.short_name)) % len(kinds)]
            pattern = PATTERNS[kind][(n // len(kinds)) % len(PATTERNS[kind])]
            subject = subjects[n % len(subjects)]
            name = pattern.format(s=subject)
            variant = 1
            while name in used:  # a unit's items have distinct names, as in a real catalog
                variant += 1
                name = f"{pattern.format(s=subject)}（情形{variant}）"
            used.add(name)
            data: dict[str, Any] = {
                "code": f"{prefix}-{kind[:3].upper()}-{n + 1:04d}", "name": name, "kind": kind, "formed_on": formed,
                "legal_basis": "相关法律法规和规章",
            }  # fmt: skip
            if kind not in (K.PENALTY, K.COERCION, K.INSPECTION):
                data.update(_guide(unit, kind, rng, complete=rng.random() > 0.04))
            created.append((unit, data))
    for n, (short, name) in enumerate(PUBLIC_SERVICES, start=1):
        unit = by_short[short]
        data = {"code": f"GGFW-{n:03d}", "name": name, "kind": K.PUBLIC_SERVICE, "formed_on": formed,
                **_guide(unit, K.PUBLIC_SERVICE, rng, complete=True)}  # fmt: skip
        if name == "结婚登记":
            data.update(
                legal_basis="《婚姻登记条例》第四条、第五条",
                conditions="男女双方完全自愿；男年满22周岁、女年满20周岁；双方均无配偶；无禁止结婚的亲属关系。",
                materials="双方本人有效的居民身份证\n双方户口簿（全国通办试点地区可凭居民身份证）\n双方近期半身免冠合影照片3张\n《申请结婚登记声明书》（现场签署）",
                procedure="受理\n审查\n登记（颁发结婚证）",
                statutory_days=0, promised_days=0, fees="不收费（《国家发展改革委 财政部关于取消婚姻登记费的通知》）",
                place="岢岚县婚姻登记处（县政务服务中心二楼）",
            )  # fmt: skip
        created.append((unit, data))
    from .finance import charged_matters  # the guides of matters that charge a fee state it

    charged = charged_matters()
    for unit, data in created:
        fee = charged.get((unit.short_name, data["name"]))
        if fee:
            data["fees"] = fee
    # The county's catalog is already public on its old platform: brought in as published, in one batch,
    # in its place in the demo's history (licences are granted under these matters afterwards).
    at = _at(formed)
    timeline.add(at, lambda: services.records_import_published(matters, created, by=office, at=at, now=at))
    return len(created)


def load_cases(today: date) -> int:
    if ApprovalCase.objects.exists():
        return 0
    rng = random.Random(2016)
    calendar = load_calendar()
    matters = list(
        Matter.objects.filter(kind__in=[K.LICENSING, K.PUBLIC_SERVICE, K.CONFIRMATION], promised_days__gt=0)
        .select_related("unit")
        .order_by("id")
    )
    start = today - timedelta(days=365)
    count = 0
    for n in range(1200):
        matter = matters[rng.randrange(len(matters))]
        received = start + timedelta(days=rng.randrange(365))
        if not calendar.is_working_day(received):
            continue
        received_at = _at(received, 9 + rng.randrange(7))
        due = calendar.due_date(received, matter.promised_days).due_date
        late = rng.random() < 0.06
        finish_day = calendar.due_date(
            received,
            matter.promised_days
            + (rng.randrange(1, 6) if late else -rng.randrange(0, max(1, matter.promised_days))),
        ).due_date  # type: ignore[operator]
        open_case = finish_day >= today or (late and rng.random() < 0.5 and due < today)
        person = rng.random() < 0.7
        applicant = (
            _name(rng)
            if person
            else f"岢岚县{rng.choice(['鑫源', '宏达', '华盛', '绿源', '兴旺'])}{rng.choice(['商贸', '农牧', '建筑', '餐饮'])}有限公司"
        )
        case_no = f"KL{received:%Y%m%d}{n:04d}"
        step_days = [received, received, *(calendar.due_date(received, max(1, d)).due_date for d in (1, 2))]
        for index, step in enumerate(STEPS):
            began = step_days[index] if index < 2 else min(step_days[index], finish_day)
            if open_case and began >= today:
                break
            ended = None if open_case and index == len(STEPS) - 1 else _at(min(began, finish_day), 16)
            if index == len(STEPS) - 1 and not open_case:
                began, ended = finish_day, _at(finish_day, 16)
            matter_services.case_upsert(
                matter_services.CaseRow(
                    case_no=case_no, matter=matter, applicant=applicant, applicant_is_person=person,
                    query_code=f"{(n * 7919) % 1000000:06d}", received_at=received_at,
                    status=ApprovalCase.Status.IN_PROGRESS if open_case else ApprovalCase.Status.APPROVED,
                    finished_at=None if open_case else _at(finish_day, 16), step=step,
                    step_started_at=_at(began, 9 + index), step_finished_at=ended,
                    handler=f"{matter.unit.short_name}{step}岗", result="同意" if step == "决定" and not open_case else "",
                ),
                calendar,
            )  # fmt: skip
        count += 1
    # A known case for people trying the public lookup (README): overdue, still at the 审查 step.
    matter = Matter.objects.filter(name="食品经营许可").order_by("id").first() or matters[0]
    example = DEMO_CASE
    received = calendar.due_date(today - timedelta(days=40), 1).due_date
    for step, began, ended in (("受理", received, received), ("审查", received, None)):
        matter_services.case_upsert(
            matter_services.CaseRow(
                case_no=example[0], matter=matter, applicant="岢岚县晋岚食品有限公司", applicant_is_person=False,
                query_code=example[1], received_at=_at(received, 9), status=ApprovalCase.Status.IN_PROGRESS,
                finished_at=None, step=step, step_started_at=_at(began, 9 + len(step)),
                step_finished_at=_at(ended, 16) if ended else None, handler=f"{matter.unit.short_name}{step}岗",
                result="",
            ),
            calendar,
        )  # fmt: skip
    return count + 1


def _party(rng: random.Random, natural: bool, serial: int, trades: tuple[str, ...] = ()) -> dict[str, Any]:
    if natural:
        return {
            "party_name": _name(rng), "party_category": "natural", "party_id_type": "id_card",
            "party_id_no": _id_number(rng),
        }  # fmt: skip
    name, uscc = company(rng, *trades)
    return {"party_name": name, "party_category": "legal", "uscc": uscc, "legal_rep": _name(rng)}


def _id_number(rng: random.Random) -> str:
    from gongkai.core.privacy import id_number_valid

    while True:
        born = date(1960, 1, 1) + timedelta(days=rng.randrange(16000))
        body = f"140929{born:%Y%m%d}{rng.randrange(1000):03d}"
        for check in "0123456789X":
            if id_number_valid(body + check):
                return body + check


def load_enforcement(today: date, timeline: Timeline) -> dict[str, int]:
    """Create the demo's 双公示 records once, each written and approved by its unit's staff, their
    publications added to TIMELINE; return how many of each type were created."""
    licences, penalties, coercions = (registry.get(s) for s in ("licences", "penalties", "coercions"))
    assert licences and penalties and coercions
    if licences.model.objects.exists():
        return {}
    rng = random.Random(2026)
    calendar = load_calendar()
    units = {u.short_name: u for u in Unit.objects.all()}
    staff = {u.username: u for u in User.objects.filter(unit__isnull=False)}
    editor = lambda short: staff[staff_of(short, "editor")]  # noqa: E731
    reviewer = lambda short: staff[staff_of(short, "reviewer")]  # noqa: E731
    counts = {"licences": 0, "penalties": 0, "coercions": 0}

    def authority(short: str) -> dict[str, str]:
        unit = units[short]
        return {
            "authority": unit.name,
            "authority_uscc": unit.code,
            "source_unit": unit.name,
            "source_unit_uscc": unit.code,
        }

    def publish(record_type: Any, record: PublishedRecord, decided: date, late: bool) -> None:
        short = record.unit.short_name
        services.record_submit(record_type, record, by=editor(short))
        services.record_approve(record_type, record, by=reviewer(short))
        lag = rng.randrange(9, 14) if late else rng.randrange(1, 6)
        at = _at(calendar.due_date(decided, lag).due_date, 15)
        if at <= timezone.now():  # decided in the last few days: left approved, waiting to go out
            timeline.add(at, lambda: _publish_at(record_type, record, reviewer(short), at))

    for n in range(360):
        decided = today - timedelta(days=rng.randrange(365))
        if not calendar.is_working_day(decided):
            continue
        short = rng.choice(["行政审批局", "行政审批局", "市场监管局", "卫体局", "交通局"])
        subject = rng.choice(SUBJECTS[short])
        data = {
            **_party(rng, rng.random() < 0.15, n, LICENCE_TRADES.get(subject, ())), **authority(short),
            "decision_doc_name": f"{subject}许可决定书", "decision_no": f"岢{short[:2]}许〔{decided.year}〕{n + 1}号",
            "category": rng.choice(["general", "general", "registration", "approval"]),
            "certificate_name": f"{subject}{'证' if subject.endswith('许可') else '许可证'}", "certificate_no": f"JY{decided:%Y%m}{n:05d}",
            "content": f"准予{subject}许可", "decided_on": decided, "valid_from": decided,
            "valid_to": decided + timedelta(days=365 * 5),
        }  # fmt: skip
        record = services.record_create(licences, by=editor(short), unit=units[short], data=data)
        publish(licences, record, decided, late=rng.random() < 0.05)
        counts["licences"] += 1
    # (unit, violation, basis, category, the trades of the companies that commit it)
    violations = [
        ("市场监管局", "销售过期食品", "《中华人民共和国食品安全法》第一百二十四条", "fine", ("food", "catering", "retail")),
        ("市场监管局", "未按规定公示年度报告", "《企业信息公示暂行条例》第十八条", "warning", ()),
        ("交通局", "未取得道路运输经营许可擅自从事道路运输经营", "《中华人民共和国道路运输条例》第六十三条", "fine",
         ("transport",)),
        ("应急局", "未按规定对从业人员进行安全生产教育和培训", "《中华人民共和国安全生产法》第九十七条", "fine",
         ("coal", "construction")),
        ("自然资源局", "未经批准非法占用土地", "《中华人民共和国土地管理法》第七十七条", "confiscate_property",
         ("construction", "farming")),
        ("林业局", "滥伐林木", "《中华人民共和国森林法》第七十六条", "fine", ("forestry", "farming")),
        ("城管局", "未经批准设置户外广告", "《城市市容和环境卫生管理条例》第三十六条", "fine", ("retail", "catering")),
    ]  # fmt: skip
    for n in range(140):
        decided = today - timedelta(days=rng.randrange(400))
        if not calendar.is_working_day(decided):
            continue
        short, violation, basis, category, trades = violations[rng.randrange(len(violations))]
        amount = Decimal(rng.choice([2000, 5000, 10000, 20000, 50000])) / Decimal(10000)
        severity = rng.choices(["minor", "general", "serious"], weights=[10, 80, 10])[0]
        data = {
            **_party(rng, rng.random() < 0.3, 500 + n, trades), **authority(short),
            "decision_no": f"岢{short[:2]}罚〔{decided.year}〕{n + 1}号", "violation_type": violation,
            "facts": f"经查，当事人{violation}，违反了相关规定。", "basis": basis, "category": category,
            "content": "罚款人民币" + f"{amount * 10000:.0f}元" if category == "fine" else "警告" if category == "warning" else "没收非法财物",
            "fine": amount if category == "fine" else None, "decided_on": decided, "severity": severity,
        }  # fmt: skip
        record = services.record_create(penalties, by=editor(short), unit=units[short], data=data)
        if severity != "minor":
            publish(penalties, record, decided, late=rng.random() < 0.05)
        else:
            services.record_submit(penalties, record, by=editor(short))
        counts["penalties"] += 1
    for n in range(24):
        decided = today - timedelta(days=rng.randrange(365))
        if not calendar.is_working_day(decided):
            continue
        data = {
            **_party(rng, False, 900 + n, ("food", "catering", "retail")), **authority("市场监管局"),
            "decision_no": f"岢市监强〔{decided.year}〕{n + 1}号", "kind": rng.choice(["seal", "seize"]),
            "basis": "《中华人民共和国食品安全法》第一百一十条", "content": "查封涉嫌违法生产经营的食品及其原料",
            "decided_on": decided,
        }  # fmt: skip
        record = services.record_create(
            coercions, by=editor("市场监管局"), unit=units["市场监管局"], data=data
        )
        publish(coercions, record, decided, late=False)
        counts["coercions"] += 1
    return counts


def _publish_at(record_type: Any, record: PublishedRecord, by: User, at: datetime) -> None:
    """Publish as of AT (the demo's history); a penalty whose period has ended stays unpublished."""
    from gongkai.records.errors import RecordError

    with contextlib.suppress(RecordError):
        services.record_publish(record_type, record, by=by, at=at, now=at)
