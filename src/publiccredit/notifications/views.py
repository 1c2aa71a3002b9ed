"""The inbox of site messages: the portal account's at /account/messages/, a clerk's at /backoffice/messages/."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from publiccredit.accounts.access import staff_of_an_organization
from publiccredit.audit.context import set_channel

from . import queries, services


def _inbox(request, template: str):
    page = Paginator(queries.inbox(request.user), 30).get_page(request.GET.get("page"))
    return render(request, template, {"page": page, "unread": queries.unread_count(request.user)})


def _read(request, to: str):
    set_channel("web")
    ids = [int(value) for value in request.POST.getlist("message") if value.isdigit()] or None
    services.mark_read(user=request.user, ids=ids)
    return redirect(to)


@login_required(login_url="/account/login/")
def portal_inbox(request):
    return _inbox(request, "notifications/portal_inbox.html")


@login_required(login_url="/account/login/")
@require_POST
def portal_read(request):
    return _read(request, "/account/messages/")


@staff_of_an_organization
def backoffice_inbox(request):
    return _inbox(request, "notifications/backoffice_inbox.html")


@staff_of_an_organization
@require_POST
def backoffice_read(request):
    return _read(request, "/backoffice/messages/")
