"""The header navigation, assembled from each app's `navigation.items(user)`.

An app adds its pages by defining `navigation.py` with `items(user)` returning
(label, url) pairs for what that user may open.
"""

from importlib import import_module

NAVIGATION_MODULES = ["regions.navigation", "workprogramme.navigation", "reporting.navigation"]


def items_for(user) -> list[tuple[str, str]]:
    entries = []
    for module_name in NAVIGATION_MODULES:
        entries.extend(import_module(module_name).items(user))
    return entries
