from .context import channel


class AuditChannelMiddleware:
    """Every request starts with its own channel (admin or web; API authentication switches to api).

    The channel lives in a context variable, and worker threads are reused between requests, so it is set
    for the duration of each request and restored afterwards.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with channel("admin" if request.path.startswith("/admin/") else "web"):
            return self.get_response(request)
