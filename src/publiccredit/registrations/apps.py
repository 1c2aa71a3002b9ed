from django.apps import AppConfig


class RegistrationsConfig(AppConfig):
    name = "publiccredit.registrations"
    label = "registrations"
    verbose_name = "信用信息自愿注册"

    def ready(self):
        from publiccredit.audit.labels import register

        from . import occasions  # noqa: F401  (register the messages' resolver)

        register({
            "registrations.registration.file": "提交信用信息自愿注册",
            "registrations.registration.verify": "核实自愿注册信息",
            "registrations.registration.reject": "自愿注册信息未通过核实",
            "registrations.registration.withdraw": "撤回自愿注册信息",
            "registrations.registration.find_false": "认定自愿注册信息虚假",
            "registrations.registration.read": "查看自愿注册信息（含联系方式）",
            "registrations.attachment.read": "查看自愿注册证明材料",
        })
