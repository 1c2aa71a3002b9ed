"""The back office's work scope over rows that belong to a department (``department_id``): the credit office and
auditors every row, a department its own, anyone else none."""

from django.db import models

from .roles import sees_everything


class DepartmentWorkQuerySet(models.QuerySet):
    def handled_by(self, user):
        if sees_everything(user):
            return self
        organization = getattr(user, "organization_id", None)
        return self.filter(department_id=organization) if organization else self.none()
