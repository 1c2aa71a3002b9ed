from django.urls import path

from publiccredit.collection import views as collection
from publiccredit.commitments import views as commitments
from publiccredit.education import views as education
from publiccredit.inspections import views as inspections
from publiccredit.lists import views as lists
from publiccredit.notifications import views as notifications
from publiccredit.objections import views as objections
from publiccredit.rectification import views as rectification
from publiccredit.registrations import views as registrations
from publiccredit.repair import views as repair
from publiccredit.sanctions import views as sanctions
from publiccredit.selfservice import views as selfservice

from . import views

app_name = "backoffice"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("collection/", collection.batches, name="collection-batches"),
    path("collection/batches/<int:batch_id>/", collection.batch_detail, name="collection-batch"),
    path("collection/batches/<int:batch_id>/errors.csv", collection.batch_errors, name="collection-batch-errors"),
    path("collection/batches/<int:batch_id>/source/", collection.batch_source, name="collection-batch-source"),
    path("collection/stats/", collection.stats, name="collection-stats"),
    path("collection/unlinked/", collection.unlinked, name="collection-unlinked"),
    path("collection/unlinked/<int:record_id>/", collection.unlinked_detail, name="collection-unlinked-detail"),
    path("lists/", lists.entries, name="list-entries"),
    path("lists/new/", lists.propose, name="list-propose"),
    path("lists/<int:entry_id>/", lists.entry, name="list-entry"),
    path("lists/<int:entry_id>/statements/<int:statement_id>/answer/", lists.answer_statement,
         name="list-statement-answer"),
    path("lists/<int:entry_id>/statements/<int:statement_id>/files/<int:attachment_id>/", lists.statement_file,
         name="list-statement-file"),
    path("lists/<int:entry_id>/service-proofs/<int:proof_id>/", lists.service_proof, name="list-service-proof"),
    path("lists/<int:entry_id>/<slug:step>/", lists.act, name="list-act"),
    path("lists/<int:entry_id>/documents/<slug:document>/", lists.document, name="list-document"),
    path("lists/<int:entry_id>/documents/<slug:document>.pdf", lists.document_pdf, name="list-document-pdf"),
    path("education/", education.window, name="education"),
    path("commitments/", commitments.work, name="commitments"),
    path("commitments/<int:commitment_id>/", commitments.detail, name="commitment"),
    path("commitments/green-channel/<int:decision_id>/<slug:step>/", commitments.green_channel_act,
         name="green-channel-act"),
    path("commitments/<int:commitment_id>/<slug:step>/", commitments.act, name="commitment-act"),
    path("inspections/", inspections.work_plans, name="inspections"),
    path("inspections/statistics/", inspections.statistics, name="inspection-statistics"),
    path("inspections/import/", inspections.import_file, name="inspection-import"),
    path("inspections/<str:number>/", inspections.work_plan, name="inspection-plan"),
    path("inspections/<str:number>/results/<str:code>/", inspections.result_form, name="inspection-result"),
    path("inspections/<str:number>/results/<str:code>/files/<int:attachment_id>/", inspections.result_file,
         name="inspection-result-file"),
    path("rectifications/", rectification.tasks, name="rectifications"),
    path("rectifications/new/", rectification.new_task, name="rectification-new"),
    path("rectifications/<int:task_id>/", rectification.task, name="rectification"),
    path("rectifications/<int:task_id>/files/<int:attachment_id>/", rectification.report_file,
         name="rectification-file"),
    path("rectifications/<int:task_id>/case/", views.publish_case, name="rectification-case"),
    path("rectifications/<int:task_id>/<slug:step>/", rectification.act, name="rectification-act"),
    path("interviews/new/", rectification.new_interview, name="interview-new"),
    path("screening/", sanctions.screenings, name="screenings"),
    path("screening/report/", sanctions.effect_report, name="screening-report"),
    path("screening/measures/", sanctions.catalog, name="measures"),
    path("screening/<int:screening_id>/", sanctions.screening, name="screening"),
    path("screening/<int:screening_id>/feedback/", sanctions.feedback, name="screening-feedback"),
    path("screening/<int:screening_id>/results.csv", sanctions.screening_csv, name="screening-csv"),
    path("records/<int:record_id>/repair-notice/", repair.repair_rights_notice, name="repair-notice"),
    path("records/<int:record_id>/repair-notice.pdf", repair.repair_rights_notice_pdf, name="repair-notice-pdf"),
    path("repairs/", repair.queue, name="repairs"),
    path("repairs/statistics/", views.remedy_statistics, name="repair-statistics"),
    path("repairs/new/", repair.on_behalf, name="repair-new"),
    path("repairs/<int:application_id>/", repair.detail, name="repair"),
    path("repairs/<int:application_id>/decision/", repair.decision, name="repair-decision"),
    path("repairs/<int:application_id>/decision.pdf", repair.decision_pdf, name="repair-decision-pdf"),
    path("repairs/<int:application_id>/files/<int:attachment_id>/", repair.attachment, name="repair-file"),
    path("repairs/<int:application_id>/<slug:step>/", repair.act, name="repair-act"),
    path("objections/", objections.queue, name="objections"),
    path("objections/<int:objection_id>/", objections.detail, name="objection"),
    path("objections/<int:objection_id>/files/<int:attachment_id>/", objections.attachment, name="objection-file"),
    path("objections/<int:objection_id>/<slug:step>/", objections.act, name="objection-act"),
    path("messages/", notifications.backoffice_inbox, name="messages"),
    path("messages/read/", notifications.backoffice_read, name="messages-read"),
    path("evaluation/", views.overview, name="evaluation"),
    path("registrations/", registrations.queue, name="registrations"),
    path("registrations/<int:registration_id>/", registrations.detail, name="registration"),
    path("registrations/<int:registration_id>/files/<int:attachment_id>/", registrations.attachment,
         name="registration-file"),
    path("registrations/<int:registration_id>/<slug:step>/", registrations.act, name="registration-act"),
    path("bindings/", selfservice.bindings, name="bindings"),
    path("bindings/<int:binding_id>/decide/", selfservice.binding_decide, name="binding-decide"),
]
