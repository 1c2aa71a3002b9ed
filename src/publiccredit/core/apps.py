from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "publiccredit.core"
    label = "core"
    verbose_name = "公共组件"

    def ready(self):
        # The development server (make run) would announce "WSGIServer/0.2 CPython/3.x": a version header tells an
        # attacker which bugs to try. gunicorn in production sends only its name.
        from django.core.servers import basehttp

        basehttp.ServerHandler.server_software = "publiccredit"
