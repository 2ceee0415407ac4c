"""PySide6's check of each imported module (does it name PySide6?) gives the same answers
read from the file's bytes as from inspect.getsource."""

from __future__ import annotations

import sys

import desk.models
import ui.app
import ui.pyside_feature
from ui import background


def _feature():
    return sys.modules["shibokensupport.feature"]


def test_the_quick_check_is_installed_once():
    check = _feature()._mod_uses_pyside
    assert getattr(check, "quick", False)
    ui.pyside_feature.quicken()
    assert _feature()._mod_uses_pyside is check


def test_it_answers_as_pyside_would():
    check = _feature()._mod_uses_pyside
    assert check(ui.app) and check(background)  # they import PySide6
    assert not check(desk.models)  # desk/ never does
    assert not check(sys.modules["json"])  # the standard library, not read
    assert not check(sys)  # built in: PySide6's own answer
