"""A mail transport that takes its time, to make parallel deliveries overlap."""

import threading
import time

from django.core.mail.backends.base import BaseEmailBackend

delivered = []
_lock = threading.Lock()


class SlowBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        time.sleep(0.5)
        with _lock:
            delivered.extend(m.subject for m in email_messages)
        return len(email_messages)
