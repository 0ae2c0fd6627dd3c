"""Run by scale/run.py through ``manage.py shell``: the people and files the test uses.

Prints one line of JSON: the ids the test needs.
"""

import hashlib
import json
import os

from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.utils import timezone

from core.storage import private_storage
from documents.models import Document
from members.models import MemberInstitution, Membership

PASSWORD = os.environ["SCALE_PASSWORD"]

nssf = MemberInstitution.objects.create(
    name_en="National Social Security Fund", acronym="NSSF", slug="nssf", country="KH"
)
member = User.objects.create_user("member", "member@example.org", PASSWORD)
Membership.objects.create(user=member, institution=nssf, language="en")
clerk = User.objects.create_user("clerk", "clerk@example.org", PASSWORD, is_staff=True)
clerk.groups.add(Group.objects.get_or_create(name="Secretariat")[0])


def published(title: str, name: str, data: bytes) -> Document:
    stored = private_storage().save(
        f"documents/{hashlib.sha256(data).hexdigest()}.pdf", ContentFile(data)
    )
    now = timezone.now()
    return Document.objects.create(
        title_en=title,
        institution=nssf,
        file=stored,
        original_name=name,
        content_type="application/pdf",
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        status="approved",
        published_at=now,
        decided_at=now,
    )


small = published("Minutes of the 37th meeting", "minutes.pdf", b"%PDF-1.7\n" + os.urandom(40_000))
big = published("Annual statistics", "statistics.pdf", b"%PDF-1.7\n" + os.urandom(20 * 1024 * 1024))
print(json.dumps({"small": small.pk, "big": big.pk}))
