"""A refused post keeps the valid files it carried: the user chooses again only the refused one, and
each refusal is said once next to its field (and linked from the summary)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from regions.models import Nomination
from tests.factories import UserFactory, regions_pdf

pytestmark = pytest.mark.django_db

REFUSAL = "The file&#x27;s content is not an accepted type"


def stc_nomination(**files) -> dict:
    return {"first_name": "Wangari", "last_name": "Scientist", "email": "wangari@example.org",
            "organisation": "KEFRI", "action": "submit", **files}  # fmt: skip


def test_a_valid_letter_is_kept_when_the_cv_is_refused(client, nfp_kenya, kenya):
    client.force_login(nfp_kenya)
    url = reverse("regions:nominate_stc")
    bad_cv = SimpleUploadedFile("cv.pdf", b"GIF89a not a pdf")
    response = client.post(url, stc_nomination(nomination_letter=regions_pdf("letter.pdf"), cv=bad_cv))
    assert response.status_code == 200
    html = response.content.decode()
    assert "letter.pdf is kept: choose a file only to replace it." in html
    assert html.count(REFUSAL) == 2  # once in the summary (a link to the field), once under the field
    assert 'id="id_cv-error"' in html
    assert not Nomination.objects.exists()
    form = response.context["form"]
    assert form.kept == {"nomination_letter": "letter.pdf"}
    token = form["nomination_letter__kept"].value()
    assert token

    # The next post chooses only the CV: the kept letter is attached.
    response = client.post(url, stc_nomination(cv=regions_pdf("cv.pdf"), nomination_letter__kept=token))
    nomination = Nomination.objects.get()
    assert response.status_code == 302
    assert nomination.nomination_letter.name.startswith("regions/nomination-letters/")
    assert nomination.nomination_letter.read().startswith(b"%PDF")


def test_a_kept_file_is_only_for_the_user_who_uploaded_it(client, nfp_kenya, kenya):
    client.force_login(nfp_kenya)
    url = reverse("regions:nominate_stc")
    bad_cv = SimpleUploadedFile("cv.pdf", b"GIF89a not a pdf")
    response = client.post(url, stc_nomination(nomination_letter=regions_pdf("letter.pdf"), cv=bad_cv))
    token = response.context["form"]["nomination_letter__kept"].value()
    other_nfp = UserFactory(role=nfp_kenya.groups.first().name, country=kenya)
    client.force_login(other_nfp)
    response = client.post(url, stc_nomination(cv=regions_pdf("cv.pdf"), nomination_letter__kept=token))
    assert response.status_code == 200
    assert "formal nomination letter" in response.content.decode()  # the letter is missing for them
    assert not Nomination.objects.exists()
    response = client.post(url, stc_nomination(cv=regions_pdf("cv.pdf"), nomination_letter__kept="forged"))
    assert response.status_code == 200 and not Nomination.objects.exists()
