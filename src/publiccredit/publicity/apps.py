from django.apps import AppConfig


class PublicityConfig(AppConfig):
    name = "publiccredit.publicity"
    label = "publicity"
    verbose_name = "信用公示"

    def ready(self):
        from publiccredit.audit.labels import register

        register({"publicity.credit_file.read": "查阅信用档案（含非公开信息）",
                  "publicity.article.publish": "发布诚信宣传文章"})
