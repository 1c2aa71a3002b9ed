from django.core.management.base import BaseCommand

from publiccredit.audit.context import set_channel
from publiccredit.collection.sources import prune_sources


class Command(BaseCommand):
    help = "删除超过保存期限（PUBLICCREDIT_SOURCE_RETENTION_DAYS，默认180天）的加密原始文件；可重复运行。"

    def handle(self, *args, **options):
        set_channel("cli")
        self.stdout.write(f"已删除 {prune_sources()} 个超过保存期限的原始文件")
