import pytest

from gongkai.core.models import AuditEntry, CalendarYear, Unit, User
from gongkai.core.uscc import uscc_problem
from gongkai.demo.loader import load_demo


@pytest.mark.django_db
def test_demo_county_has_its_government_43_units_staff_and_calendar():
    result = load_demo()
    assert result.totals == {"units": 44, "staff users": 6, "holiday years": 2}
    government = Unit.objects.get(kind=Unit.Kind.GOVERNMENT)
    assert government.name == "岢岚县人民政府"
    assert Unit.objects.filter(parent=government).count() == 43
    assert all(uscc_problem(code) is None for code in Unit.objects.values_list("code", flat=True))
    assert all(not u.missing_guide_items() for u in Unit.objects.all())
    assert set(User.objects.values_list("role", flat=True)) == set(User.Role.values)
    assert set(CalendarYear.objects.values_list("year", flat=True)) == {2025, 2026}


@pytest.mark.django_db
def test_demo_is_idempotent():
    load_demo()
    entries = AuditEntry.objects.count()
    again = load_demo()
    assert set(again.created.values()) == {0}
    assert Unit.objects.count() == 44
    assert AuditEntry.objects.count() == entries
