"""Every error code is defined once, in graphbuild/errors.py, and listed in the README."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import graphbuild
from graphbuild import errors

ROOT = Path(__file__).resolve().parent.parent
CODE = re.compile(r"\bGB\d{3}\b")


def _error_classes() -> list[type[errors.GraphbuildError]]:
    return [cls for _name, cls in inspect.getmembers(errors, inspect.isclass)
            if issubclass(cls, errors.GraphbuildError) and cls.__module__ == errors.__name__]


def test_every_code_is_unique() -> None:
    owners: dict[str, list[str]] = {}
    for cls in _error_classes():
        if "code" in vars(cls):  # a subclass without its own code shares its parent's on purpose
            owners.setdefault(cls.code, []).append(cls.__name__)
    shared = {code: names for code, names in owners.items() if len(names) > 1}
    assert not shared, f"codes used by more than one class: {shared}"
    assert len(owners) >= 20


def test_every_error_class_has_its_own_code() -> None:
    inherited = [cls.__name__ for cls in _error_classes()
                 if cls is not errors.GraphbuildError and "code" not in vars(cls)]
    assert not inherited, f"error classes without a code of their own: {inherited}"


def test_every_code_is_in_the_readme_table() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Errors", 1)[1].split("\n## ", 1)[0]
    table = {c for line in section.splitlines() if line.startswith("| GB")
             for c in CODE.findall(line.split("|")[1])}
    codes = {cls.code for cls in _error_classes() if cls is not errors.GraphbuildError}
    assert codes - table == set(), f"codes missing from README's error table: {codes - table}"
    assert table - codes == set(), f"README lists codes nothing raises: {table - codes}"


def test_no_error_class_is_defined_outside_errors_py() -> None:
    pkg = Path(graphbuild.__file__).parent
    defined = re.compile(r"^class \w+\((?:\w+\.)?(?:GraphbuildError|\w+Error)\b", re.M)
    outside = [str(p.relative_to(pkg)) for p in pkg.rglob("*.py")
               if p.name != "errors.py" and "code = \"GB" in p.read_text(encoding="utf-8")
               and defined.search(p.read_text(encoding="utf-8"))]
    assert not outside, f"error classes with a code outside errors.py: {outside}"
