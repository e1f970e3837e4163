import pytest


@pytest.fixture
def editor(make_user, department):
    return make_user("editor", department, "editor")


@pytest.fixture
def reviewer(make_user, department):
    return make_user("reviewer", department, "reviewer")
