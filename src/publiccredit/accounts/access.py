from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied

from publiccredit.accounts.roles import may_write

SAFE_METHODS = ("GET", "HEAD", "OPTIONS")


def staff_of_an_organization(view):
    """Back-office pages are for people working in an organisation (credit office, departments, counties); the
    read-only roles (auditors) may open every page they can see and submit none."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_superuser or (user.is_active and user.organization_id and user.is_staff)):
            raise PermissionDenied
        if request.method not in SAFE_METHODS and not may_write(user):
            raise PermissionDenied("审计人员只能查阅，不能提交、上传或修改")
        return view(request, *args, **kwargs)

    return wrapper
