from celery import shared_task

from .checkpoints import write_checkpoint


@shared_task(name="audit.checkpoint")
def checkpoint_audit_chain() -> int:
    return write_checkpoint()["seq"]
