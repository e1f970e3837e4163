from gongkai.core.errors import DomainError


class LandError(DomainError):
    """A land rule refused the change."""
