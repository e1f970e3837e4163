from gongkai.core.errors import DomainError


class ConcernError(DomainError):
    """A rule of public concerns said no."""
