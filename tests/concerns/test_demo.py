import pytest
from django.utils import timezone

from gongkai.concerns import hotspots
from gongkai.concerns.models import Answer, Concern
from gongkai.demo.concerns import load_concerns
from gongkai.demo.loader import load_demo
from gongkai.demo.timeline import Timeline

pytestmark = pytest.mark.demo_content  # the demo county's content: the same in both runs


@pytest.mark.django_db
def test_the_demo_has_every_kind_and_state_published_answers_and_a_planted_burst(client):
    load_demo(documents=False, records=False)
    timeline = Timeline()
    today = timezone.localdate()
    counts = load_concerns(today, timeline)
    timeline.run()
    assert counts["concerns"] > 150 and counts["concern answers published"] > 50
    assert set(Concern.objects.values_list("status", flat=True)) == set(Concern.Status.values)
    assert set(Concern.objects.values_list("kind", flat=True)) == {
        "consult",
        "suggest",
        "complain",
        "opinion",
        "incident",
    }
    assert Concern.objects.filter(received_at__year=2015).exists()
    assert Concern.objects.filter(escalated_at__isnull=False).exists()
    published = Answer.objects.filter(status="published")
    assert published.count() == counts["concern answers published"]
    for answer in published[:40]:
        concern = answer.concern
        assert concern.phone not in answer.question and concern.name not in answer.question
    found = hotspots.detect(today)
    assert [h.term for h in found] == ["停水"]
    assert load_concerns(today, Timeline())["concerns"] == 0  # loading again adds nothing
