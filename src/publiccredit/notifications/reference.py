"""Seeded message templates: (topic, audience, name, title, body, sms, email, site). The credit office edits them in
the admin; a later migration never overwrites an edited one."""

FILER, SUBJECT, DEPARTMENT = "filer", "subject", "department"
APPEAL = "如不服，可依法申请行政复议或提起行政诉讼。"

TEMPLATES = [
    # credit repair
    ("repair.application.submit", FILER, "修复申请已提交（告知申请人）", "信用修复申请已提交",
     "您的信用修复申请{{ number }}（{{ item }} {{ decision_number }}）已提交，将于{{ decide_by }}前办理完毕。"
     "可凭申请编号和查询码在信用网站查询进度。", True, True, True),
    ("repair.application.submit", SUBJECT, "修复申请已提交（告知主体账号）", "本单位（本人）有一件信用修复申请",
     "{{ applicant }}就“{{ item }}”{{ decision_number }}提交了信用修复申请{{ number }}。", False, False, True),
    ("repair.application.submit", DEPARTMENT, "新修复申请待受理（告知信用修复窗口）", "新的信用修复申请待受理：{{ number }}",
     "{{ applicant }}申请修复“{{ item }}”{{ decision_number }}（{{ provider }}），办理期限{{ decide_by }}。",
     False, False, True),
    ("repair.application.accept", FILER, "修复申请已受理", "信用修复申请已受理",
     "您的信用修复申请{{ number }}已受理，将于{{ decide_by }}前作出决定。", True, False, True),
    ("repair.application.return", FILER, "修复申请退回补正", "信用修复申请需补充材料",
     "您的信用修复申请{{ number }}需补充材料：{{ return_reason }}。请在信用网站“办理进度查询”输入申请编号和查询码后"
     "补正，重新提交后办理期限重新计算。", True, True, True),
    ("repair.application.resubmit", DEPARTMENT, "修复申请已补正", "信用修复申请已补正：{{ number }}",
     "{{ applicant }}已补正信用修复申请{{ number }}，办理期限{{ decide_by }}。", False, False, True),
    ("repair.application.approve", FILER, "准予修复（告知申请人）", "信用修复申请已准予修复",
     "您的信用修复申请{{ number }}已准予修复：“{{ item }}”{{ decision_number }}已停止公示和共享，不再作为惩戒依据。"
     "准予信用修复决定书可在信用网站下载。",
     True, True, True),
    ("repair.application.approve", SUBJECT, "准予修复（告知主体账号）", "信用修复已完成",
     "“{{ item }}”{{ decision_number }}已准予修复（申请编号{{ number }}）。", False, False, True),
    ("repair.application.approve", DEPARTMENT, "修复结果推送认定部门", "信用修复结果待确认：{{ number }}",
     "{{ applicant }}的“{{ item }}”{{ decision_number }}已准予修复（理由：{{ reason }}）。"
     "请于{{ push_by }}前在业务工作台确认收到，并停止依据该记录实施惩戒。", False, True, True),
    ("repair.application.refuse", FILER, "不予修复", "信用修复申请不予修复",
     "您的信用修复申请{{ number }}不予修复，理由：{{ reason }}。" + APPEAL, True, True, True),
    ("repair.application.withdraw", FILER, "修复申请已撤回", "信用修复申请已撤回",
     "您的信用修复申请{{ number }}已撤回。", False, False, True),
    # objections
    ("objections.objection.file", FILER, "异议已受理（告知提出人）", "异议已受理",
     "您对“{{ item }}”{{ decision_number }}提出的异议已受理，编号{{ number }}。该记录已标注“异议处理中”，"
     "{{ provider }}将于{{ decide_by }}前作出处理。", True, True, True),
    ("objections.objection.file", SUBJECT, "记录被提出异议（告知主体账号）", "本单位（本人）的记录被提出异议",
     "“{{ item }}”{{ decision_number }}被提出异议（{{ number }}），处理期间该记录标注“异议处理中”。", False, False, True),
    ("objections.objection.file", DEPARTMENT, "新异议待处理（告知提供单位）", "新的异议待处理：{{ number }}",
     "{{ filer }}对本单位提供的“{{ item }}”{{ decision_number }}提出异议，请于{{ decide_by }}前核查处理。",
     False, True, True),
    ("objections.objection.receive", FILER, "第三方异议已收到（告知提出人）", "异议已收到（待受理）",
     "您对“{{ item }}”{{ decision_number }}提出的异议已收到，编号{{ number }}。{{ provider }}将于{{ accept_by }}前受理，"
     "受理后该记录标注“异议处理中”、暂停依据该记录实施惩戒。", True, True, True),
    ("objections.objection.receive", SUBJECT, "记录被第三方提出异议（告知主体账号）", "本单位（本人）的记录被第三方提出异议",
     "“{{ item }}”{{ decision_number }}被第三方提出异议（{{ number }}），提供单位受理后该记录标注“异议处理中”。",
     False, False, True),
    ("objections.objection.receive", DEPARTMENT, "第三方异议待受理（告知提供单位）", "新的异议待受理：{{ number }}",
     "{{ filer }}（第三方）对本单位提供的“{{ item }}”{{ decision_number }}提出异议，请于{{ accept_by }}前受理或不予受理；"
     "逾期未答复的由平台自动受理。", False, True, True),
    ("objections.objection.accept", FILER, "第三方异议已受理（告知提出人）", "异议已受理",
     "您提出的异议{{ number }}已受理，该记录已标注“异议处理中”，{{ provider }}将于{{ decide_by }}前作出处理。",
     True, True, True),
    ("objections.objection.accept", SUBJECT, "第三方异议已受理（告知主体账号）", "记录的异议已受理",
     "“{{ item }}”{{ decision_number }}的异议{{ number }}已受理，处理期间该记录标注“异议处理中”。", False, False, True),
    ("objections.objection.decide", FILER, "异议处理结果（告知提出人）", "异议处理结果",
     "您提出的异议{{ number }}已处理：{{ state }}。理由：{{ reason }}。" + APPEAL, True, True, True),
    ("objections.objection.decide", SUBJECT, "异议处理结果（告知主体账号）", "异议处理结果",
     "“{{ item }}”{{ decision_number }}的异议{{ number }}已处理：{{ state }}。", False, False, True),
    ("objections.objection.reject", FILER, "异议不予受理", "异议不予受理",
     "您提出的异议{{ number }}不予受理，理由：{{ reason }}。", True, True, True),
    ("objections.objection.review", FILER, "复核申请已收到", "异议复核申请已收到",
     "您对异议{{ number }}处理结果的复核申请已收到，信用主管部门将于{{ review_by }}前作出复核决定。", True, False, True),
    ("objections.objection.review", DEPARTMENT, "新的复核申请（告知信用主管部门）", "异议复核申请待处理：{{ number }}",
     "{{ filer }}对{{ provider }}就“{{ item }}”{{ decision_number }}的异议处理结果（{{ state }}）申请复核，"
     "请于{{ review_by }}前作出复核决定。", False, True, True),
    ("objections.objection.review_decide", FILER, "复核决定（告知提出人）", "异议复核决定",
     "您申请复核的异议{{ number }}：{{ review_outcome }}。理由：{{ review_reason }}。"
     "{% if review_outcome == '责令重新处理' %}该记录已重新标注“异议处理中”，{{ provider }}将于{{ decide_by }}前重新作出决定。"
     "{% else %}" + APPEAL + "{% endif %}", True, True, True),
    ("objections.objection.review_decide", DEPARTMENT, "复核决定（告知提供单位）", "异议复核决定：{{ number }}",
     "信用主管部门对“{{ item }}”{{ decision_number }}的异议{{ number }}复核决定：{{ review_outcome }}。"
     "理由：{{ review_reason }}。{% if review_outcome == '责令重新处理' %}请于{{ decide_by }}前重新作出处理决定。{% endif %}",
     False, True, True),
    # lists
    ("lists.entry.notify", SUBJECT, "列入名单前告知", "拟列入{{ kind }}的告知",
     "{{ subject }}拟被列入{{ kind }}（告知书{{ notice_number }}）。如有异议，请于{{ objection_until }}前"
     "向认定单位陈述申辩，或在信用网站提出异议。", False, False, True),
    ("lists.entry.publish", SUBJECT, "已列入名单", "已列入{{ kind }}",
     "{{ subject }}已列入{{ kind }}（决定书{{ decision_number }}）。移出条件和救济途径见列入决定书；"
     "符合条件的可申请信用修复。", False, False, True),
    ("lists.entry.statement", DEPARTMENT, "收到陈述申辩（告知信用主管部门）", "收到陈述申辩：{{ subject }}",
     "{{ filer }}对拟列入{{ kind }}（告知书{{ notice_number }}）提出了陈述申辩，请答复后再作出列入决定。",
     False, True, True),
    ("lists.entry.answer", SUBJECT, "陈述申辩的答复", "陈述申辩的答复",
     "您对拟列入{{ kind }}提出的陈述申辩已答复：{{ adopted }}。理由：{{ answer }}", False, False, True),
    ("lists.entry.basis", DEPARTMENT, "名单依据部分失效（告知信用主管部门）", "名单依据部分失效：{{ subject }}",
     "{{ subject }}的{{ kind }}记录（{{ state }}）{{ basis_note }}。请核查其余依据是否仍足以支持列入。", False, True, True),
    ("lists.entry.suspend", DEPARTMENT, "名单依据全部失效、已暂停（告知信用主管部门）", "名单已暂停待复核：{{ subject }}",
     "{{ subject }}的{{ kind }}记录{{ basis_note }}，已暂停公示和联合惩戒。请复核后移出名单（原因“列入依据失效”），"
     "或在依据恢复有效后恢复。", False, True, True),
    ("lists.entry.suspend", SUBJECT, "名单已暂停", "{{ kind }}记录已暂停",
     "{{ subject }}的{{ kind }}记录因列入依据失效已暂停公示和联合惩戒，信用主管部门复核后将作出移出决定。", False, False, True),
    ("lists.entry.exit", SUBJECT, "已移出名单", "已移出{{ kind }}", "{{ subject }}已移出{{ kind }}。", False, False, True),
    # subject accounts
    ("selfservice.binding.approve", FILER, "账号绑定成功", "账号已绑定信用主体",
     "您的账号已与“{{ subject }}”绑定，可登录信用网站查看本单位（本人）信用信息、申请信用修复。", True, False, True),
    ("selfservice.binding.reject", FILER, "账号绑定未通过", "账号绑定未通过",
     "您绑定“{{ subject }}”的申请未通过：{{ note }}。", True, False, True),
    # voluntary registration
    ("registrations.registration.file", DEPARTMENT, "新的自愿注册信息待核实", "自愿注册信息待核实：{{ number }}",
     "{{ subject }}注册了{{ kind }}“{{ title }}”，请核实证明材料后作出核实结论。", False, False, True),
    ("registrations.registration.verify", FILER, "自愿注册信息已核实", "自愿注册信息已核实",
     "您注册的{{ kind }}“{{ title }}”（{{ number }}）已由{{ department }}核实，已在信用档案中公示并计入信用评价。",
     True, False, True),
    ("registrations.registration.reject", FILER, "自愿注册信息未通过核实", "自愿注册信息未通过核实",
     "您注册的{{ kind }}“{{ title }}”（{{ number }}）未通过{{ department }}核实：{{ reason }}。", True, False, True),
    ("registrations.registration.find_false", FILER, "自愿注册信息经查虚假", "自愿注册信息经查虚假",
     "您注册的{{ kind }}“{{ title }}”（{{ number }}）经{{ department }}查实虚假：{{ reason }}。依真实性承诺，"
     "已记入“虚假申报信用信息”。" + APPEAL, True, True, True),
    # rectification and interviews
    ("rectification.task.open", SUBJECT, "责令整改通知", "责令整改通知：{{ number }}",
     "{{ department }}责令{{ subject }}整改：{{ requirement }}。请于{{ due_on }}前完成整改，并登录信用网站报告整改情况。",
     True, False, True),
    ("rectification.task.remind", SUBJECT, "整改期限即将届满", "整改期限即将届满：{{ number }}",
     "{{ subject }}的整改任务（{{ number }}）将于{{ due_on }}届满，请按时完成整改并报告；逾期未整改的将记入信用记录。",
     True, False, True),
    ("rectification.task.overdue", SUBJECT, "整改已逾期", "整改已逾期：{{ number }}",
     "{{ subject }}的整改任务（{{ number }}）已于{{ due_on }}届满，尚未确认整改到位。请尽快整改并报告；"
     "经{{ department }}认定逾期未整改的，将记入“逾期未整改”信用记录，并可能被列入重点关注名单。", True, False, True),
    ("rectification.task.overdue", DEPARTMENT, "整改逾期提醒", "整改逾期：{{ number }}",
     "{{ subject }}的整改任务（{{ number }}）已于{{ due_on }}届满，尚未确认整改到位，请核查并处理。", False, False, True),
    ("rectification.task.report", DEPARTMENT, "整改情况待确认", "整改情况待确认：{{ number }}",
     "{{ subject }}报告了整改任务（{{ number }}）的整改情况，请核查并确认。", False, False, True),
    ("rectification.task.accept", SUBJECT, "整改已确认到位", "整改已确认到位：{{ number }}",
     "{{ department }}确认{{ subject }}的整改任务（{{ number }}）整改到位。", True, False, True),
    ("rectification.task.return", SUBJECT, "整改不到位，请继续整改", "请继续整改：{{ number }}",
     "{{ department }}认为整改任务（{{ number }}）尚未整改到位：{{ note }}。请于{{ due_on }}前继续整改并报告。",
     True, False, True),
    ("rectification.task.record_overdue", SUBJECT, "认定逾期未整改", "认定逾期未整改：{{ number }}",
     "{{ department }}认定{{ subject }}的整改任务（{{ number }}）逾期未整改，已记入“逾期未整改”信用记录。" + APPEAL,
     True, True, True),
    ("rectification.interview.record", SUBJECT, "信用约谈记录", "{{ kind }}记录：{{ number }}",
     "{{ department }}于{{ held_on }}对{{ subject }}进行了{{ kind }}，约谈记录已记入信用档案。", False, False, True),
    # deadlines
    ("deadlines.reminder", DEPARTMENT, "待办到期提醒（每日）", "待办到期提醒（{{ date }}）",
     "{{ name }}：您有{{ total }}件待办明日到期或已超期（其中已超期{{ overdue }}件）：\n{{ lines }}", False, True, True),
]


def load(apps=None) -> int:
    if apps is None:
        from .models import MessageTemplate
    else:
        MessageTemplate = apps.get_model("notifications", "MessageTemplate")
    created = 0
    for topic, audience, name, title, body, sms, email, site in TEMPLATES:
        _, new = MessageTemplate.objects.get_or_create(
            topic=topic, audience=audience,
            defaults={"name": name, "title": title, "body": body, "by_sms": sms, "by_email": email, "on_site": site})
        created += new
    return created
