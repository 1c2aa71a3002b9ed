"""The courses a city starts with (docs/education.md): loaded by a data migration, edited in the admin afterwards."""

COURSES = [
    {
        "code": "integrity-basics", "title": "诚信经营基础", "repair_route": False, "minutes": 30, "sort_order": 10,
        "summary": "了解社会信用体系、信用信息的归集与公示，以及守信激励和失信惩戒的基本规则。",
        "body": "社会信用体系建设以法律、法规、标准和契约为依据，以健全覆盖社会成员的信用记录和信用基础设施为基础。"
                "诚实守信是市场经济的基本要求，也是每一个经营主体长远发展的根本。\n\n"
                "公共信用信息由行政机关、司法机关、法律法规授权的具有管理公共事务职能的组织等在依法履职过程中产生，"
                "经统一社会信用代码归集到经营主体名下。行政许可、行政处罚信息自作出决定之日起7个工作日内上网公示。\n\n"
                "信用承诺是经营主体向行政机关作出的书面承诺。作出承诺即应按承诺履行；承诺不实或者未履行承诺的，"
                "将记入信用记录，并依法依规承担违诺责任。\n\n"
                "信用状况良好的主体可以享受“绿色通道”、容缺受理、减少检查频次等守信激励；"
                "列入严重失信主体名单的，依法依规实施联合惩戒。\n\n"
                "对公示的信用信息有异议的，可以向认定单位或信用主管部门提出异议申请；"
                "失信行为纠正后，可以依法申请信用修复，信用修复免费办理。",
        "questions": [
            ("经营主体的公共信用信息按什么归集到主体名下？", ["统一社会信用代码", "法定代表人姓名", "注册地址"], 0,
             "公共信用信息以统一社会信用代码为标识归集。"),
            ("行政许可、行政处罚信息应当在作出决定之日起多少个工作日内上网公示？", ["3个", "7个", "30个"], 1,
             "“双公示”信息自作出决定之日起7个工作日内公示。"),
            ("作出信用承诺后未履行的，会怎样？", ["没有影响", "记入信用记录，承担违诺责任", "只需口头道歉"], 1, ""),
            ("申请信用修复需要缴纳费用吗？", ["需要", "不需要，信用修复免费办理"], 1, ""),
            ("对公示的信用信息有异议，可以怎么做？", ["无法处理", "向认定单位或信用主管部门提出异议申请"], 1, ""),
        ],
    },
    {
        "code": "repair-training", "title": "信用修复专题培训", "repair_route": True, "minutes": 45, "sort_order": 20,
        "summary": "面向有失信记录的经营主体：失信信息的公示期限、信用修复的条件和流程、如何避免再次失信。",
        "body": "失信信息按照“谁认定、谁修复”的原则办理修复。行政处罚信息的最短公示期届满后，"
                "已经履行行政处罚决定规定的义务、纠正失信行为的，可以申请信用修复。\n\n"
                "申请信用修复，应当提交履行法定义务、纠正失信行为的证明材料和信用修复承诺书。"
                "修复申请免费办理，任何机构不得以培训、咨询等名义收取费用，也不得将参加培训作为修复的前提条件。\n\n"
                "信用修复完成后，相关失信信息停止公示，不再作为联合惩戒的依据，公共信用综合评价随之重新计算。\n\n"
                "修复不等于消除责任：再次发生同类失信行为的，将从严处理；"
                "作出虚假承诺或者提交虚假材料的，撤销修复决定并记入信用记录。\n\n"
                "建议经营主体建立信用管理制度，指定专人负责信用事务，定期查询本单位信用档案，及时纠正问题。",
        "questions": [
            ("行政处罚信息在什么时候可以申请信用修复？", ["作出决定当天", "最短公示期届满后，且已履行义务、纠正失信行为",
                                                 "任何时候"], 1, ""),
            ("参加培训是信用修复的前提条件吗？", ["是", "不是，培训自愿参加"], 1,
             "不得将参加培训作为修复的前提条件；本课程自愿、免费。"),
            ("信用修复完成后，相关失信信息会怎样？", ["继续公示", "停止公示，不再作为惩戒依据"], 1, ""),
            ("申请信用修复需要提交哪些材料？", ["履行义务、纠正失信行为的证明材料和信用修复承诺书", "无需任何材料"], 0, ""),
            ("作出虚假修复承诺的后果是？", ["没有后果", "撤销修复决定并记入信用记录"], 1, ""),
        ],
    },
]


def load(apps) -> None:
    """Create the reference courses and their quizzes (skipped for a code that exists)."""
    course_model = apps.get_model("education", "Course")
    question_model = apps.get_model("education", "Question")
    for spec in COURSES:
        if course_model.objects.filter(code=spec["code"]).exists():
            continue
        fields = {key: value for key, value in spec.items() if key != "questions"}
        course = course_model.objects.create(**fields)
        question_model.objects.bulk_create([
            question_model(course=course, position=position, text=text, options=options, answer=answer,
                           explanation=explanation)
            for position, (text, options, answer, explanation) in enumerate(spec["questions"], start=1)])
