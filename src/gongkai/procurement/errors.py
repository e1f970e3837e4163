from gongkai.core.errors import DomainError


class ProcurementError(DomainError):
    """A procurement rule said no (message in Chinese, a code, the field at fault)."""
