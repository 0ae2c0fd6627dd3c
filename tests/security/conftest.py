import pytest

from tests.factories import MemberInstitutionFactory, MembershipFactory, UserFactory


@pytest.fixture
def member():
    """A portal user of one member institution."""
    user = UserFactory(username="nssf-member")
    MembershipFactory(user=user, institution=MemberInstitutionFactory(acronym="NSSF"))
    return user


@pytest.fixture
def upload_temp_dir(settings, tmp_path):
    """The folder Django writes uploads to while they arrive; tests look into it after."""
    folder = tmp_path / "upload-tmp"
    folder.mkdir()
    settings.FILE_UPLOAD_TEMP_DIR = str(folder)
    return folder
