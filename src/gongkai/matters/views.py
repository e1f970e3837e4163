"""Public: look up an approval case's progress; download a matter's application forms."""

from __future__ import annotations

from django import forms
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from gongkai.core import files, ratelimit
from gongkai.core.clientip import client_ip
from gongkai.core.publishable import visible_q

from . import services
from .models import ApprovalCase, Matter, MatterForm


class CaseLookupForm(forms.Form):
    case_no = forms.CharField(label="办件编号", max_length=60)
    code = forms.CharField(label="查询码", max_length=20, help_text="受理时回执单上的查询码")


@never_cache
@require_http_methods(["GET", "POST"])
def case_lookup(request: HttpRequest) -> HttpResponse:
    form = CaseLookupForm(request.POST or None)
    context: dict[str, object] = {"form": form}
    status = 200
    if request.method == "POST" and form.is_valid():
        case_no = form.cleaned_data["case_no"].strip()
        if ratelimit.lookup_blocked(client_ip(request), case_no):
            form.add_error(None, ratelimit.LOOKUP_BLOCKED_MESSAGE)
            status = 429
        else:
            case = ApprovalCase.objects.select_related("matter", "unit").filter(case_no=case_no).first()
            if case is None or not services.verify_code(case, form.cleaned_data["code"]):
                ratelimit.lookup_failed(client_ip(request), case_no)
                form.add_error(None, "办件编号或查询码不正确。")
            else:
                context.update(
                    {
                        "case": case,
                        "applicant": services.masked_applicant(case),
                        "steps": case.steps.all(),
                        "overdue": services.is_overdue(case),
                        "matter_public": Matter.objects.filter(visible_q(), pk=case.matter_id).exists(),
                    }
                )
    return render(request, "matters/case_lookup.html", context, status=status)


@require_GET
def form_file(request: HttpRequest, pk: int, name: str) -> HttpResponse:
    item = MatterForm.objects.filter(pk=pk, name=name).first()
    if item is None or not Matter.objects.filter(visible_q(), pk=item.matter_id).exists():
        raise Http404("no such public form")
    return files.download(item.sha256, item.name, item.content_type)
