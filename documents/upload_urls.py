"""Resumable uploads (the tus protocol, documents.tus), not language-prefixed: /uploads/...

Included by assa/urls.py. Both views take a piece of a file per request: the body limit
for them is one piece (core.middleware.body_limits.accepts_upload_chunks).
"""

from django.urls import path

from core.middleware import accepts_upload_chunks
from documents import tus

app_name = "uploads"

urlpatterns = [
    path("", accepts_upload_chunks(tus.UploadsView.as_view()), name="create"),
    path("<uuid:pk>/", accepts_upload_chunks(tus.UploadView.as_view()), name="upload"),
]
