from gongkai.core.errors import DomainError


class PublishingError(DomainError):
    """A publishing rule said no."""
