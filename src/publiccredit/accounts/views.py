"""The staff sign-in (``/admin/login/``, where every back-office role signs in) with the same limit as the portal's,
and the admin's front page with the warnings the credit office must act on."""

from django.contrib import admin, messages
from django.template.response import TemplateResponse

from publiccredit.core.ratelimits import refusal, too_many_sign_ins
from publiccredit.workdays.queries import calendar_warning


def staff_login(request, extra_context=None):
    """Django admin's login, refused with 429 once an address or a user name has tried too often — whatever the
    password, so a guessed right one still does not get in during the lock."""
    if request.method == "POST" and too_many_sign_ins(request, "staff_login"):
        form = admin.site.login_form(request) if admin.site.login_form else None
        context = {**admin.site.each_context(request), "title": "登录", "app_path": request.get_full_path(),
                   "username": request.POST.get("username", ""), "limited": refusal("staff_login"),
                   "form": form}
        return TemplateResponse(request, "admin/login_limited.html", context, status=429)
    return admin.site.login(request, extra_context=extra_context)


def _index_with_warnings(request, extra_context=None):
    warning = calendar_warning()
    if warning and request.user.has_perm("workdays.change_calendarday"):
        messages.warning(request, warning)
    return admin.site.index(request, extra_context=extra_context)


admin_index = admin.site.admin_view(_index_with_warnings)
