from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "publiccredit.accounts"
    label = "accounts"
    verbose_name = "用户与接口令牌"
