"""Pages of the credit website 信用中国（江西上饶）: search, credit files, 双公示 and list columns, articles."""

import datetime as dt

from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET

from publiccredit.core.audience import Audience, audience_for
from publiccredit.core.identifiers import check_citizen_id, normalize_code
from publiccredit.core.masking import looks_like_citizen_id, mask_citizen_id
from publiccredit.lists import queries as list_queries
from publiccredit.organizations.models import Region
from publiccredit.search.engine import SearchError, search_subjects
from publiccredit.subjects.models import Industry, Subject

from . import queries
from .models import Article
from .queries import Column, ColumnFilters
from .services import read_credit_file

ELDER_COOKIE = "elder"
FILE_CACHE_SECONDS = 600
COLUMN_TITLES = {"licenses": (Column.LICENSE, "行政许可公示"), "penalties": (Column.PENALTY, "行政处罚公示")}


def _page_number(request) -> int:
    try:
        return max(1, int(request.GET.get("page", "1")))
    except ValueError:
        return 1


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@require_GET
def search(request):
    text = request.GET.get("q", "")
    if check_citizen_id(normalize_code(text)).valid or looks_like_citizen_id(normalize_code(text)):
        # an ID number typed in is never echoed in full, mistyped or not (title, search box, message, links)
        shown_query = mask_citizen_id(normalize_code(text))
    else:
        shown_query = text
    filters = {"region": request.GET.get("region") or None, "kind": request.GET.get("kind") or None,
               "industry": request.GET.get("industry") or None}
    context = {
        "q": shown_query, "filters": filters, "error": "", "result": None,
        "regions": Region.objects.order_by("code"),
        "kinds": [(value, label) for value, label in Subject.Kind.choices if value != Subject.Kind.NATURAL_PERSON],
        "industries": Industry.objects.filter(parent__isnull=True).order_by("code"),
    }
    status = 200
    if "q" in request.GET:
        try:
            result = search_subjects(text, page=_page_number(request), **filters)
            context["result"] = result
            marks = queries.list_marks([s.pk for s in result.results])
            context["rows"] = [{"subject": s, "ref": queries.public_ref(s), "name": s.public_name, "code": s.code,
                                "lists": marks.get(s.pk, [])} for s in result.results]
        except SearchError as error:
            context["error"] = error.message
            status = 400
    return render(request, "publicity/search.html", context, status=status)


@require_GET
def credit_file(request, ref: str):
    head = queries.file_head(ref)
    if head is None:
        raise Http404("没有找到该信用主体")
    subject = None
    if request.user.is_authenticated:
        subject = queries.subject_for_file(head.subject_id)
        if audience_for(request.user, subject) != Audience.PUBLIC:
            # Other audiences are rendered per request and their reads audited.
            return HttpResponse(_file_page(request, subject, read_credit_file(subject=subject, viewer=request.user)))
    # The public page is the same for every visitor until the subject, its records or the day change (the stamp),
    # so the whole page is cached per stamp and display mode.
    key = f"publicity:file-page:{head.stamp}:{int(request.COOKIES.get(ELDER_COOKIE) == '1')}"
    page = cache.get(key)
    if page is None:
        subject = subject or queries.subject_for_file(head.subject_id)
        page = _file_page(request, subject, queries.credit_file(subject, Audience.PUBLIC,
                                                                has_list_entries=head.has_list_entries,
                                                                has_grades=head.has_grades,
                                                                has_registrations=head.has_registrations,
                                                                has_supervision=head.has_supervision,
                                                                has_commitments=head.has_commitments,
                                                                has_courses=head.has_courses))
        cache.set(key, page, FILE_CACHE_SECONDS)
    return HttpResponse(page)


def _file_page(request, subject: Subject, file: dict) -> str:
    return render_to_string("publicity/credit_file.html", {"file": file, "title": subject.public_name}, request=request)


