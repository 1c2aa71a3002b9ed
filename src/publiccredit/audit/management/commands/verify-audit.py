from django.core.management.base import BaseCommand

from publiccredit.audit.services import verify_chain


class Command(BaseCommand):
    help = ("校验审计日志的 HMAC-SM3 哈希链和数据库之外的签名检查点：完好时退出码 0，"
            "发现被改动、删除、回退或清空时退出码 1 并指出第一条。")

    def handle(self, *args, **options):
        result = verify_chain()
        if result.intact:
            self.stdout.write(f"审计链完好：共 {result.checked} 条，链头第 {result.head_seq} 条，哈希 {result.head_hash}；"
                              f"与 {result.checkpoints} 个签名检查点相符")
            return
        self.stderr.write(f"审计链损坏：{result.problem}（已校验完好 {result.checked} 条）")
        self.stderr.write(f"first bad entry: seq={result.first_bad_seq}")
        raise SystemExit(1)
