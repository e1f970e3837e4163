from datetime import date

import pytest

from gongkai.applications import services

ID = "142629198507071233"


@pytest.fixture
def handler(make_user, department):
    return make_user("reviewer", department, "handler")


@pytest.fixture
def head(make_user, department):
    return make_user("head", department, "head")


@pytest.fixture
def new_case(department, handler):
    def make(received_on=date(2026, 3, 2), **fields):
        values = {
            "unit": department, "applicant_type": "natural", "name": "张三", "id_type": "resident_id", "id_number": ID,
            "phone": "13812345678", "description": "2025年县城道路改造工程的招标文件", "form": "email", "email": "zs@example.cn",
            "channel": "in_person", "received_on": received_on, "by": handler,
        }  # fmt: skip
        values.update(fields)
        application, _code = services.application_submit(**values)
        return application

    return make
