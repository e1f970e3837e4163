from django.apps import AppConfig


class PublishingConfig(AppConfig):
    name = "gongkai.publishing"
    label = "publishing"
    verbose_name = "主动公开"

    def ready(self) -> None:
        from gongkai.core import workflow

        from . import feeds, home, importer, panels, permissions, search  # noqa: F401  (registrations)
        from .kind import KIND

        workflow.register(KIND)
        home.register()
