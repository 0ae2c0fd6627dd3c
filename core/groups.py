"""The Secretariat group: staff who keep all the site's content, but not users and groups."""

from django.contrib.auth.models import Group, Permission

SECRETARIAT_GROUP = "Secretariat"
CONTENT_APPS = ["members", "events", "documents", "news", "pages", "search", "legacy"]


def ensure_secretariat_group(**kwargs) -> Group:
    group, _ = Group.objects.get_or_create(name=SECRETARIAT_GROUP)
    group.permissions.add(*Permission.objects.filter(content_type__app_label__in=CONTENT_APPS))
    return group
