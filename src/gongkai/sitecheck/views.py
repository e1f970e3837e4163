"""The office's census pages: every site's verdict and trend, a run's findings, 立即检查, CSV."""

from __future__ import annotations

from django.contrib import messages
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_POST

from gongkai.core.exports import csv_chunks
from gongkai.core.pdf import PdfUnavailable, render_pdf
from gongkai.reports.charts import bar_chart
from gongkai.workbench.decorators import requires

from . import indicators as ind
from . import queries, services
from .models import Run, Site


@requires("sitecheck.site.view")
def index(request: HttpRequest) -> HttpResponse:
    return render(request, "sitecheck/index.html", {"rows": queries.site_rows()})


@requires("sitecheck.site.view")
def site(request: HttpRequest, pk: int) -> HttpResponse:
    site = get_object_or_404(Site, pk=pk)
    history = queries.runs(site)
    last = history[-1] if history else None
    running = queries.open_run(site)
    points = [
        (
            f"{timezone.localtime(r.finished_at):%m-%d %H:%M}{'' if r.passed else ' 不合格'}",
            float(r.score or 0),
        )
        for r in history
        if r.finished_at
    ]
    return render(
        request,
        "sitecheck/site.html",
        {
            "website": site,  # not "site": that is the portal's profile in every page's footer
            "last": last,
            "running": running,
            "history": history,
            "chart": bar_chart(points, title=f"{site.name}历次检查得分", unit="分") if points else "",
            "findings": queries.findings(last) if last else [],
            "availability": queries.availability(site),
            "alert": queries.alert(site, last),
            "pass_score": ind.PASS_SCORE,
        },
    )


@requires("sitecheck.run.start")
@require_POST
def check_now(request: HttpRequest, pk: int) -> HttpResponse:
    """立即检查: queue a run; the worker carries it out and the site page shows its progress."""
    site = get_object_or_404(Site, pk=pk)
    try:
        run = services.run_request(site=site, by=request.user)  # type: ignore[arg-type]
    except services.SitecheckError as exc:
        messages.error(request, exc.message)
    else:
        from .tasks import run_check

        transaction.on_commit(lambda: run_check(run.pk))
        messages.success(request, "已开始检查，页面会显示进度。")
    return redirect("sitecheck_staff:site", pk=site.pk)


@requires("sitecheck.site.view")
def findings_csv(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(Run.objects.select_related("site"), pk=pk, status=Run.Status.DONE)
    header = ["网站", "检查时间", "结果", "得分", "指标", "单项否决", "扣分", "说明", "页面"]
    verdict = "通过" if run.passed else "不通过"
    when = f"{run.finished_at:%Y-%m-%d %H:%M}" if run.finished_at else ""
    rows = [header] + [
        [
            run.site.name,
            when,
            verdict,
            run.score,
            f.indicator_label,
            "是" if f.veto else "",
            f.points,
            f.detail,
            f.page,
        ]
        for f in queries.findings(run)
    ]
    response = HttpResponse("".join(csv_chunks(rows)), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{run.site.name}网站检查{run.pk}.csv"
    )
    return response


@requires("sitecheck.site.view")
def report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    run = get_object_or_404(Run.objects.select_related("site"), pk=pk, status=Run.Status.DONE)
    context = {"run": run, "findings": list(queries.findings(run)), "pass_score": ind.PASS_SCORE}
    try:
        data = render_pdf("sitecheck/report_pdf.html", context)
    except PdfUnavailable:
        return HttpResponse(
            "PDF 生成需要服务器安装 Pango，请下载 CSV。", status=503, content_type="text/plain; charset=utf-8"
        )
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        as_attachment=True, filename=f"{run.site.name}网站检查报告{run.pk}.pdf"
    )
    return response
