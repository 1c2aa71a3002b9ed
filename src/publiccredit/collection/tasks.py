from celery import shared_task

from publiccredit.accounts.models import User
from publiccredit.audit.context import channel
from publiccredit.catalog.models import CatalogItem


@shared_task(name="publiccredit.collection.tasks.import_uploaded_file")
def import_uploaded_file(*, item_id: int, provider_id: int, user_id: int, path: str, original_name: str,
                         dry_run: bool, atomic: bool) -> int:
    """Import an uploaded file on a worker; returns the batch id."""
    from publiccredit.organizations.models import Organization

    from .models import Batch
    from .services import import_file

    with channel("web"):
        result = import_file(item=CatalogItem.objects.get(pk=item_id), provider=Organization.objects.get(pk=provider_id),
                             path=path, actor=User.objects.get(pk=user_id), channel=Batch.Channel.UPLOAD,
                             dry_run=dry_run, atomic=atomic, original_name=original_name)
    return result.batch.pk
