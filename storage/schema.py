"""Every table of the schema: importing this module registers all models on `Base.metadata`."""

from storage import revision  # noqa: F401
from storage.accounts import groups, models  # noqa: F401
from storage.conversation import state  # noqa: F401
from storage.inbox import processed, received  # noqa: F401
from storage.models import Base
from storage.outbox import queue  # noqa: F401
from storage.reminders import models as reminder_models  # noqa: F401
from storage.reporting import reports  # noqa: F401
from storage.uploads import announcements  # noqa: F401

__all__ = ["Base"]
