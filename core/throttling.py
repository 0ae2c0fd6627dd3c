"""Login throttling (django-axes) and the limits on password-reset emails.

django-axes counts failed logins; this module tells it who the client is behind a
proxy, gives the address-wide count a limit of its own, and offers a small
per-window counter (in the Django cache, so in Redis when ``REDIS_URL`` is set) for
other things that must not be repeated without end, such as password-reset emails.
"""

import datetime
import hashlib

from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.core.cache import cache
from django.db.models import Max, Sum
from django.http import HttpRequest
from django.utils import timezone


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: ``REMOTE_ADDR``, or the one trusted proxies put in X-Forwarded-For.

    Each proxy appends the address it was contacted from, so with ``TRUSTED_PROXY_COUNT``
    proxies the client is that many entries from the right; anything further left was
    written by the client itself and may be forged.
    """
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies <= 0:
        return remote_addr
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote_addr
    return forwarded[-proxies]


def _failure_limit(parameter) -> int:
    """The failures allowed for one of ``AXES_LOCKOUT_PARAMETERS``: an address alone gets more."""
    if parameter == "ip_address":
        return settings.LOGIN_FAILURE_LIMIT_PER_IP
    return settings.AXES_FAILURE_LIMIT


class LoginThrottleHandler(AxesDatabaseHandler):
    """Axes' database handler, with a limit for each of ``AXES_LOCKOUT_PARAMETERS``.

    Axes compares one number of failures with one limit (``AXES_FAILURE_LIMIT``).
    ``get_failures`` gives it each count scaled to that limit (30 failures from an
    address whose limit is 30 count as 5 when the limit is 5), so the comparison
    locks a client out when any count reaches its own limit.
    """

    def _counted_attempts(self, request, credentials=None):
        """Each lockout parameter with the recent attempts it counts for this client."""
        return zip(
            settings.AXES_LOCKOUT_PARAMETERS,
            self.get_user_attempts(request, credentials),
            strict=True,
        )

    def get_failures(self, request, credentials=None) -> int:
        attempts = self._counted_attempts(request, credentials)
        limit = settings.AXES_FAILURE_LIMIT
        scaled = [0]
        for parameter, queryset in attempts:
            failures = queryset.aggregate(total=Sum("failures_since_start"))["total"] or 0
            scaled.append(failures * limit // _failure_limit(parameter))
        return max(scaled)

    def reset_user_attempts(self, request, credentials=None) -> int:
        """After a successful login, forget that name's failures from that address only.

        Axes would also forget every failure from the address, so one working
        account would let an attacker try other names without end.
        """
        count, _ = AccessAttempt.objects.filter(
            username=get_client_username(request, credentials),
            ip_address=request.axes_ip_address,
        ).delete()
        return count

    def lockout_ends_at(self, request, credentials=None) -> datetime.datetime:
        """When the client may try again: the last failure of a count at its limit, plus the cool-off."""
        cool_off = get_cool_off(request)
        attempts = self._counted_attempts(request, credentials)
        latest = None
        for parameter, queryset in attempts:
            totals = queryset.aggregate(
                failures=Sum("failures_since_start"), last=Max("attempt_time")
            )
            if (totals["failures"] or 0) >= _failure_limit(parameter) and totals["last"]:
                latest = max(latest or totals["last"], totals["last"])
        return (latest or timezone.now()) + cool_off


def within_limit(scope: str, key: str, limit: int, period: datetime.timedelta) -> bool:
    """Count one more use of ``scope`` by ``key``; False once ``limit`` uses fall in one ``period``.

    The window starts at the first use. The counter lives in the Django cache.
    """
    cache_key = f"limit:{scope}:{key}"
    cache.add(cache_key, 0, timeout=int(period.total_seconds()))
    try:
        used = cache.incr(cache_key)
    except ValueError:  # the entry expired between add() and incr()
        cache.add(cache_key, 1, timeout=int(period.total_seconds()))
        used = 1
    return used <= limit


PASSWORD_RESET_PERIOD = datetime.timedelta(hours=1)


def password_reset_allowed(email: str, ip_address: str | None) -> bool:
    """Whether one more password-reset email may go to ``email`` at the request of ``ip_address``.

    At most ``PASSWORD_RESET_LIMIT_PER_EMAIL`` an hour to one address and
    ``PASSWORD_RESET_LIMIT_PER_IP`` an hour from one client, whether or not an
    account uses the address (so the limit tells nothing about accounts).
    """
    email_key = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    email_ok = within_limit(
        "password-reset-email",
        email_key,
        settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
        PASSWORD_RESET_PERIOD,
    )
    ip_ok = within_limit(
        "password-reset-ip",
        ip_address or "unknown",
        settings.PASSWORD_RESET_LIMIT_PER_IP,
        PASSWORD_RESET_PERIOD,
    )
    return email_ok and ip_ok
