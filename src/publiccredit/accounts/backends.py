from django.contrib.auth.backends import ModelBackend

from .roles import permissions_for


class RoleModelBackend(ModelBackend):
    """Django's model backend plus the permissions that come with the user's role."""

    def get_group_permissions(self, user_obj, obj=None):
        base = super().get_group_permissions(user_obj, obj)
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return base
        return set(base) | permissions_for(getattr(user_obj, "role", ""))
