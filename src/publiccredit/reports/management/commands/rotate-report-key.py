"""``publiccredit rotate-report-key [--id ID]``: generate a new SM2 key pair into PUBLICCREDIT_REPORT_KEY_DIR and make
it the signing key; the old keys stay and keep verifying the reports that name them (docs/reports.md)."""

from django.core.management.base import BaseCommand, CommandError

from publiccredit.core.errors import DomainError
from publiccredit.reports.signing import generate_key, key_dir


class Command(BaseCommand):
    help = "生成新的报告签名密钥（SM2）并启用；旧密钥保留，用于核验已出具的报告。"

    def add_arguments(self, parser):
        parser.add_argument("--id", default=None, help="密钥编号（小写字母、数字和连字符），缺省自动生成")

    def handle(self, *args, **options):
        try:
            key_id = generate_key(options["id"])
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(f"已生成并启用签名密钥 {key_id}（{key_dir()}）；如设置了 PUBLICCREDIT_REPORT_KEY_ID，请改为此编号")
        self.stdout.write(key_id)
