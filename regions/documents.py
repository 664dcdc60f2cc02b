"""Uploaded documents of the mechanism, served only to users who may see their record."""

from pathlib import PurePath

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse

from .models import (
    CommitteeAnnualReport,
    CommitteeMeeting,
    MemorandumOfUnderstanding,
    Nomination,
    Partnership,
    RegionalOffice,
)

# URL name of a document kind -> (model, file field)
DOCUMENTS = {
    "office-charter": (RegionalOffice, "charter"),
    "mou": (MemorandumOfUnderstanding, "document"),
    "meeting-minutes": (CommitteeMeeting, "minutes"),
    "committee-report": (CommitteeAnnualReport, "file"),
    "nomination-letter": (Nomination, "nomination_letter"),
    "nomination-cv": (Nomination, "cv"),
    "partnership-agreement": (Partnership, "agreement"),
}


def document_url(kind: str, instance) -> str:
    """The download address of `instance`'s document of `kind`, or '' when there is none."""
    _, field = DOCUMENTS[kind]
    if not getattr(instance, field):
        return ""
    return reverse("regions:document", kwargs={"kind": kind, "pk": instance.pk})


def document_download(request, kind: str, pk: int):
    """Send a stored document, as an attachment under a neutral name, if its record is visible."""
    if kind not in DOCUMENTS:
        raise Http404
    model, field = DOCUMENTS[kind]
    instance = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    stored = getattr(instance, field)
    if not stored:
        raise Http404
    extension = PurePath(stored.name).suffix
    return FileResponse(stored.open("rb"), as_attachment=True, filename=f"{kind}-{pk}{extension}")
