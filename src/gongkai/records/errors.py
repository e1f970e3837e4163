from gongkai.core.errors import DomainError


class RecordError(DomainError):
    """A records rule said no."""
