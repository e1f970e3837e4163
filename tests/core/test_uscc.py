import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from gongkai.core.uscc import USCC_CHARSET, make_uscc, uscc_problem, validate_uscc


@pytest.mark.parametrize("code", ["91350100M000100Y43", "91110000600037341L"])
def test_accepts_real_codes(code):
    assert uscc_problem(code) is None
    validate_uscc(code)


@pytest.mark.parametrize(
    ("code", "error_code"),
    [
        ("91350100M000100Y4", "uscc_length"),
        ("91350100M000100Y44", "uscc_check"),
        ("91350100M00010OY43", "uscc_charset"),
        ("913501A0M000100Y43", "uscc_region"),
    ],
)
def test_rejects_bad_codes_with_a_chinese_message(code, error_code):
    with pytest.raises(ValidationError) as caught:
        validate_uscc(code)
    assert caught.value.code == error_code
    assert "统一社会信用代码" in caught.value.messages[0]


@given(body=st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=8, max_size=8))
def test_generated_codes_validate_and_any_single_change_is_caught(body):
    code = make_uscc(registry="1", kind="1", region="140929", body8=body)
    assert uscc_problem(code) is None
    wrong = USCC_CHARSET[(USCC_CHARSET.index(code[17]) + 1) % len(USCC_CHARSET)]
    assert uscc_problem(code[:17] + wrong) is not None
