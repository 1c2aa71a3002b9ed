from django.contrib import admin
from django.contrib.auth.views import LogoutView
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView

from publiccredit.accounts.api import WhoAmIView
from publiccredit.accounts.views import admin_index, staff_login
from publiccredit.associations import views as associations_views
from publiccredit.backoffice import api as backoffice_api
from publiccredit.collection import api as collection_api
from publiccredit.commitments import api as commitments_api
from publiccredit.commitments import views as commitments_views
from publiccredit.education import views as education_views
from publiccredit.evaluation import api as evaluation_api
from publiccredit.evaluation import views as evaluation_views
from publiccredit.inspections import api as inspections_api
from publiccredit.inspections import views as inspections_views
from publiccredit.lists.api import PublishedListView
from publiccredit.notifications import views as notifications
from publiccredit.objections import api as objections_api
from publiccredit.organizations.api import OrganizationListView
from publiccredit.portal import views as portal_views
from publiccredit.publicity import api as publicity_api
from publiccredit.publicity import views as publicity_views
from publiccredit.repair import api as repair_api
from publiccredit.reports import api as reports_api
from publiccredit.reports import views as reports_views
from publiccredit.sanctions import api as sanctions_api
from publiccredit.selfservice import views as selfservice
from publiccredit.subjects.api import IdentifierCheckView

api_v1 = [
    path("whoami/", WhoAmIView.as_view(), name="whoami"),
    path("organizations/", OrganizationListView.as_view(), name="organizations"),
    path("subjects/", publicity_api.SubjectSearchView.as_view(), name="subject-search"),
    path("subjects/<str:code>/", publicity_api.CreditFileView.as_view(), name="subject-file"),
    path("evaluations/imports/", evaluation_api.ImportView.as_view(), name="evaluation-imports"),
    path("evaluations/<str:code>/", evaluation_api.EvaluationView.as_view(), name="evaluations"),
    path("lists/", PublishedListView.as_view(), name="lists"),
    path("commitments/", commitments_api.CommitmentsView.as_view(), name="commitments"),
    path("commitments/templates/", commitments_api.TemplatesView.as_view(), name="commitment-templates"),
    path("commitments/green-channel/", commitments_api.GreenChannelView.as_view(), name="commitment-green-channel"),
    path("inspections/plans/", inspections_api.PlansView.as_view(), name="inspection-plans"),
    path("inspections/stats/", inspections_api.StatisticsView.as_view(), name="inspection-stats"),
    path("inspections/plans/<str:number>/", inspections_api.PlanDetailView.as_view(), name="inspection-plan"),
    path("inspections/plans/<str:number>/candidates.csv", inspections_api.CandidatesView.as_view(),
         name="inspection-plan-candidates"),
    path("reports/", reports_api.ReportsView.as_view(), name="reports"),
    path("reports/domains/", reports_api.DomainsView.as_view(), name="report-domains"),
    path("reports/public-key.pem", reports_api.PublicKeyView.as_view(), name="report-public-key"),
    path("reports/verify/", reports_api.VerifyView.as_view(), name="report-verify"),
    path("reports/<str:number>.pdf", reports_api.ReportPdfView.as_view(), name="report-pdf"),
    path("reports/<str:number>.sig", reports_api.ReportSignatureView.as_view(), name="report-sig"),
    path("screening/", sanctions_api.ScreeningView.as_view(), name="screening"),
    path("screening/matters/", sanctions_api.MattersView.as_view(), name="screening-matters"),
    path("screening/stats/", sanctions_api.StatisticsView.as_view(), name="screening-stats"),
    path("screening/<int:screening_id>/", sanctions_api.ScreeningDetailView.as_view(), name="screening-detail"),
    path("screening/<int:screening_id>/feedback/", sanctions_api.FeedbackView.as_view(), name="screening-feedback"),
    path("repairs/", repair_api.RepairApplicationsView.as_view(), name="repairs"),
    path("remedies/stats/", backoffice_api.RemedyStatisticsView.as_view(), name="remedy-stats"),
    path("repairs/<str:number>/", repair_api.RepairProgressView.as_view(), name="repair-progress"),
    path("repairs/<str:number>/resubmit/", repair_api.RepairFollowUpView.as_view(), {"action": "resubmit"},
         name="repair-resubmit"),
    path("repairs/<str:number>/withdraw/", repair_api.RepairFollowUpView.as_view(), {"action": "withdraw"},
         name="repair-withdraw"),
    path("objections/", objections_api.ObjectionsView.as_view(), name="objections"),
    path("objections/<str:number>/", objections_api.ObjectionProgressView.as_view(), name="objection-progress"),
    path("objections/<str:number>/review/", objections_api.ObjectionReviewView.as_view(), name="objection-review"),
    path("identifiers/check/", IdentifierCheckView.as_view(), name="identifier-check"),
    path("collection/items/", collection_api.CatalogItemsView.as_view(), name="collection-items"),
    path("collection/stats/", collection_api.TimelinessStatsView.as_view(), name="collection-stats"),
    path("collection/batches/<int:batch_id>/", collection_api.BatchDetailView.as_view(), name="collection-batch"),
    path("collection/batches/<int:batch_id>/errors.csv", collection_api.BatchErrorReportView.as_view(),
         name="collection-batch-errors"),
    path("collection/<slug:item_code>/records/", collection_api.RecordSubmissionView.as_view(),
         name="collection-records"),
]

