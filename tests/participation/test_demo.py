"""The demo's consultations: the seed's 县城总体规划 in three rounds with a hearing whose draw verifies,
recent drafts of several units in every phase, comments by paragraph, and a log that verifies."""

import pytest
from django.utils import timezone

from gongkai.core import transparency
from gongkai.demo.loader import load_demo
from gongkai.demo.participation import load_participation
from gongkai.demo.timeline import Timeline
from gongkai.participation import services
from gongkai.participation.models import Consultation, Hearing

pytestmark = pytest.mark.demo_content  # the demo county's content: the same in both runs


@pytest.mark.django_db
def test_demo_consultations_run_from_draft_to_adoption_report(client):
    load_demo(documents=False, records=False)
    timeline = Timeline()
    counts = load_participation(timezone.localdate(), timeline)
    timeline.run()
    assert counts["consultations"] == 8 and counts["hearings"] == 1
    plan = Consultation.objects.filter(title__startswith="岢岚县县城总体规划").order_by("round_no")
    assert [c.round_no for c in plan] == [1, 2, 3] and [r.pk for r in plan[2].rounds()] == [
        c.pk for c in plan
    ]
    assert {c.phase() for c in plan} == {"reported"}
    assert (
        plan[2].paragraphs.get(position=6).text != plan[0].paragraphs.get(position=6).text
    )  # the draft changed
    hearing = Hearing.objects.get()
    assert hearing.registrations.count() > hearing.seats and services.draw_verifies(hearing)
    assert hearing.materials_on_time() is True
    phases = {c.phase() for c in Consultation.objects.all()}
    assert phases == {"upcoming", "open", "closed", "reported"}
    assert len({c.unit_id for c in Consultation.objects.all()}) >= 5
    assert Consultation.objects.filter(
        comments__paragraph__isnull=False, comments__status="published"
    ).exists()
    api = client.get("/api/v1/consultations", {"status": "reported"}).json()
    assert api["count"] == 4
    assert transparency.verify_local() == []
    # Loading again adds nothing.
    assert load_participation(timezone.localdate(), Timeline()) == {"consultations": 0}
