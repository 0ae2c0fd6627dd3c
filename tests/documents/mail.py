"""Email backends for the tests of the worker: a mail server that is down."""

from django.core.mail.backends.base import BaseEmailBackend

attempts: list[str] = []


class RefusingBackend(BaseEmailBackend):
    """Every send fails as a mail server that refuses connections does; each try is counted."""

    def send_messages(self, email_messages):
        attempts.extend(message.subject for message in email_messages)
        raise ConnectionRefusedError(111, "Connection refused")
