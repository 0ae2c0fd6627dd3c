"""Response headers the whole site shares."""

from django.conf import settings


def permissions_policy(features: dict[str, list[str]]) -> str:
    """``{"camera": [], "fullscreen": ["self"]}`` -> ``camera=(), fullscreen=(self)``."""
    return ", ".join(
        f"{feature}=({' '.join(allowlist)})" for feature, allowlist in features.items()
    )


class PermissionsPolicyMiddleware:
    """Adds ``Permissions-Policy`` from ``settings.PERMISSIONS_POLICY`` to every response.

    The site needs no camera, microphone, location, payment or USB: turning them off means
    that nothing on our pages (nor an uploaded file opened on our origin) can ask for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
