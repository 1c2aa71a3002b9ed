from django.apps import AppConfig


class CollectionConfig(AppConfig):
    name = "publiccredit.collection"
    label = "collection"
    verbose_name = "信用信息归集"

    def ready(self):
        from publiccredit.audit.labels import register

        register({
            "collection.batch.submit": "报送信用信息批次",
            "collection.batch_source.read": "下载报送的原始文件（解密）",
            "collection.batch_source.prune": "删除超过保存期限的原始文件",
            # the names entries before 2026-12 carry (the chain keeps them as written)
            "collection.batch.source.read": "下载报送的原始文件（解密）",
            "collection.batch.source.prune": "删除超过保存期限的原始文件",
            "collection.record.link": "人工关联信用主体",
            "collection.record.view_unmasked": "查看记录中的完整证件号码",
            "collection.records.integrity_failed": "完整性检查发现信用记录被改动",
        })
