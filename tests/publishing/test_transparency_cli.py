"""`gongkai transparency verify`, on the local database and against a running site."""

import pytest
from django.core.management import call_command

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
