"""The demo county: 岢岚县 of the seed report, its government and 44 units (the seed's 43 and the environment bureau that issue #20 adds)."""

from __future__ import annotations

import hashlib

from gongkai.core.models import Unit
from gongkai.core.uscc import make_uscc

REGION = "140929"
COUNTY = "岢岚县"
K = Unit.Kind

DEPARTMENTS = [
    (
        "发展和改革局",
        "发改局",
        "拟订并组织实施全县国民经济和社会发展规划、年度计划，统筹协调经济社会发展，负责重大项目审批、核准、备案和价格管理工作。",
    ),
    (
        "教育科技局",
        "教科局",
        "负责全县教育事业和科技工作，组织实施教育督导、学校布局调整、教师队伍管理和科技项目管理。",
    ),
    (
        "工业和信息化局",
        "工信局",
        "拟订全县工业和信息化发展规划，推进产业结构调整，负责中小企业发展和信息化建设。",
    ),
    ("公安局", "公安局", "负责全县社会治安管理、户籍管理、出入境管理、道路交通安全管理和刑事案件侦查。"),
    ("民政局", "民政局", "负责全县社会救助、养老服务、婚姻登记、殡葬管理、社会组织登记管理和区划地名管理。"),
    ("司法局", "司法局", "负责全县法治政府建设、行政复议、普法宣传、人民调解、公共法律服务和社区矫正工作。"),
    (
        "财政局",
        "财政局",
        "负责全县财政收支管理，编制年度预决算草案，组织推进预算公开和“三公”经费公开，管理政府采购。",
    ),
    (
        "人力资源和社会保障局",
        "人社局",
        "负责全县就业创业、社会保险、劳动关系、人事人才管理和劳动保障监察工作。",
    ),
    (
        "自然资源局",
        "自然资源局",
        "负责全县国土空间规划、自然资源确权登记、土地征收和国有建设用地使用权出让、矿业权管理。",
    ),
    (
        "住房和城乡建设管理局",
        "住建局",
        "负责全县住房保障、国有土地上房屋征收与补偿、城乡建设、建筑市场和物业管理。",
    ),
    ("交通运输局", "交通局", "负责全县公路建设与养护、道路运输和城乡客运管理。"),
    ("水利局", "水利局", "负责全县水资源管理、水利工程建设、防汛抗旱和水土保持工作。"),
    (
        "农业农村局",
        "农业农村局",
        "负责全县农业农村发展、畜牧业（羊产业）发展、农村改革和农产品质量安全监管。",
    ),
    ("商务局", "商务局", "负责全县内外贸易、招商引资、电子商务和市场运行监测。"),
    ("文化和旅游局", "文旅局", "负责全县文化事业、文物保护、旅游开发和文化市场综合执法。"),
    ("卫生健康和体育局", "卫体局", "负责全县医疗卫生、疾病预防控制、计划生育服务和全民健身工作。"),
    ("退役军人事务局", "退役军人局", "负责全县退役军人安置、优抚褒扬和服务保障工作。"),
    ("应急管理局", "应急局", "负责全县应急管理、安全生产综合监管、生产安全事故调查处理和防灾减灾救灾工作。"),
    ("审计局", "审计局", "负责全县财政收支、财务收支和重大政策措施落实情况的审计监督。"),
    (
        "市场监督管理局",
        "市场监管局",
        "负责全县市场主体登记、食品药品安全监管、产品质量监管、价格监督检查和企业信用信息公示。",
    ),
    ("统计局", "统计局", "负责全县统计调查、统计数据发布和统计执法检查。"),
    ("医疗保障局", "医保局", "负责全县医疗保险、生育保险、医疗救助和医药价格管理。"),
    ("林业局", "林业局", "负责全县森林资源保护、植树造林、森林防火和野生动植物保护。"),
    (
        "行政审批服务管理局",
        "行政审批局",
        "负责县政务服务中心运行，集中办理行政许可事项，推进“一网通办”和审批服务标准化。",
    ),
    ("信访局", "信访局", "负责受理、交办、转送群众来信来访，协调处理重要信访问题。"),
    ("能源局", "能源局", "负责全县能源发展规划、煤炭和新能源产业管理。"),
    ("乡村振兴局", "乡村振兴局", "负责巩固拓展脱贫攻坚成果、推进乡村振兴和帮扶项目管理。"),
    ("城市管理局", "城管局", "负责全县市容环境卫生、城市管理综合执法和市政设施管理。"),
    (
        "环境保护局",
        "环保局",
        "负责全县环境质量监测和信息发布、污染源监督管理、环境影响评价、环境信访投诉处理和环境违法案件查处。",
    ),
    ("税务局", "税务局", "负责全县税收征收管理和纳税服务工作。"),
]
VERTICAL = {"税务局"}
TOWNSHIPS = [
    "岚漪镇",
    "三井镇",
    "神堂坪乡",
    "高家会乡",
    "李家沟乡",
    "水峪贯乡",
    "西豹峪乡",
    "王家岔乡",
    "阳坪乡",
    "大涧乡",
    "宋家沟乡",
]
INSTITUTIONS = [
    ("融媒体中心", "负责全县新闻宣传、政府网站和政务新媒体的内容发布与运行维护。"),
    ("政务服务中心", "负责行政审批和公共服务事项的集中受理、办理和全程监督。"),
]
OFFICE_HOURS = "周一至周五 上午8:00—12:00，下午14:30—17:30"
LEADERS = ["王建华", "李志刚", "张晓东", "刘红梅", "陈国平", "杨继军", "赵永胜", "黄丽娟", "周海涛", "吴晓燕"]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗"
GIVEN = ["建国", "志强", "海燕", "俊峰", "丽华", "文斌", "玉兰", "国栋", "晓红", "永明", "秀英", "卫东"]


