"""统一社会信用代码 (GB 32100-2015) and its 9-character 主体标识码 (GB 11714)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_ORG_CHARSET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)


def uscc_check_char(first17: str) -> str:
    """Return the 18th (check) character for the first 17 characters of a credit code."""
    total = sum(USCC_CHARSET.index(c) * w for c, w in zip(first17, _USCC_WEIGHTS, strict=True))
    return USCC_CHARSET[(31 - total % 31) % 31]


def org_code_check_char(first8: str) -> str:
    """Return the check character of a GB 11714 organisation code body."""
    total = sum(_ORG_CHARSET.index(c) * w for c, w in zip(first8, _ORG_WEIGHTS, strict=True))
    value = 11 - total % 11
    return {10: "X", 11: "0"}.get(value, str(value))


def uscc_problem(code: str) -> str | None:
    """Return why CODE is not a valid 统一社会信用代码, in English, or None when it is."""
    if len(code) != 18:
        return f"must be 18 characters, got {len(code)}"
    bad = sorted({c for c in code if c not in USCC_CHARSET})
    if bad:
        return f"contains characters not allowed in a credit code: {''.join(bad)}"
    if not code[2:8].isdigit():
        return "characters 3-8 must be the 6-digit administrative division code"
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        return f"check character is {code[17]}, expected {expected}"
    return None


def validate_uscc(value: str) -> None:
    """Validate a 统一社会信用代码 for forms and models (message in Chinese)."""
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(
            _("统一社会信用代码应为18位，当前为%(n)d位。"), code="uscc_length", params={"n": len(code)}
        )
    if any(c not in USCC_CHARSET for c in code):
        raise ValidationError(
            _("统一社会信用代码只能包含数字和大写字母（不含I、O、Z、S、V）。"), code="uscc_charset"
        )
    if not code[2:8].isdigit():
        raise ValidationError(_("统一社会信用代码第3至8位应为行政区划代码。"), code="uscc_region")
    if code[17] != uscc_check_char(code[:17]):
        raise ValidationError(_("统一社会信用代码校验位不正确，请核对后重新输入。"), code="uscc_check")


def make_uscc(*, registry: str, kind: str, region: str, body8: str) -> str:
    """Build a valid credit code from its parts (used by the demo and tests)."""
    org = body8 + org_code_check_char(body8)
    first17 = f"{registry}{kind}{region}{org}"
    return first17 + uscc_check_char(first17)
