"""Who may do what: the Secretariat, and the member institution a portal user belongs to.

Read by every app (documents' visibility, drafts of events and news), so it lives here,
below them; it imports no app (a user's institution is reached through the relation's name).
"""

from django.core.exceptions import ObjectDoesNotExist

from core.groups import SECRETARIAT_GROUP


def is_secretariat(user) -> bool:
    """Staff in the Secretariat group (or superusers): they see and moderate everything."""
    if not (user and user.is_authenticated and user.is_active and user.is_staff):
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_is_secretariat", None)
    if cached is None:
        cached = user.groups.filter(name=SECRETARIAT_GROUP).exists()
        user._is_secretariat = cached
    return cached


def institution_of(user):
    """The member institution a portal user uploads for, or None."""
    if not (user and user.is_authenticated and user.is_active):
        return None
    try:
        return user.membership.institution
    except ObjectDoesNotExist:
        return None
