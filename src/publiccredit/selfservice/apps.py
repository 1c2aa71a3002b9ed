from django.apps import AppConfig


class SelfServiceConfig(AppConfig):
    name = "publiccredit.selfservice"
    label = "selfservice"
    verbose_name = "主体自助服务"

    def ready(self):
        from publiccredit.audit.labels import register

        from . import occasions  # noqa: F401  (registers the binding messages' resolver)

        register({
            "selfservice.binding.request": "信用主体账号申请绑定",
            "selfservice.binding.approve": "核验并绑定信用主体",
            "selfservice.binding.reject": "不予绑定信用主体",
            "selfservice.binding.withdraw": "撤回绑定申请",
            "selfservice.binding.code_sent": "发送绑定验证码",
            "selfservice.binding.code_wrong": "绑定验证码错误",
        })
