"""Following a procurement process on a phone: from the list to its page, intention to contract."""

from gongkai.core.models import Unit, User
from gongkai.demo.county import staff_of
from tests.e2e.test_portal import axe_violations
from tests.procurement.factories import course, make_process


def test_a_process_is_followed_from_the_list_to_its_page_on_a_phone(phone):
    unit = Unit.objects.get(short_name="县政府办")
    editor, reviewer = (
        User.objects.get(username=staff_of("县政府办", role)) for role in ("editor", "reviewer")
    )
    process = make_process(unit)
    course(process, editor, reviewer, ("intention", "tender", "award", "contract"))
    phone.goto("/zfcg/?method=open")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    assert axe_violations(phone) == []
    phone.get_by_role("link", name=process.title).click()
    phone.wait_for_url(f"**/zfcg/{process.code}/")
    assert phone.evaluate("document.documentElement.scrollWidth") <= 375
    steps = phone.get_by_role("list", name="采购进展")
    assert steps.locator("li.done").count() == 4
    supplier = phone.locator("td[data-label='供应商']").first
    assert supplier.inner_text() == "岢岚县鑫源商贸有限公司"
    assert supplier.evaluate("td => getComputedStyle(td).display") == "block"  # a card, not a table row
    phone.screenshot(path="test-results/procurement-process-phone.png", full_page=True)
    assert axe_violations(phone) == []
