from django.core.management.base import BaseCommand

from publiccredit.audit.services import verify_chain


class Command(BaseCommand):
    help = "校验审计日志的 SM3 哈希链：完好时退出码 0，发现被改动或删除的记录时退出码 1 并指出第一条。"

    def handle(self, *args, **options):
        result = verify_chain()
        if result.intact:
            self.stdout.write(f"审计链完好：共 {result.checked} 条，链头第 {result.head_seq} 条，哈希 {result.head_hash}")
            return
        self.stderr.write(f"审计链损坏：{result.problem}（已校验完好 {result.checked} 条）")
        self.stderr.write(f"first bad entry: seq={result.first_bad_seq}")
        raise SystemExit(1)
