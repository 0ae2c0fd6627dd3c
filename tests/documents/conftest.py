import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.services import create_document
from tests.documents import files
from tests.factories import (
    EventFactory,
    MemberInstitutionFactory,
    MembershipFactory,
    SecretariatUserFactory,
    UserFactory,
)


@pytest.fixture
def sso():
    return MemberInstitutionFactory(
        slug="sso-thailand", name_en="Social Security Office", acronym="SSO", country="TH"
    )


@pytest.fixture
def member(nssf):
    """A portal user of NSSF who reads email in Khmer."""
    user = UserFactory(username="nssf-member", first_name="Sokha")
    MembershipFactory(user=user, institution=nssf, language="km")
    return user


@pytest.fixture
def other_member(sso):
    user = UserFactory(username="sso-member")
    MembershipFactory(user=user, institution=sso, language="en")
    return user


@pytest.fixture
def secretariat():
    return SecretariatUserFactory(username="secretariat")


@pytest.fixture
def meeting(nssf):
    return EventFactory(number=37, slug="cambodia-2020", title_en="Cambodia 2020", host=nssf)


def upload(name: str, data: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture
def make_pdf_document():
    """A document stored through the real service, from a real PDF."""
    counter = {"n": 0}

    def make(status="approved", pages=1, name=None, **fields):
        counter["n"] += 1
        # Different page sizes give different files, so no two are duplicates.
        data = files.pdf_bytes(pages, width=500 + counter["n"])
        fields.setdefault("title_en", f"Paper {counter['n']}")
        return create_document(
            upload(name or f"paper-{counter['n']}.pdf", data),
            original_name=name or f"paper-{counter['n']}.pdf",
            status=status,
            **fields,
        )

    return make
