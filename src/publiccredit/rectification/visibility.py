"""What each audience may see of rectifications and interviews, reached through ``visible_to`` / ``restrict``
(docs/architecture.md, "Visibility is one rule"; docs/rectification.md).

Every audience sees that a subject was ordered to rectify or was interviewed, by whom, when and with what outcome:
the credit file shows them (work plan item 9). What was said, who took part and the subject's reports are not for
the public: ``queries.present_*`` leave them out for ``Audience.PUBLIC``."""

from django.db.models import Q

from publiccredit.core.audience import Audience


def task_condition(audience: Audience) -> Q:
    Audience(audience)
    return Q()


def interview_condition(audience: Audience) -> Q:
    Audience(audience)
    return Q()


def shows_details(audience: Audience) -> bool:
    """Contents, participants, undertakings and reports: the subject itself, departments and the credit office."""
    return Audience(audience) != Audience.PUBLIC