def _digits(name: str, n: int) -> int:
    return int(hashlib.sha256(name.encode()).hexdigest(), 16) % 10**n


def _code(name: str, kind: str) -> str:
    # 1 = 机构编制 registry; 1 = 机关, 2 = 事业单位; the 9-character body is derived from the name.
    category = "2" if kind == K.INSTITUTION else "1"
    return make_uscc(registry="1", kind=category, region=REGION, body8=f"{_digits(name, 8):08d}")


def _leader(name: str) -> str:
    return SURNAMES[_digits(name + "姓", 2) % len(SURNAMES)] + GIVEN[_digits(name + "名", 2) % len(GIVEN)]


def _office(full: str, index: int, office_name: str) -> dict[str, str]:
    phone = f"0350-42{20000 + index * 17:05d}"[:13]
    return {
        "leader": _leader(full),
        "address": f"山西省忻州市岢岚县岚漪镇宋长城路{8 + index}号",
        "phone": phone,
        "office_name": office_name,
        "office_address": f"山西省忻州市岢岚县岚漪镇宋长城路{8 + index}号",
        "office_postcode": "036300",
        "office_hours": OFFICE_HOURS,
        "office_phone": phone,
        "office_fax": f"0350-42{30000 + index * 17:05d}"[:13],
        "office_email": f"xxgk{index:02d}@kelan.gov.cn",
    }


def county_units() -> list[dict[str, object]]:
    """Return the demo units in order; the first is the county government, parent of the rest."""
    government = f"{COUNTY}人民政府"
    units: list[dict[str, object]] = [
        {
            "name": government,
            "short_name": "县政府",
            "kind": K.GOVERNMENT,
            "functions": "执行县人民代表大会及其常务委员会的决议和上级国家行政机关的决定和命令，"
            "管理本县经济、教育、科学、文化、卫生、体育、城乡建设和财政、民政、公安、司法行政等行政工作。",
            **_office(government, 0, "岢岚县人民政府办公室（县政务公开办公室）"),
        },
        {
            "name": f"{COUNTY}人民政府办公室",
            "short_name": "县政府办",
            "kind": K.OFFICE,
            "functions": "协助县政府领导处理日常工作，负责全县政务公开、政府信息公开、政府网站和政务新媒体的组织协调和监督考核。",
            **_office(f"{COUNTY}人民政府办公室", 1, "岢岚县人民政府办公室政务公开股"),
        },
    ]
    for i, (name, short, functions) in enumerate(DEPARTMENTS, start=2):
        full = f"{COUNTY}{name}" if name not in VERTICAL else f"国家税务总局{COUNTY}{name}"
        kind = K.VERTICAL if name in VERTICAL else K.DEPARTMENT
        units.append(
            {
                "name": full,
                "short_name": short,
                "kind": kind,
                "functions": functions,
                **_office(full, i, f"{full}办公室"),
            }
        )
    base = 2 + len(DEPARTMENTS)
    for i, name in enumerate(TOWNSHIPS, start=base):
        full = f"{COUNTY}{name}人民政府"
        units.append(
            {
                "name": full,
                "short_name": name,
                "kind": K.TOWNSHIP,
                "functions": f"负责{name}辖区内经济发展、社会事业、基层治理和便民服务工作。",
                **_office(full, i, f"{name}党政综合办公室"),
            }
        )
    base += len(TOWNSHIPS)
    for i, (name, functions) in enumerate(INSTITUTIONS, start=base):
        full = f"{COUNTY}{name}"
        units.append(
            {
                "name": full,
                "short_name": name,
                "kind": K.INSTITUTION,
                "functions": functions,
                **_office(full, i, f"{full}综合股"),
            }
        )
    for order, unit in enumerate(units):
        unit["code"] = _code(str(unit["name"]), str(unit["kind"]))
        unit["sort_order"] = order
    return units


