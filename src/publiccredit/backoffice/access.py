from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied


def staff_of_an_organization(view):
    """Back-office pages are for people working in an organisation (credit office, departments, counties)."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        user = request.user
        if not (user.is_superuser or (user.is_active and user.organization_id and user.is_staff)):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
