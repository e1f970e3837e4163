from gongkai.core.errors import DomainError


class ApplicationError(DomainError):
    """An application rule said no."""
