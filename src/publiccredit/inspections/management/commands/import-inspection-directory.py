"""``publiccredit import-inspection-directory {inspectors,matters} FILE --department <USCC>`` (docs/inspections.md)."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from publiccredit.audit.context import set_channel
from publiccredit.core.errors import DomainError
from publiccredit.inspections.imports import KINDS, import_directory, rows_of
from publiccredit.organizations.models import Organization


class Command(BaseCommand):
    help = "导入部门的执法检查人员或随机抽查事项名录（CSV，表头为中文列名）；有误的行逐行报告，其余照常导入，重复导入不产生重复"

    def add_arguments(self, parser):
        parser.add_argument("kind", choices=sorted(KINDS), help="inspectors（执法检查人员）或 matters（随机抽查事项）")
        parser.add_argument("file", help="CSV 文件")
        parser.add_argument("--department", required=True, help="部门的统一社会信用代码")

    def handle(self, *args, **options):
        set_channel("cli")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"找不到文件：{path}")
        department = Organization.objects.filter(code=options["department"].strip().upper()).first()
        if department is None:
            raise CommandError(f"没有统一社会信用代码为“{options['department']}”的单位（可用 publiccredit orgs 查看）")
        try:
            outcome = import_directory(kind=options["kind"], department=department,
                                       rows=rows_of(options["kind"], path.read_bytes()), actor=None)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        for error in outcome.errors[:50]:
            self.stdout.write(f"第{error['line']}行：{error['message']}")
        if outcome.rejected > 50:
            self.stdout.write(f"……另有 {outcome.rejected - 50} 行有误")
        self.stdout.write(f"{department.name}{KINDS[options['kind']]['label']}：共 {outcome.total} 行，新增 {outcome.created}，"
                          f"更新 {outcome.updated}，未变化 {outcome.unchanged}，有误 {outcome.rejected}")
