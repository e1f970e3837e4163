from gongkai.core.errors import DomainError


class ParticipationError(DomainError):
    """A rule of consultations, comments, hearings or adoption reports said no."""
