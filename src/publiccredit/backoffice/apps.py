from django.apps import AppConfig


class BackofficeConfig(AppConfig):
    name = "publiccredit.backoffice"
    label = "backoffice"
    verbose_name = "业务工作台"
