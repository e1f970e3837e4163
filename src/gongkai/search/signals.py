"""`searched`: sent once per public search (its first page), with `query` (the words as typed). Receivers
count queries (the hotspots of public concerns); search itself keeps no record of who asked."""

from django.dispatch import Signal

searched = Signal()
