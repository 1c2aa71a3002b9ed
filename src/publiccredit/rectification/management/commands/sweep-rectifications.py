"""``publiccredit sweep-rectifications``: the daily reminder and overdue sweep (also run by Celery beat)."""

from django.core.management.base import BaseCommand

from publiccredit.audit.context import set_channel
from publiccredit.rectification.services import sweep_rectifications


class Command(BaseCommand):
    help = "提醒即将到期的整改任务，标记逾期未整改的任务"

    def handle(self, *args, **options):
        set_channel("cli")
        counts = sweep_rectifications()
        self.stdout.write(f"到期提醒 {counts['reminded']} 件，标记逾期 {counts['overdue']} 件")
