"""The demo catalog: the seed report's policies and a year of documents across the county's units."""

from __future__ import annotations

import io
import random
import re
from datetime import date, datetime, time, timedelta
from pathlib import Path

from django.utils import timezone

from gongkai.core.calendar_data import load_calendar
from gongkai.core.models import Unit, User
from gongkai.publishing import services
from gongkai.publishing.models import Category, Document

from .timeline import Timeline

ASSETS = Path(__file__).parent / "assets"  # the demo's pictures (see assets/*.html for their source)

G = Document.Genre
T = Document.Topic


def _at(day: date, hour: int = 10) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(hour, 0)))


def _docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _xlsx(rows: list[list[object]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


SEED = [
    {
        "key": "yang10",
        "unit": "县政府",
        "title": "岢岚县人民政府关于印发岢岚县扶持羊产业发展十条措施的通知",
        "doc_number": "岢政发〔2015〕12号",
        "category": "normative",
        "genre": G.NORMATIVE,
        "topic": T.AGRICULTURE,
        "keywords": "羊十条,羊产业,扶持政策",
        "summary": "从良种引进、标准化养殖、饲草种植、贷款贴息、保险补贴等十个方面扶持全县羊产业发展。",
        "body": "<p>各乡（镇）人民政府，县直各有关单位：</p><p>为加快全县羊产业发展，促进农民增收，经县人民政府研究，制定《岢岚县扶持羊产业发展十条措施》（简称“羊十条”），现印发给你们，请认真贯彻执行。</p><h3>一、支持良种引进</h3><p>对新引进优质种公羊的养殖户，每只补贴1000元。</p><h3>二、支持标准化圈舍建设</h3><p>新建标准化羊舍200平方米以上的，每平方米补贴50元。</p><h3>三、支持饲草种植</h3><p>种植优质牧草的，每亩补贴100元。</p><h3>四、贷款贴息</h3><p>养殖户用于羊产业发展的贷款，按基准利率给予贴息。</p>",
        "written": date(2015, 3, 20),
        "requires_interpretation": True,
        "interpretation": {
            "title": "图解：岢岚县扶持羊产业发展十条措施",
            "form": Document.InterpretationForm.GRAPHIC,
            "image": ("一图读懂羊十条.png", "yang10-graphic.png"),
            "body": "<p>一图读懂“羊十条”：引种有补贴、建舍有补贴、种草有补贴、贷款有贴息、保险有补助。</p><ol><li>引种有补贴：新引进优质种公羊，每只补贴1000元。</li><li>建舍有补贴：新建标准化羊舍200平方米以上，每平方米补贴50元。</li><li>种草有补贴：种植优质牧草，每亩补贴100元。</li><li>贷款有贴息：用于羊产业发展的贷款，按基准利率贴息。</li><li>保险有补助：参加羊只养殖保险，保费给予补助。</li></ol><p>咨询电话：{tel:农业农村局}（县农业农村局）。</p>",
        },
    },
    {
        "key": "sanzhidai",
        "unit": "县政府办",
        "title": "岢岚县“三支贷”（支农、支小、支微贷款）实施办法",
        "doc_number": "岢政办发〔2015〕23号",
        "category": "normative",
        "genre": G.NORMATIVE,
        "topic": T.FINANCE,
        "keywords": "三支贷,小微企业,贷款",
        "summary": "设立“三支贷”风险补偿金，支持农户、小微企业和个体工商户融资。",
        "body": "<p>为缓解农户和小微企业融资难问题，县财政设立风险补偿金，合作银行按补偿金的10倍发放“三支贷”。</p><p>贷款对象为本县农户、小型微型企业和个体工商户，单户贷款额度最高50万元，期限不超过3年。</p>",
        "written": date(2015, 5, 8),
    },
    {
        "key": "plan-hearing",
        "unit": "自然资源局",
        "title": "关于召开岢岚县县城总体规划（2015—2030年）听证会的公告",
        "doc_number": "",
        "category": "plan",
        "genre": G.ANNOUNCEMENT,
        "topic": T.URBAN,
        "keywords": "县城总体规划,听证",
        "summary": "定于2015年7月15日召开县城总体规划听证会，公开遴选听证参加人。",
        "body": "<p>根据《中华人民共和国城乡规划法》，县人民政府定于2015年7月15日上午9时在县政府第一会议室召开《岢岚县县城总体规划（2015—2030年）》听证会。</p><p>报名时间：即日起至7月5日。报名方式：到县自然资源局规划股现场报名或电话报名，电话 {tel:自然资源局}。</p>",
        "written": date(2015, 6, 20),
    },
    {
        "key": "budget-2015",
        "unit": "财政局",
        "title": "岢岚县2015年财政预算及“三公”经费预算公开",
        "doc_number": "",
        "category": "budget",
        "genre": G.REPORT,
        "topic": T.FINANCE,
        "keywords": "预算,三公经费",
        "summary": "经县人民代表大会审议通过的2015年一般公共预算、政府性基金预算及县级“三公”经费预算。",
        "body": "<p>岢岚县2015年一般公共预算收入安排 32,800 万元，支出安排 178,600 万元。详见附件。</p>",
        "written": date(2015, 2, 15),
        "attachments": [
            (
                "2015年县级“三公”经费预算表.xlsx",
                "xlsx",
                [
                    ["项目", "预算数（万元）"],
                    ["因公出国（境）费", 0],
                    ["公务用车购置及运行费", 312.5],
                    ["公务接待费", 86.2],
                    ["合计", 398.7],
                ],
            ),
            (
                "2015年预算报告.docx",
                "docx",
                [
                    "关于岢岚县2015年预算的报告",
                    "一、2014年预算执行情况",
                    "二、2015年预算草案",
                    "严格控制“三公”经费，较上年下降8%。",
                ],
            ),
        ],
    },
    {
        "key": "jobs-guide",
        "unit": "人社局",
        "title": "岢岚县就业创业优惠政策指南",
        "doc_number": "",
        "category": "employment",
        "genre": G.OTHER,
        "topic": T.LABOUR,
        "keywords": "就业补贴,创业担保贷款,政策指南",
        "summary": "汇集就业补贴最新的申领条件、所需材料和办理程序。",
        "body": "<h3>一、职业培训补贴</h3><p>城镇失业人员参加职业培训的，按规定给予补贴。</p><h3>二、创业担保贷款</h3><p>个人最高可申请15万元，财政按规定贴息。</p><h3>三、办理地点</h3><p>县政务服务中心人社窗口，电话 {tel:人社局}。</p>",
        "written": date(2015, 4, 10),
    },
    {
        "key": "lottery",
        "unit": "住建局",
        "title": "关于广惠园廉租房公开摇号分配的公告",
        "doc_number": "",
        "category": "housing",
        "genre": G.ANNOUNCEMENT,
        "topic": T.URBAN,
        "keywords": "廉租房,摇号,保障性住房",
        "summary": "广惠园202套廉租房定于2015年9月公开摇号分配，全程公证。",
        "body": "<p>广惠园小区202套廉租房已竣工验收，经资格审核合格的申请家庭将通过公开摇号确定房源。摇号全程由公证处公证，并邀请人大代表、政协委员和群众代表现场监督。</p>",
        "written": date(2015, 8, 25),
    },
]

TEMPLATES = [
    ("{u}{y}年工作总结", "other", G.REPORT, T.GENERAL),
    ("{u}{y}年工作要点", "plan", G.PLAN, T.GENERAL),
    ("{u}关于{y}年部门预算公开的说明", "budget", G.REPORT, T.FINANCE),
    ("{u}{y}年部门决算公开", "final-accounts", G.REPORT, T.FINANCE),
    ("{u}关于开展安全生产大检查的通知", "safety", G.NOTICE, T.MARKET),
    ("{u}关于做好防汛工作的通知", "other", G.NOTICE, T.AGRICULTURE),
    ("{u}机构职能及领导分工", "org", G.OTHER, T.GENERAL),
    ("{u}关于公开征求意见的公告", "consultation", G.ANNOUNCEMENT, T.GENERAL),
]


def load_documents(timeline: Timeline, *, today: date | None = None) -> int:
    """Create the demo catalog once, its publications added to TIMELINE; return how many documents
    were created."""
    if Document.objects.exists():
        return 0
    before = Document.objects.count()
    today = today or timezone.localdate()
    office = User.objects.get(username="office")
    admin = User.objects.get(username="admin")
    calendar = load_calendar()
    units = {u.short_name: u for u in Unit.objects.all()}
    categories = {c.code: c for c in Category.objects.all()}

    def phones(text: str) -> str:
        return re.sub(r"\{tel:(.+?)\}", lambda m: units[m.group(1)].office_phone, text)

    def publish(document: Document, day: date) -> None:
        services.document_submit(document=document, by=office)
        services.document_approve(document=document, by=admin)
        timeline.add(
            _at(day),
            lambda: services.document_publish(document=document, by=admin, at=_at(day), now=_at(day)),
        )

    for item in SEED:
        written = item["written"]
        policy = services.document_create(
            by=office, unit=units[item["unit"]], title=item["title"], formed_on=written,
            category=categories[item["category"]], body=phones(item["body"]), doc_number=item["doc_number"],
            written_on=written, genre=item["genre"], topic=item["topic"], keywords=item["keywords"],
            summary=item["summary"], requires_interpretation=item.get("requires_interpretation", False),
        )  # fmt: skip
        for name, kind, content in item.get("attachments", []):
            data = _xlsx(content) if kind == "xlsx" else _docx(content)
            services.document_attach(document=policy, by=office, name=name, data=data)
        publish_day = calendar.due_date(written, 5).due_date
        if "interpretation" in item:
            spec = item["interpretation"]
            interpretation = services.document_create(
                by=office, unit=policy.unit, title=spec["title"], formed_on=written,
                category=categories["interpretation"], body=phones(spec["body"]), genre=G.INTERPRETATION,
                topic=item["topic"], interprets=policy, interpretation_form=spec["form"],
            )  # fmt: skip
            if "image" in spec:
                name, asset = spec["image"]
                data = (ASSETS / asset).read_bytes()
                services.document_attach(document=interpretation, by=office, name=name, data=data)
            services.document_submit(document=interpretation, by=office)
            services.document_approve(document=interpretation, by=admin)
        publish(policy, publish_day)
        if item["key"] == "jobs-guide":
            amended = _at(publish_day + timedelta(days=30))
            timeline.add(amended, lambda p=policy, at=amended: services.document_amend(
                document=p, by=admin, now=at, change_note="补充创业担保贷款贴息标准。",
                body=p.body + "<p>创业担保贷款贴息：财政按贷款合同签订日贷款市场报价利率的50%给予贴息。</p>",
            ))  # fmt: skip

    rng = random.Random(2015)
    unit_list = [u for u in units.values()]
    start = today - timedelta(days=365)
    for i in range(240):
        unit = unit_list[i % len(unit_list)]
        title, category, genre, topic = TEMPLATES[rng.randrange(len(TEMPLATES))]
        formed = start + timedelta(days=rng.randrange(350))
        year = formed.year
        document = services.document_create(
            by=office, unit=unit, title=title.format(u=unit.name, y=year) + (f"（第{i // len(unit_list) + 1}期）" if i >= len(unit_list) else ""),
            formed_on=formed, category=categories[category], genre=genre, topic=topic, written_on=formed,
            body=f"<p>{unit.name}根据工作安排，现将有关事项公开如下。</p><p>联系电话：{unit.office_phone}。</p>",
            summary=f"{unit.name}{title.format(u='', y=year)}。",
        )  # fmt: skip
        delay = rng.choice([3, 5, 8, 12, 15, 18, 19, 25, 30])  # some publish after the 20-working-day limit
        day = calendar.due_date(formed, delay).due_date
        if day < today:
            publish(document, day)
    # A withdrawn notice, a scheduled one, and a draft holding personal data for the guard to catch.
    timeline.add(timezone.now(), lambda: _withdraw_a_consultation(admin))
    scheduled = services.document_create(
        by=office, unit=units["县政府办"], title="关于元旦期间值班安排的通知", formed_on=today,
        category=categories["other"], body="<p>元旦期间各单位安排专人值班。</p>",
    )  # fmt: skip
    services.document_submit(document=scheduled, by=office)
    services.document_approve(document=scheduled, by=admin)
    timeline.add(
        timezone.now(),
        lambda: services.document_publish(
            document=scheduled, by=admin, at=_at(today + timedelta(days=20), 9)
        ),
    )
    services.document_create(
        by=User.objects.get(username="fgj_editor"), unit=units["发改局"], title="关于价格举报处理结果的公示",
        formed_on=today, category=categories["other"],
        body="<p>举报人：王小明，身份证号 142629198507071233，手机 13812345678。经查，举报事项属实，已责令整改。</p>",
    )  # fmt: skip
    return Document.objects.count() - before


def _withdraw_a_consultation(by: User) -> None:
    withdrawn = Document.objects.filter(
        status=Document.Status.PUBLISHED, category__code="consultation"
    ).first()
    if withdrawn is not None:
        services.document_withdraw(document=withdrawn, by=by, reason="公告内容有误，已重新发布更正后的公告。")
