from django.core.management.base import BaseCommand, CommandError

from publiccredit.accounts.services import revoke_token
from publiccredit.audit.context import set_channel
from publiccredit.core.errors import DomainError


class Command(BaseCommand):
    help = "撤销接口令牌（按令牌前缀，即令牌的前 12 个字符，管理后台“接口令牌”列表中也可看到）；撤销立即生效并记入审计日志。"

    def add_arguments(self, parser):
        parser.add_argument("prefix", help="令牌前缀，或整个令牌（只取前 12 个字符）")
        parser.add_argument("--reason", default="", help="撤销原因，记入审计日志")

    def handle(self, *args, **options):
        set_channel("cli")
        prefix = options["prefix"].strip()[:12]
        try:
            token = revoke_token(prefix=prefix, reason=options["reason"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stdout.write(f"已撤销令牌 {token.prefix}…（{token.organization.name}，{token.name or '未命名'}）")
