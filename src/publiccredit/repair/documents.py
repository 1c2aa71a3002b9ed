"""The repair decision as a document: one template for the page and the PDF, shown to the applicant on the website
and to the credit office in the back office, so both views render it from here (docs/architecture.md)."""

from django.http import Http404
from django.shortcuts import render

from publiccredit.core.documents import pdf_response

from .models import RepairApplication


def decision_document(request, application, *, back: str, pdf: str, as_pdf: bool = False):
    """准予（不予）信用修复决定书 for a decided application: the same template as a page and as a PDF, for the
    applicant to show banks, tenders and departments, and for the back office to print."""
    from publiccredit.organizations.queries import issuing_office

    if application.state not in (RepairApplication.State.APPROVED, RepairApplication.State.REFUSED):
        raise Http404
    issuer = issuing_office(application.decided_by)
    title = "准予信用修复决定书" if application.state == RepairApplication.State.APPROVED else "不予信用修复决定书"
    html = render(request, "repair/decision_document.html", {
        "application": application, "record": application.record, "issuer": issuer, "title": title,
        "back": back, "pdf": pdf})
    if not as_pdf:
        return html
    return pdf_response(html, request, filename=f"repair-decision-{application.number}.pdf")
