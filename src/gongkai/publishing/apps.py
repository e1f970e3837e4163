from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from . import feeds, importer, panels, permissions  # noqa: F401  (registrations)
