from django.apps import AppConfig


class CaseworkConfig(AppConfig):
    name = "publiccredit.casework"
    label = "casework"
    verbose_name = "申请办理"
