"""The search index's source of truth, kept in the database in the publishing transaction.

`SearchEntry` holds one row per item that is (or is scheduled to be) public, with its text already
segmented; the PostgreSQL backend searches it directly, the embedded (tantivy) backend mirrors it
by replaying `SearchOutbox` in order. Results are always filtered against the live published state.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchEntry(models.Model):
    key = models.CharField(max_length=120, unique=True)  # "{kind}:{id}"
    kind = models.CharField(max_length=40, db_index=True)
    ident = models.CharField(max_length=80)
    title = models.CharField(max_length=400)
    text = models.TextField()  # plain text for snippets and phrase checks
    title_tokens = models.TextField()  # segmented, space-separated, lower-case
    body_tokens = models.TextField()
    numbers = models.CharField(max_length=400, blank=True)  # normalised 发文字号 and 索引号, space-separated
    # The tokens of the numbers but the 索引号 (发文字号, 决定书文号 …): a word found there ranks above the body
    number_tokens = models.TextField(blank=True)
    unit = models.CharField(max_length=40, db_index=True, blank=True)  # unit code
    category = models.CharField(max_length=40, blank=True)
    year = models.PositiveIntegerField(null=True, db_index=True)
    published_at = models.DateTimeField(null=True)
    url = models.CharField(max_length=400)

    def __str__(self) -> str:
        return self.key


class SearchOutbox(models.Model):
    """Keys whose entry changed, in commit order; the embedded index replays them."""

    # Written by a rebuild of every entry (`services.rebuild_from`), whose rows get new ids: an embedded
    # index that has not seen it (another app server's) is built again from the entries.
    REBUILT = "*"

    key = models.CharField(max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return f"{self.pk} {self.key}"


class SearchTerm(models.Model):
    """A word the segmenter must keep whole (policy names, place names); the office extends the list."""

    term = models.CharField(_("词语"), max_length=30, unique=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["term"]
        verbose_name = _("检索词典词语")
        verbose_name_plural = _("检索词典")

    def __str__(self) -> str:
        return str(self.term)


class SearchNumber(models.Model):
    """An exact 发文字号 or 索引号 of an entry: such a query puts its item first."""

    entry = models.ForeignKey(SearchEntry, on_delete=models.CASCADE, related_name="number_rows")
    number = models.CharField(max_length=120, db_index=True)

    def __str__(self) -> str:
        return self.number
