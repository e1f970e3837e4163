"""Individual and overall air-quality index from daily concentrations (HJ 633-2012, table 1)."""

from __future__ import annotations

import math
from decimal import Decimal

IAQI = (0, 50, 100, 150, 200, 300, 400, 500)
# 24-hour means in μg/m³ (CO in mg/m³); O3 is the daily maximum 8-hour mean, whose table stops at 800
BREAKPOINTS: dict[str, tuple[float, ...]] = {
    "so2": (0, 50, 150, 475, 800, 1600, 2100, 2620),
    "no2": (0, 40, 80, 180, 280, 565, 750, 940),
    "pm10": (0, 50, 150, 250, 350, 420, 500, 600),
    "co": (0, 2, 4, 14, 24, 36, 48, 60),
    "o3": (0, 100, 160, 215, 265, 800),
    "pm25": (0, 35, 75, 115, 150, 250, 350, 500),
}
NAMES = {"so2": "SO₂", "no2": "NO₂", "pm10": "PM10", "co": "CO", "o3": "O₃", "pm25": "PM2.5"}


def iaqi(pollutant: str, concentration: float | Decimal) -> int:
    """Return the individual index of one pollutant (rounded up, capped at the table's top)."""
    points = BREAKPOINTS[pollutant]
    value = float(concentration)
    for n in range(1, len(points)):
        if value <= points[n]:
            low, high = points[n - 1], points[n]
            return math.ceil((IAQI[n] - IAQI[n - 1]) / (high - low) * (value - low) + IAQI[n - 1])
    return IAQI[len(points) - 1]


def aqi(values: dict[str, float | Decimal]) -> tuple[int, str]:
    """Return (AQI, 首要污染物) of one day's VALUES; no primary pollutant when the AQI is 50 or less."""
    indices = {name: iaqi(name, value) for name, value in values.items()}
    top = max(indices.values())
    tied = [name for name in BREAKPOINTS if indices.get(name) == top]  # in the standard's order
    primary = "、".join(NAMES[n] for n in tied) if top > 50 else ""
    return top, primary
