from django.apps import AppConfig


class SubjectsConfig(AppConfig):
    name = "publiccredit.subjects"
    label = "subjects"
    verbose_name = "信用主体库"

    def ready(self):
        from publiccredit.audit.labels import register

        register({
            "subjects.subject.register": "主体入库",
            "subjects.subject.bulk_register": "主体批量入库",
            "subjects.subject.rename": "主体更名",
            "subjects.contact.set": "登记主体联系方式",
            "subjects.contact.import": "批量导入主体联系方式",
            "subjects.subject.update": "修改主体登记信息",
            "subjects.representative.set": "登记法定代表人/负责人",
            "subjects.representative.bulk_set": "批量登记法定代表人/负责人",
            "subjects.citizen_id.reveal": "查看完整身份证号码",
            "subjects.person.view": "查看自然人主体",
        })
