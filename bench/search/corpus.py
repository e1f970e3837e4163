"""A synthetic corpus of government text: Zipf-distributed vocabulary, bodies of 500–20,000 characters."""

from __future__ import annotations

import itertools
import math
import random
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

WORDS = [
    "政府",
    "信息",
    "公开",
    "通知",
    "关于",
    "工作",
    "县",
    "乡镇",
    "人民政府",
    "实施",
    "方案",
    "意见",
    "办法",
    "规定",
    "管理",
    "发展",
    "建设",
    "项目",
    "资金",
    "预算",
    "决算",
    "三公经费",
    "财政",
    "扶贫",
    "脱贫攻坚",
    "乡村振兴",
    "产业",
    "农业",
    "农村",
    "农民",
    "合作社",
    "羊产业",
    "养殖",
    "种植",
    "补贴",
    "贷款",
    "贴息",
    "保险",
    "就业",
    "创业",
    "培训",
    "社会保障",
    "养老",
    "医疗",
    "教育",
    "学校",
    "卫生",
    "健康",
    "环境",
    "保护",
    "污染",
    "治理",
    "安全生产",
    "应急",
    "防汛",
    "抗旱",
    "森林",
    "防火",
    "交通",
    "公路",
    "道路",
    "运输",
    "城乡",
    "规划",
    "土地",
    "征收",
    "房屋",
    "补偿",
    "住房",
    "保障",
    "棚户区",
    "改造",
    "市场",
    "监管",
    "食品",
    "药品",
    "质量",
    "价格",
    "执法",
    "检查",
    "处罚",
    "许可",
    "审批",
    "服务",
    "办理",
    "窗口",
    "政务",
    "便民",
    "热线",
    "投诉",
    "举报",
    "信访",
    "群众",
    "满意",
    "考核",
    "监督",
    "责任",
    "落实",
    "推进",
    "加强",
    "完善",
    "健全",
    "机制",
    "制度",
    "体系",
    "标准",
    "规范",
    "程序",
    "时限",
    "公示",
    "公告",
    "名单",
    "结果",
    "统计",
    "数据",
    "报告",
    "年度",
    "计划",
    "总结",
    "目标",
    "任务",
    "措施",
    "要求",
    "单位",
    "部门",
    "负责人",
    "联系",
    "电话",
    "地址",
    "附件",
    "岢岚县",
    "宋长城",
    "岚漪镇",
    "三井镇",
    "神堂坪乡",
]


HEAD = len(WORDS)  # the government vocabulary above; below, a long tail of proper names


def _tail() -> list[str]:
    """Villages, enterprises and projects: ~6,000 rarer words, as a real county's text holds."""
    chars = "张王李赵刘陈杨黄吴周徐孙马朱胡郭何高林罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文"
    rng = random.Random(3)
    names = list(dict.fromkeys("".join(rng.sample(chars, 2)) for _ in range(3000)))
    villages = [f"{n}村" for n in names[:1500]]
    firms = [
        f"{n}{kind}"
        for n, kind in zip(
            names[1500:], itertools.cycle(["农牧有限公司", "合作社", "建筑工程公司", "商贸公司"])
        )
    ]
    works = ["道路硬化工程", "饮水安全工程", "光伏电站", "危房改造项目", "文化广场", "卫生室"]
    projects = [f"{v}{w}" for v, w in zip(rng.sample(villages, 1500), itertools.cycle(works))]
    return villages + firms + projects


WORDS += _tail()
_CUMULATIVE = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(WORDS))))


def zipf_words(rng: random.Random, n: int) -> list[str]:
    return rng.choices(WORDS, cum_weights=_CUMULATIVE, k=n)


def body_length(rng: random.Random) -> int:
    return int(min(20000, max(500, rng.lognormvariate(math.log(1500), 0.6))))


def _words(rng: random.Random, k: int, topic: list[str], share: float) -> list[str]:
    """K words by the Zipf law, each replaced by one of TOPIC's with probability SHARE."""
    return [rng.choice(topic) if topic and rng.random() < share else w for w in zipf_words(rng, k)]


def documents(n: int, seed: int = 1, bursty: bool = False) -> Iterator[dict[str, object]]:
    """N items. Words are drawn independently from the Zipf vocabulary; with BURSTY, each item also
    has a topic — 12 words of its own (drawn by the same law) that make up 40 % of its text and most
    of its title — as real documents repeat what they are about."""
    rng = random.Random(seed)
    start = datetime(2020, 1, 1, tzinfo=UTC)
    for i in range(n):
        topic = zipf_words(rng, 12) if bursty else []
        length = body_length(rng)
        text: list[str] = []
        size = 0
        while size < length:
            sentence = "".join(_words(rng, rng.randint(6, 14), topic, 0.4)) + "。"
            text.append(sentence)
            size += len(sentence)
        year = 2020 + i % 7  # published through that year (1.2 million items fill it)
        yield {
            "ident": f"B{i:07d}",
            "title": "".join(_words(rng, rng.randint(4, 9), topic, 0.7)),
            "text": "".join(text),
            "unit": f"U{i % 43:02d}",
            "number": f"岢政发〔{year}〕{i}号",
            "published_at": start.replace(year=year) + timedelta(minutes=(i // 7) * 3),
        }
