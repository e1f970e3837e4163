from decimal import Decimal

import pytest

from gongkai.applications.fees import explain_pages, fee_by_count, fee_by_pages


@pytest.mark.parametrize(
    ("ordinal", "fee"), [(1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (51, 400)]
)
def test_fee_by_count(ordinal, fee):
    assert fee_by_count(ordinal) == Decimal(fee)


@pytest.mark.parametrize(
    ("pages", "fee"), [(0, 0), (30, 0), (31, 10), (100, 700), (101, 720), (200, 2700), (250, 4700)]
)
def test_fee_by_pages_is_marginal(pages, fee):
    assert fee_by_pages(pages) == Decimal(fee)


def test_explanation_shows_the_bands():
    assert explain_pages(250) == "30页免费，70页×10元，100页×20元，50页×40元，合计 4700 元"
