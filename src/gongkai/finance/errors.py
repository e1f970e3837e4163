from gongkai.records.errors import RecordError


class FinanceError(RecordError):
    """A rule of budgets, final accounts or fees said no (a RecordError, so the record screens show it)."""