SITE_PROFILE = {
    "site_name": "岢岚县人民政府",
    "region_name": "山西省忻州市岢岚县",
    "site_code": "1409290001",
    "icp_number": "晋ICP备05001234号",
    "police_number": "晋公网安备14092902000001号",
    # The demo's 党政机关网站标识: the register's address form with a made-up id (the demo never asks it).
    "conac_url": "https://bszs.conac.cn/sitename?method=show&id=DEMO1409290001",
    "sponsor": "岢岚县人民政府办公室",
    "operator": "岢岚县融媒体中心",
    "contact": "0350-4220000",
    "address": "山西省忻州市岢岚县岚漪镇宋长城路8号",
    "reconsideration_body": "岢岚县人民政府",
    "court": "岢岚县人民法院",
    "upper_reconsideration_body": "忻州市人民政府",
    "upper_court": "忻州市中级人民法院",
}

DEMO_PASSWORD = "Kelan-demo-2026"
# (username, role, unit short name, display name)
STAFF = [
    ("admin", "admin", "县政府", "系统管理员"),
    ("office", "office", "县政府办", "政务公开办 刘敏"),
    ("fgj_editor", "editor", "发改局", "发改局 编辑 张伟"),
    ("fgj_reviewer", "reviewer", "发改局", "发改局 审核 李娜"),
    ("fgj_head", "head", "发改局", "发改局 局长 王强"),
    ("czj_editor", "editor", "财政局", "财政局 编辑 赵磊"),
]
# Each unit that answers the demo's applications or publishes its records has its own staff, so that a
# case is handled, and a record written and approved, by people of the unit that holds it:
# short name → (login prefix, editor, reviewer (经办人), head). 发改局's are the named logins above.
UNIT_STAFF = {
    "县政府办": ("zfb", "张丽", "郭建华", "高志远"),
    "财政局": ("czj", "赵磊", "孙晓红", "周国平"),
    "交通局": ("jtj", "韩冬", "冯卫东", "马文斌"),
    "市场监管局": ("scjgj", "吴婷", "陈立新", "胡永胜"),
    "住建局": ("zjj", "杨帆", "何雪梅", "罗志军"),
    "民政局": ("mzj", "朱琳", "林秀英", "郭文明"),
    "自然资源局": ("zrzyj", "徐鹏", "高海燕", "李建国"),
    "信访局": ("xfj", "梁晨", "宋春梅", "黄国庆"),
    "林业局": ("lyj", "郑凯", "曹丽娟", "刘志刚"),
    "行政审批局": ("xzspj", "唐敏", "许晓东", "彭永红"),
    "卫体局": ("wtj", "邓洁", "萧文华", "田国强"),
    "应急局": ("yjj", "潘磊", "董建军", "袁海军"),
    "城管局": ("cgj", "蒋涛", "蔡秀兰", "贾志强"),
    "人社局": ("rsj", "白雪", "崔永刚", "任志华"),
    "环保局": ("hbj", "秦岚", "尹向东", "武建平"),
}
ROLE_NAMES = {"editor": "编辑", "reviewer": "审核", "head": "负责人"}


def unit_staff() -> list[tuple[str, str, str, str]]:
    """STAFF rows (username, role, unit short name, display name) for every unit of UNIT_STAFF."""
    named = {row[0] for row in STAFF}
    rows = []
    for short, (prefix, *names) in UNIT_STAFF.items():
        for role, name in zip(("editor", "reviewer", "head"), names, strict=True):
            if f"{prefix}_{role}" not in named:
                rows.append((f"{prefix}_{role}", role, short, f"{short} {ROLE_NAMES[role]} {name}"))
    return rows


def staff_of(short: str, role: str) -> str:
    """The username of the demo's ROLE (editor, reviewer, head) in the unit SHORT."""
    return "fgj_" + role if short == "发改局" else f"{UNIT_STAFF[short][0]}_{role}"
