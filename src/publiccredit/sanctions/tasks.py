from celery import shared_task


@shared_task(name="sanctions.screen_uploaded_file")
def screen_uploaded_file(*, matter_id: int, user_id: int, path: str, original_name: str, reference: str = "") -> int:
    """Screen an uploaded list of up to 100,000 subjects (on a worker when a broker is configured); bad rows are
    reported as invalid results while the good ones are screened. Returns the screening id."""
    from publiccredit.accounts.models import User
    from publiccredit.audit.context import channel

    from .files import read_subjects
    from .models import Matter
    from .services import MAX_FILE_SUBJECTS, parse_subjects, run_screening

    user = User.objects.select_related("organization").get(pk=user_id)
    subjects = read_subjects(path, original_name=original_name, limit=MAX_FILE_SUBJECTS)
    asks = parse_subjects(subjects, limit=MAX_FILE_SUBJECTS, strict=False)
    with channel("web"):
        result = run_screening(matter=Matter.objects.get(pk=matter_id), asks=asks, actor=user,
                               organization=user.organization, channel="file", reference=reference,
                               file_name=original_name)
    return result.screening.pk
