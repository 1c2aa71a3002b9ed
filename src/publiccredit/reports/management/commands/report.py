"""``publiccredit report CODE --kind standard|special [--domains a,b] [--since D --until D] --out FILE.pdf``: issue a
credit report from the command line (docs/reports.md), write FILE.pdf and FILE.pdf.sig, and print the report number
on the last line."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from publiccredit.audit.context import set_channel
from publiccredit.core.errors import DomainError
from publiccredit.reports.models import CreditReport
from publiccredit.reports.services import issue_report
from publiccredit.subjects.queries import subject_by_code


class Command(BaseCommand):
    help = "出具信用报告（PDF 及其 SM2 签名），最后一行输出报告编号。"

    def add_arguments(self, parser):
        parser.add_argument("code", help="统一社会信用代码或身份证号码")
        parser.add_argument("--kind", choices=CreditReport.Kind.values, default=CreditReport.Kind.STANDARD,
                            help="standard 标准版；special 专项信用报告（信用代证）")
        parser.add_argument("--domains", default="", help="专项报告的领域编码，逗号分隔")
        parser.add_argument("--since", default="", help="查询期间起，如 2022-01-01（缺省为近5年）")
        parser.add_argument("--until", default="", help="查询期间止（缺省为今天）")
        parser.add_argument("--purpose", default="", help="用途")
        parser.add_argument("--out", required=True, help="PDF 的保存路径；签名写入同名 .sig 文件")

    def handle(self, *args, **options):
        set_channel("cli")
        subject = subject_by_code(options["code"])
        if subject is None:
            raise CommandError(f"没有找到代码为“{options['code']}”的信用主体")
        out = Path(options["out"])
        if not out.parent.exists():
            raise CommandError(f"目录“{out.parent}”不存在")
        try:
            issued = issue_report(subject=subject, kind=options["kind"], actor=None, channel=CreditReport.Channel.CLI,
                                  domains=options["domains"], since=options["since"], until=options["until"],
                                  purpose=options["purpose"])
        except DomainError as exc:
            raise CommandError(exc.message) from None
        report = issued.report
        out.write_bytes(bytes(report.pdf))
        Path(f"{out}.sig").write_bytes(bytes(report.signature))
        self.stdout.write(f"{report.get_kind_display()}：{subject.name}，有效期至{report.valid_until:%Y-%m-%d}，"
                          f"核验码 {issued.code}，签名密钥 {report.key_id}")
        self.stdout.write(f"已写入 {out} 和 {out}.sig")
        self.stdout.write(report.number)
