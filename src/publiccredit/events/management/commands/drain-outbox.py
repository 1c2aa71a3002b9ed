from django.core.management.base import BaseCommand

from publiccredit.events.services import drain


class Command(BaseCommand):
    help = "处理发件箱中待处理的事件（无消息代理时也可手动运行）。"

    def add_arguments(self, parser):
        parser.add_argument("--limit", type=int, default=100_000)

    def handle(self, *args, **options):
        done = drain(limit=options["limit"])
        self.stdout.write(f"已处理 {done} 个事件")
