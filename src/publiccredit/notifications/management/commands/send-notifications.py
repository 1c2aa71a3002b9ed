from django.core.management.base import BaseCommand

from publiccredit.audit.context import set_channel
from publiccredit.notifications.services import deliver_pending, remind_deadlines


class Command(BaseCommand):
    help = "发送待发和失败待重试的短信、邮件；加 --remind 时同时生成当日的到期提醒（无 Celery beat 时由 cron 调用）。"

    def add_arguments(self, parser):
        parser.add_argument("--remind", action="store_true", help="生成当日的待办到期提醒（每人每天一条）")
        parser.add_argument("--limit", type=int, default=500)

    def handle(self, *args, **options):
        set_channel("cli")
        if options["remind"]:
            self.stdout.write(f"到期提醒：新生成 {remind_deadlines()} 条消息")
        counts = deliver_pending(limit=options["limit"], retry_failed=True)
        self.stdout.write(f"短信和邮件：发送成功 {counts['sent']} 条，失败 {counts['failed']} 条（失败的稍后重试，最多5次）")
