"""Where enterprise profiles show beyond their own pages: the navigation."""

from gongkai.portal.registry import register_nav

register_nav("企业信用", "credit:enterprises", 52, group="areas")
