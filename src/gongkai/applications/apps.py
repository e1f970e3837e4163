from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "gongkai.applications"
    label = "applications"
    verbose_name = "依申请公开"

    def ready(self) -> None:
        from gongkai.portal.registry import register_nav

        from . import panels, permissions  # noqa: F401  (registrations)

        register_nav("依申请公开", "applications:apply", 30)
