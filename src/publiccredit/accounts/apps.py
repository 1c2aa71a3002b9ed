from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "publiccredit.accounts"
    label = "accounts"
    verbose_name = "用户与接口令牌"

    def ready(self):
        from publiccredit.audit.labels import register

        register({
            "accounts.user.create": "新建用户",
            "accounts.user.update": "修改用户",
            "accounts.token.issue": "签发接口令牌",
            "accounts.token.revoke": "撤销接口令牌",
            "accounts.session.login": "登录",
            "accounts.session.logout": "退出登录",
            "accounts.session.login_failed": "登录失败",
            # the names entries before 2026-12 carry (the chain keeps them as written)
            "accounts.login": "登录", "accounts.logout": "退出登录", "accounts.login_failed": "登录失败",
        })
        from . import signals  # noqa: F401  (connects the sign-in audit receivers)