urlpatterns = [
    path("", portal_views.home, name="home"),
    path("healthz", portal_views.healthz, name="healthz"),
    path("search/", publicity_views.search, name="search"),
    path("credit/<str:ref>/", publicity_views.credit_file, name="credit-file"),
    path("publicity/<slug:column>/", publicity_views.double_publicity, name="double-publicity"),
    path("lists/", publicity_views.lists, name="lists"),
    path("lists/entries/<int:entry_id>/", publicity_views.list_entry, name="list-entry"),
    path("joint-measures/", publicity_views.joint_measures, name="joint-measures"),
    path("evaluation/", evaluation_views.rules, name="evaluation-rules"),
    path("inspections/", inspections_views.plans, name="inspection-plans-page"),
    path("commitments/", commitments_views.public_column, name="commitments-page"),
    path("education/", education_views.courses, name="education-courses"),
    path("education/<slug:code>/", education_views.course, name="education-course"),
    path("inspections/<str:number>/", inspections_views.plan, name="inspection-plan-page"),
    path("news/", publicity_views.articles, name="articles"),
    path("news/<int:pk>/", publicity_views.article, name="article"),
    path("elder-mode/", publicity_views.elder_mode, name="elder-mode"),
    path("account/login/", selfservice.PortalLoginView.as_view(), name="portal-login"),
    path("account/logout/", LogoutView.as_view(next_page="/"), name="portal-logout"),
    path("account/register/", selfservice.register, name="portal-register"),
    path("account/", selfservice.home, name="portal-account"),
    path("account/binding/", selfservice.binding_new, name="portal-binding-new"),
    path("account/binding/<int:binding_id>/", selfservice.binding_step, name="portal-binding-step"),
    path("account/messages/", notifications.portal_inbox, name="portal-messages"),
    path("account/messages/read/", notifications.portal_read, name="portal-messages-read"),
    path("account/repair/<int:record_id>/", selfservice.repair_apply, name="portal-repair"),
    path("account/registrations/", selfservice.registrations, name="portal-registrations"),
    path("account/rectifications/", selfservice.rectifications, name="portal-rectifications"),
    path("account/commitments/", commitments_views.own, name="portal-commitments"),
    path("account/associations/", associations_views.membership_page, name="portal-associations"),
    path("account/reports/", reports_views.own, name="portal-reports"),
    path("account/reports/<str:number>.pdf", reports_views.download, {"part": "pdf"}, name="portal-report-pdf"),
    path("account/reports/<str:number>.sig", reports_views.download, {"part": "sig"}, name="portal-report-sig"),
    path("reports/verify/", reports_views.verify, name="report-verify-page"),
    path("account/authorisations/", reports_views.authorisations, name="portal-authorisations"),
    path("agency/", reports_views.agency, name="agency-workspace"),
    path("association/", associations_views.workspace, name="association-workspace"),
    path("association/<slug:step>/", associations_views.act, name="association-act"),
    path("account/commitments/<int:commitment_id>/withdraw/", commitments_views.own_withdraw,
         name="portal-commitment-withdraw"),
    path("account/registrations/<int:registration_id>/withdraw/", selfservice.registration_withdraw,
         name="portal-registration-withdraw"),
    path("account/lists/<int:entry_id>/statement/", selfservice.list_statement, name="portal-list-statement"),
    path("objection/<int:record_id>/", selfservice.objection_new, name="portal-objection"),
    path("progress/", selfservice.progress, name="portal-progress"),
    path("repairs/<str:number>/", selfservice.repair_follow_up, name="portal-repair-follow-up"),
    path("objections/<str:number>/", selfservice.objection_follow_up, name="portal-objection-follow-up"),
    path("repairs/<str:number>/decision/", selfservice.repair_decision, name="portal-repair-decision"),
    path("repairs/<str:number>/decision.pdf", selfservice.repair_decision_pdf, name="portal-repair-decision-pdf"),
    path("admin/login/", staff_login, name="staff-login"),
    path("admin/", admin_index, name="admin-index"),
    path("admin/", admin.site.urls),
    path("backoffice/", include("publiccredit.backoffice.urls")),
    path("api/v1/", include((api_v1, "api"), namespace="api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="api-docs"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="api-redoc"),
]

handler404 = "publiccredit.portal.views.not_found"
handler500 = "publiccredit.portal.views.server_error"
