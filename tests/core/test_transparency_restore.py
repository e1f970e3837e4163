"""The publication log's restore entry (issue #23 item 14), checked by the chain verifier."""

import pytest

from gongkai.core import transparency
from gongkai.core.models import TransparencyEntry, TransparencyHead

pytestmark = pytest.mark.django_db


def _publish(n):
    for i in range(n):
        transparency.append(action="publish", object_type="probe", index_no=f"P-{i}", version=1, content=None)


def _chain():
    return [transparency.entry_as_dict(e) for e in TransparencyEntry.objects.order_by("seq")]


def test_a_restore_entry_continues_past_the_head_the_public_saw():
    _publish(3)
    seen = transparency.head()
    # As if an older backup (two entries) had been restored: the third entry is gone.
    TransparencyEntry.objects.filter(seq__gt=2)._raw_delete(TransparencyEntry.objects.db)
    restored = TransparencyEntry.objects.get(seq=2)
    TransparencyHead.objects.filter(pk=1).update(seq=2, entry_hash=restored.entry_hash)
    bridge = transparency.restore_bridge(seen)
    assert bridge.seq == 4 and bridge.prev_hash == seen[1] and bridge.version == 2
    _publish(1)
    problems, latest = transparency.verify_chain(_chain())
    assert problems == [] and transparency.head()[0] == 5 and "" not in latest
    assert transparency.restore_bridge(transparency.head()) is None  # not behind: nothing to bridge


def test_a_forged_restore_entry_is_caught():
    _publish(2)
    chain = _chain()
    forged = {**chain[-1], "seq": 3, "action": "restore", "version": 1, "content_sha256": "0" * 64}
    problems, _latest = transparency.verify_chain([*chain, forged])
    assert any("restore entry" in p.detail for p in problems)


def test_the_public_log_page_says_what_a_restore_entry_is(client, county):
    _publish(2)
    seen = transparency.head()
    TransparencyEntry.objects.filter(seq__gt=1)._raw_delete(TransparencyEntry.objects.db)
    first = TransparencyEntry.objects.get(seq=1)
    TransparencyHead.objects.filter(pk=1).update(seq=1, entry_hash=first.entry_hash)
    transparency.restore_bridge(seen)
    page = client.get("/xxgk/log/")
    assert page.status_code == 200 and "恢复备份" in page.text and "接续至第 1 条" in page.text
