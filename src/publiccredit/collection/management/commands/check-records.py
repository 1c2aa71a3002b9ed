from django.core.management.base import BaseCommand

from publiccredit.collection.integrity import dangling_links


class Command(BaseCommand):
    help = "检查信用记录与信息项、目录版本、报送单位、信用主体、批次之间的关联是否完整：完整退出码 0，否则 1。"

    def handle(self, *args, **options):
        problems = dangling_links()
        if not problems:
            self.stdout.write("信用记录的关联完整")
            return
        for label, count in problems:
            self.stderr.write(f"{label}不存在：{count} 行")
        raise SystemExit(1)
