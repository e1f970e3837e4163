"""`gongkai transparency verify`, on the local database and against a running site."""

import pytest
from django.core.management import call_command
from django.db import connection

from gongkai.publishing import services
from gongkai.publishing.models import Document

from .factories import published


def test_local_verify_passes_then_fails_on_tampering(editor, reviewer, capsys):
    document = published(editor, reviewer)
    services.document_withdraw(document=published(editor, reviewer, title="二"), by=reviewer, reason="撤回")
    call_command("transparency", "verify")
    assert "OK: 3 entries verified" in capsys.readouterr().out
    Document.objects.filter(pk=document.pk).update(title="改过的标题")
    with pytest.raises(SystemExit) as caught:
        call_command("transparency", "verify")
    assert caught.value.code == 1
    assert "differs" in capsys.readouterr().err


def test_local_verify_fails_on_an_item_served_without_its_entry(editor, reviewer, capsys):
    """Deleting the last entry and rewinding the head left the chain whole while the item was still
    served: verify said OK (issue #23 item 9)."""
    from gongkai.core.models import TransparencyEntry, TransparencyHead

    published(editor, reviewer)
    last = published(editor, reviewer, title="最后一条")
    with connection.cursor() as cursor:  # as someone with the database would: the model refuses
        cursor.execute(f"DELETE FROM {TransparencyEntry._meta.db_table} WHERE index_no = %s", [last.index_no])
    previous = TransparencyEntry.objects.order_by("-seq").first()
    TransparencyHead.objects.filter(pk=1).update(seq=previous.seq, entry_hash=previous.entry_hash)
    with pytest.raises(SystemExit) as caught:
        call_command("transparency", "verify")
    assert caught.value.code == 1
    assert f"{last.index_no}" in (err := capsys.readouterr().err) and "not in the log" in err


@pytest.mark.django_db(transaction=True)
def test_remote_verify_against_the_live_site(live_server, county, department, make_user, capsys):
    editor = make_user("editor", department, "e")
    reviewer = make_user("reviewer", department, "r")
    document = published(editor, reviewer)
    call_command("transparency", "verify", "--url", live_server.url)
    assert "OK: 1 entries verified" in capsys.readouterr().out
    Document.objects.filter(pk=document.pk).update(body="<p>悄悄改了</p>")
    with pytest.raises(SystemExit):
        call_command("transparency", "verify", "--url", live_server.url)
    assert "differs from the log" in capsys.readouterr().err
