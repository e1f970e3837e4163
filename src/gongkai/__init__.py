"""Gongkai (公开): the county government-information disclosure platform."""

__version__ = "0.1.0"
