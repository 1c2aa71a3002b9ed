"""Settings kept in one row that the credit office edits in the admin (deadlines in working days and the like)."""

from django.db import models


class SingletonSettings(models.Model):
    """One row; before anyone saves it, ``current()`` answers the field defaults."""

    class Meta:
        abstract = True

    @classmethod
    def current(cls):
        return cls.objects.first() or cls()
