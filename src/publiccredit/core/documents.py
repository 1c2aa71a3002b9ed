"""Documents served as PDF: WeasyPrint renders the same HTML the page shows (DESIGN §3: one template, two forms)."""

from django.http import HttpResponse


def pdf_response(html: HttpResponse, request, *, filename: str) -> HttpResponse:
    """The rendered page ``html`` as a PDF download; local assets resolve against this site."""
    from weasyprint import HTML  # imported on use: it loads Pango, which no other request needs

    pdf = HTML(string=html.content.decode(), base_url=request.build_absolute_uri("/")).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def file_download(data: bytes, *, filename: str, content_type: str) -> HttpResponse:
    """Bytes kept as issued (a report, its signature) as a download."""
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
