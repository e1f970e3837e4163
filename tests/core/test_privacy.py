"""The personal-data guard on its own."""

import itertools

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


def test_redaction_masks_every_finding_by_position_and_a_name_wherever_it_occurs():
    text = "经办人王小明，手机13812345678；王小明另留电话13812345678。"
    found = scan(text)
    assert [f.kind for f in found] == ["name", "mobile", "mobile"]  # the second 王小明 has no cue word
    assert redact(text, found) == "经办人王*明，手机138****5678；王*明另留电话138****5678。"
    html = "<p>经办人王小明，手机<b>13812345678</b>。</p>"  # found in the plain text, masked in the HTML
    assert redact(html, scan("经办人王小明，手机13812345678。")) == (
        "<p>经办人王*明，手机<b>138****5678</b>。</p>"
    )


def test_overlapping_candidates_are_found_once_among_many():
    text = "".join(f"申请人张华，身份证142629198507071233，手机1381234{n:04d}；" for n in range(3000))
    found = scan(text)
    assert len(found) == 9000 and len({(f.start, f.end) for f in found}) == 9000
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))  # no two overlap


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("我叫王秀英，电话见下", ["王秀英"]),
        ("我家邻居张三家住东关村，村民李建国也说路坏了", ["张三", "李建国"]),
        ("王先生反映居民区的路灯不亮", []),
        ("本人对第三条有意见，老人们和司机们都赞成", []),
    ],
)
def test_citizens_words_name_people_without_labels_only_when_asked(text, names):
    found = scan(text, people=True)
    assert [f.excerpt for f in found if f.kind == "name"] == names
    assert not [f for f in scan(text) if f.kind == "name"]  # documents keep the label rule
