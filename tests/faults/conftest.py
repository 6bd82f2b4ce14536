"""The fault tests pause child processes on purpose; none may outlive its test, whatever the outcome."""

import pytest
from faultkit import kill_leftovers


@pytest.fixture(autouse=True)
def no_child_left_behind():
    yield
    kill_leftovers()
