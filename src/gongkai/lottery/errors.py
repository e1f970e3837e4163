from gongkai.core.errors import DomainError


class LotteryError(DomainError):
    """A lottery rule said no (message in Chinese, a code, the field at fault)."""
