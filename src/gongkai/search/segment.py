"""Chinese segmentation shared by indexing and querying (rjieba), and 发文字号 normalisation."""

from __future__ import annotations

import multiprocessing
import os
import re
import threading
from collections.abc import Iterator, Sequence
from typing import Any

BUILT_IN_TERMS = [
    "三公经费", "政务公开", "政府信息公开", "依申请公开", "主动公开", "双公示", "行政许可", "行政处罚",
    "行政强制", "权责清单", "办事指南", "政策解读", "规范性文件", "预算公开", "决算公开", "信用修复",
    "乡村振兴", "脱贫攻坚", "土地征收", "房屋征收", "政府采购", "公共资源交易", "羊十条", "三支贷",
]  # fmt: skip
_BRACKETS = str.maketrans({"[": "〔", "【": "〔", "(": "〔", "（": "〔", "［": "〔",
                           "]": "〕", "】": "〕", ")": "〕", "）": "〕", "］": "〕"})  # fmt: skip
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}[〔\[【(（［]\s*\d{4}\s*[〕\]】)）］]\s*\d+\s*号")
_lock = threading.Lock()
_loaded_version: object = None


def _jieba() -> Any:
    """rjieba, imported on first use: loading its dictionary costs every command 0.2 s otherwise."""
    import rjieba

    return rjieba


def normalise_number(text: str) -> str:
    """岢政发[2015]12号, 岢政发（2015）12号 … → 岢政发〔2015〕12号 (and index numbers unchanged)."""
    return re.sub(r"\s+", "", text.translate(_BRACKETS))


def document_numbers(text: str) -> list[str]:
    """Return every 发文字号 in TEXT, normalised."""
    return [normalise_number(m.group()) for m in _DOC_NUMBER.finditer(text)]


def load_terms(terms: list[str], version: object) -> None:
    """Teach the segmenter TERMS once per VERSION (unit names, the office's dictionary)."""
    global _loaded_version
    with _lock:
        if _loaded_version == version:
            return
        for term in [*BUILT_IN_TERMS, *terms]:
            if term and not _jieba().has_word(term):
                _jieba().add_word(term, None, None)
        _loaded_version = version


def tokens(text: str) -> list[str]:
    """Segment TEXT for search: words and their sub-words, lower-case, punctuation dropped.

    Only all-alphanumeric words are kept, so each is exactly one token to the index's tokenizer
    (a word such as "gb/t" is dropped at indexing and at query time alike).
    """
    return [t for t in _jieba().cut_for_search(text.lower()) if t.isalnum()]


PARALLEL_FROM = 2000  # segment in worker processes (one per core) from this many texts on


def token_strings(pair: tuple[str, str]) -> tuple[str, str]:
    """The space-separated tokens of a (title, text) pair."""
    title, text = pair
    return " ".join(tokens(title)), " ".join(tokens(text))


def _may_fork() -> bool:
    """Whether this process may fork workers: not while other threads run (an app server's), since a
    child would inherit any lock one of them holds at that moment."""
    return threading.active_count() == 1


def segmented(pairs: Sequence[tuple[str, str]]) -> Iterator[tuple[str, str]]:
    """`token_strings` of each (title, text) pair, in order; large batches are segmented on every core
    when the process may fork (a command or a single-threaded worker).

    The workers are forked (the dictionary is already loaded), only segment, and send back the token
    strings; they never touch the database."""
    workers = os.cpu_count() or 1
    if len(pairs) < PARALLEL_FROM or workers < 2 or not _may_fork():
        yield from map(token_strings, pairs)
        return
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from pool.imap(token_strings, pairs, chunksize=200)


def essential(words: list[str]) -> list[str]:
    """WORDS (tokens of a query) without those a longer one among them implies.

    The segmenter emits, with every word longer than two characters, each dictionary word of two
    characters inside it (and of three inside one longer than three) — at indexing as at query time —
    so an item holding 三公经费 holds 三公 and 经费 too: asking for them as well only costs time."""

    def implied(word: str) -> bool:
        return (
            len(word) in (2, 3)
            and _jieba().has_word(word)
            and any(len(other) > len(word) and len(other) > 2 and word in other for other in words)
        )

    return [word for word in words if not implied(word)]
