from django.core.management.base import BaseCommand

from publiccredit.audit.checkpoints import checkpoint_file, write_checkpoint


class Command(BaseCommand):
    help = "把审计链头（序号和哈希）签名后追加到数据库之外的检查点文件；verify-audit 据此发现链尾被删或被清空。"

    def handle(self, *args, **options):
        line = write_checkpoint()
        self.stdout.write(f"已记录检查点：第 {line['seq']} 条，哈希 {line['hash']}，{line['at']} → {checkpoint_file()}")
