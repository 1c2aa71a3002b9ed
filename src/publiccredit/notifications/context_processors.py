from django.utils.functional import SimpleLazyObject


def unread(request):
    """The unread count for the navigation, counted only when a page shows it."""
    from .queries import unread_count

    return {"unread_messages": SimpleLazyObject(lambda: unread_count(getattr(request, "user", None)))}
