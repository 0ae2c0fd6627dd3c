from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from core.middleware import accepts_uploads
from documents import views

app_name = "documents"

PORTAL_TEMPLATES = "documents/portal"

urlpatterns = [
    # The public library
    path("documents/", views.DocumentListView.as_view(), name="list"),
    path("documents/<int:pk>/", views.DocumentDetailView.as_view(), name="detail"),
    # The current file of a document, for pages that only know its number.
    path("documents/<int:pk>/file/", views.file_redirect, name="file"),
    # The member portal
    path("portal/", views.DashboardView.as_view(), name="portal_dashboard"),
    path("portal/upload/", accepts_uploads(views.UploadView.as_view()), name="portal_upload"),
    path(
        "portal/submissions/<int:pk>/withdraw/",
        views.WithdrawView.as_view(),
        name="portal_withdraw",
    ),
    # A document's versions, and sending a new one.
    path("portal/documents/<int:pk>/", views.VersionsView.as_view(), name="portal_versions"),
    path(
        "portal/documents/<int:pk>/new-version/",
        accepts_uploads(views.RevisionView.as_view()),
        name="portal_revise",
    ),
    path(
        "portal/new-versions/<int:pk>/withdraw/",
        views.WithdrawRevisionView.as_view(),
        name="portal_withdraw_revision",
    ),
    path(
        "portal/login/",
        auth_views.LoginView.as_view(
            template_name=f"{PORTAL_TEMPLATES}/login.html",
            redirect_authenticated_user=True,
            # LoginView puts the request's host in site_name, which the header shows.
            extra_context={"site_name": settings.SITE_NAME},
        ),
        name="portal_login",
    ),
    path("portal/logout/", auth_views.LogoutView.as_view(), name="portal_logout"),
    path(
        "portal/password-reset/",
        views.PortalPasswordResetView.as_view(
            template_name=f"{PORTAL_TEMPLATES}/password_reset_form.html",
            email_template_name="documents/emails/password_reset_body.txt",
            subject_template_name="documents/emails/password_reset_subject.txt",
            success_url=reverse_lazy("documents:portal_password_reset_done"),
        ),
        name="portal_password_reset",
    ),
    path(
        "portal/password-reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            template_name=f"{PORTAL_TEMPLATES}/password_reset_done.html"
        ),
        name="portal_password_reset_done",
    ),
    path(
        "portal/password-reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            template_name=f"{PORTAL_TEMPLATES}/password_reset_confirm.html",
            success_url=reverse_lazy("documents:portal_password_reset_complete"),
        ),
        name="portal_password_reset_confirm",
    ),
    path(
        "portal/password-reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name=f"{PORTAL_TEMPLATES}/password_reset_complete.html"
        ),
        name="portal_password_reset_complete",
    ),
]
