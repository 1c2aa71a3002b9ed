from django.core.management.base import BaseCommand

from publiccredit.audit.context import set_channel
from publiccredit.lists.services import expire_entries


class Command(BaseCommand):
    help = "移出期限届满的名单记录（每日运行一次；重复运行不会重复移出）。"

    def handle(self, *args, **options):
        set_channel("cli")
        self.stdout.write(f"期满移出名单记录 {expire_entries()} 条")
