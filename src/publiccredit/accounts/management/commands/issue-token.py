from django.core.management.base import BaseCommand, CommandError

from publiccredit.accounts.scopes import SCOPES
from publiccredit.accounts.services import issue_token
from publiccredit.audit.context import set_channel
from publiccredit.core.errors import DomainError
from publiccredit.organizations.queries import organization_by_code


class Command(BaseCommand):
    help = "为单位的系统账号签发接口令牌；令牌只显示一次，打印在最后一行。可用范围：" + "、".join(SCOPES)

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="单位统一社会信用代码")
        parser.add_argument("--scopes", required=True, help="逗号分隔的权限范围，如 records:write,subjects:read")
        parser.add_argument("--name", default="", help="令牌用途说明")
        parser.add_argument("--days", type=int, default=None, help="有效天数（缺省为长期有效）")

    def handle(self, *args, **options):
        set_channel("cli")
        organization = organization_by_code(options["org"])
        if organization is None:
            raise CommandError(f"找不到统一社会信用代码为“{options['org']}”的单位（publiccredit orgs 可列出全部单位）")
        try:
            issued = issue_token(organization=organization, scopes=options["scopes"], name=options["name"],
                                 valid_days=options["days"])
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(f"已为 {organization.name} 签发令牌（范围：{', '.join(issued.token.scopes)}）。"
                          "令牌只显示这一次，请妥善保存：")
        self.stdout.write(issued.secret)
