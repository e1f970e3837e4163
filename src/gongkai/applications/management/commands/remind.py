from typing import Any

from gongkai.applications.reminders import send_reminders
from gongkai.core.management.base import GongkaiCommand


class Command(GongkaiCommand):
    help = "E-mail case handlers about applications overdue or due within 5 working days (the worker does this daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(f"sent {send_reminders()} reminder(s)")
