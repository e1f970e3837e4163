"""The personal-data guard on its own."""

import pytest

from gongkai.core.privacy import Kind, id_number_valid, luhn_valid, mask, redact, scan

ID = "142629198507071233"  # valid check digit, born 1985-07-07


def kinds(text, **kw):
    return [(f.kind, f.excerpt) for f in scan(text, **kw)]


def test_id_numbers_need_a_real_birth_date_and_check_digit():
    assert id_number_valid(ID)
    assert not id_number_valid(ID[:-1] + "8")
    assert not id_number_valid("142629198507071237")
    assert not id_number_valid("142629198513071233")  # month 13
    assert kinds(f"身份证号{ID}。") == [(Kind.ID_NUMBER, ID)]
    assert kinds("编号142629198513071233") == []


def test_mobile_landline_email_and_bank_card():
    text = "手机13812345678，电话0350-4221234，邮箱 zhang.san@example.com，卡号6222020200112233445"
    card = "6212260200123456788"
    assert luhn_valid(card)
    found = kinds(text.replace("6222020200112233445", card))
    assert (Kind.MOBILE, "13812345678") in found
    assert (Kind.LANDLINE, "0350-4221234") in found
    assert (Kind.EMAIL, "zhang.san@example.com") in found
    assert (Kind.BANK_CARD, card) in found


def test_public_office_numbers_are_allowed():
    assert kinds("咨询电话 0350-4220043", allow=["0350-4220043"]) == []
    assert kinds("邮箱 xxgk@kelan.gov.cn", allow=["XXGK@kelan.gov.cn"]) == []


def test_names_are_found_only_next_to_other_personal_data():
    assert (Kind.NAME, "王小明") in kinds(f"举报人：王小明，身份证号 {ID}")
    assert kinds("联系人：王小明") == []


def test_masks_follow_the_offered_forms():
    assert mask(Kind.ID_NUMBER, "142601199001011234") == "1426**********1234"
    assert mask(Kind.MOBILE, "13812345678") == "138****5678"
    assert mask(Kind.NAME, "王小明") == "王*明"
    assert mask(Kind.NAME, "王明") == "王*"
    assert mask(Kind.EMAIL, "zhang@example.com") == "z***@example.com"


def test_redact_replaces_every_occurrence():
    text = f"{ID} 和 {ID}"
    assert redact(text, scan(text)) == "1426**********1233 和 1426**********1233"


@pytest.mark.parametrize(
    "text", ["2015年12月31日", "岢政发〔2015〕12号", "索引号 11140929532342861R/2015-00001"]
)
def test_ordinary_government_text_has_no_findings(text):
    assert scan(text) == []