def _column_filters(request) -> ColumnFilters:
    provider = request.GET.get("provider", "")
    return ColumnFilters(provider=int(provider) if provider.isdigit() else None,
                         county=request.GET.get("county") or None,
                         date_from=_date(request.GET.get("from")), date_to=_date(request.GET.get("to")),
                         item=request.GET.get("item") or None)


@require_GET
def double_publicity(request, column: str):
    if column not in COLUMN_TITLES:
        raise Http404("栏目不存在")
    portal_column, title = COLUMN_TITLES[column]
    filters = _column_filters(request)
    page_obj, rows = queries.column_page(portal_column, filters, _page_number(request))
    return render(request, "publicity/column.html", {
        "title": title, "column": column, "page_obj": page_obj, "rows": rows, "filters": filters,
        "providers": queries.column_providers(portal_column), "counties": queries.county_choices(),
        "querystring": _querystring(request),
    })


@require_GET
def list_entry(request, entry_id: int):
    """The public decision of one list entry while it is published and in force: who decided, why, on what basis,
    the measures, the term, how to leave the list and how to challenge it."""
    entry = list_queries.published_entries().filter(pk=entry_id).first()
    if entry is None:
        raise Http404("该名单记录不存在或已不在公示期内")
    return render(request, "publicity/list_entry.html", {
        "entry": list_queries.present_entry(entry), "kind": entry.kind, "file_ref": queries.public_ref(entry.subject),
        "legal_basis": entry.legal_basis or entry.kind.legal_basis, "measures": entry.measures})


@require_GET
def lists(request):
    """Credit lists (严重失信主体名单 …, with their published criteria) and the catalog's list items as tabs."""
    kinds = list(list_queries.public_kinds())
    items = queries.column_items(Column.LIST)
    chosen = request.GET.get("kind") or request.GET.get("item") or (kinds[0].code if kinds else
                                                                     items[0].code if items else "")
    context = {"kinds": kinds, "items": items, "chosen": chosen, "querystring": _querystring(request)}
    kind = next((k for k in kinds if k.code == chosen), None)
    if kind is not None:
        page_obj = Paginator(list_queries.published_entries(kind.code), 20).get_page(_page_number(request))
        context.update({"kind": kind, "page_obj": page_obj,
                        "entries": [{**list_queries.present_entry(e), "file_ref": queries.public_ref(e.subject)}
                                    for e in page_obj.object_list]})
    else:
        filters = _column_filters(request)
        filters.item = chosen
        context["page_obj"], context["rows"] = queries.column_page(Column.LIST, filters, _page_number(request))
    return render(request, "publicity/lists.html", context)


@require_GET
def joint_measures(request):
    """The published joint punishment and incentive measures by business matter, and the memoranda behind them."""
    from publiccredit.sanctions.queries import matters_overview, measure_catalog, memoranda

    matter = request.GET.get("matter") or ""
    measures = measure_catalog(matter)
    return render(request, "publicity/joint_measures.html", {
        "measures": measures, "memoranda": memoranda(), "matters": matters_overview(), "matter": matter})


def _querystring(request) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


@require_GET
def articles(request):
    kind = request.GET.get("kind") or None
    page_obj = Paginator(queries.published_articles(kind), 15).get_page(_page_number(request))
    return render(request, "publicity/articles.html", {"page_obj": page_obj, "kind": kind,
                                                       "kinds": Article.Kind.choices,
                                                       "querystring": _querystring(request)})


@require_GET
def article(request, pk: int):
    return render(request, "publicity/article.html", {"article": get_object_or_404(queries.published_articles(), pk=pk)})


@require_GET
def elder_mode(request):
    """Switch the elder-friendly mode (larger text, high contrast) on or off; remembered for a year."""
    target = request.GET.get("next") or "/"
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "/"
    response = HttpResponseRedirect(target)
    if request.GET.get("on", "1" if request.COOKIES.get(ELDER_COOKIE) != "1" else "0") == "1":
        response.set_cookie(ELDER_COOKIE, "1", max_age=365 * 24 * 3600, samesite="Lax")
    else:
        response.delete_cookie(ELDER_COOKIE, samesite="Lax")
    return response
