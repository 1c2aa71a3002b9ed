"""Demo articles for the 诚信宣传 columns: realistic titles and text, clearly marked as demo content."""

import datetime as dt

from django.utils import timezone

from publiccredit.publicity.models import Article
from publiccredit.publicity.services import publish_article

ARTICLES = [
    ("policy", "国务院办公厅关于进一步完善信用修复制度的指导意见（要点解读）",
     "失信信息按轻微、一般、严重分级公示，最短公示期满后可申请信用修复。",
     "失信信息分为轻微、一般和严重三类。轻微失信信息原则上不予公示，确需公示的不超过3个月；一般失信信息公示期3个月至1年；"
     "严重失信信息公示期1年至3年。公示期自行政处罚决定作出之日起计算。\n\n"
     "当事人在最短公示期满后，履行了法定义务、纠正了失信行为并作出信用承诺的，可以申请信用修复。信用修复不收取任何费用。"
     "修复完成后，相关信息停止公示，不再作为联合惩戒的依据。", 30),
    ("notice", "关于做好行政许可和行政处罚信息“双公示”工作的通知",
     "各部门应在行政许可、行政处罚决定作出之日起7个工作日内上网公示。",
     "各县（市、区）发展改革委，市直各有关单位：\n\n"
     "为进一步提高“双公示”信息报送的及时性、准确性和完整性，请各单位严格按照目录要求，"
     "自行政许可、行政处罚决定作出之日起7个工作日内报送至市公共信用信息平台。被依法变更、撤销、确认违法或者确认无效的"
     "行政处罚决定，应在3个工作日内撤下相关公示信息。\n\n市信用办将按月通报各单位报送及时率和合规率。", 20),
    ("news", "上饶市公共信用信息平台上线长者模式",
     "信用网站提供大字号、高对比度的长者模式，页面顶部一键切换。",
     "为方便老年人查询信用信息，“信用中国（江西上饶）”网站上线长者模式。点击页面顶部的“长者模式”按钮，"
     "即可切换为大字号、高对比度的显示方式，再次点击可恢复标准模式。网站不设弹窗，不使用图片验证码。", 7),
    ("case", "某商贸公司纠正失信行为后完成信用修复",
     "企业缴清罚款并签署信用承诺后，通过网站在线申请，10个工作日内完成修复。",
     "某商贸有限公司因未按规定公示年度报告被处以罚款。企业缴清罚款、补报年度报告后，在最短公示期满时通过本网站在线提交"
     "信用修复申请并签署信用承诺。受理部门在规定时限内作出修复决定，相关处罚信息停止公示。", 3),
    ("news", "我市开展诚信建设万里行主题宣传活动",
     "围绕“诚信兴商”主题，各县（市、区）组织开展诚信经营宣传进企业、进社区活动。",
     "活动期间，各地通过宣传展板、现场咨询、案例讲解等形式，普及信用承诺、信用修复和异议申诉等知识，"
     "引导市场主体依法诚信经营。", 1),
]


def seed_articles(actor=None) -> int:
    """Publish the demo articles once; returns how many were created."""
    if Article.objects.exists():
        return 0
    now = timezone.now()
    for kind, title, summary, body, days_ago in ARTICLES:
        publish_article(kind=kind, title=title, summary=summary, body=body, actor=actor,
                        published_at=now - dt.timedelta(days=days_ago))
    return len(ARTICLES)
