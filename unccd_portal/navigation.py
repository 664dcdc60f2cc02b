"""The header navigation, assembled from each app's `navigation.menu(user)`.

An app adds its pages by defining `navigation.py` with `menu(user)` returning a label and
the (label, url) pairs that user may open; the header shows each app as one drop-down.
"""

from importlib import import_module

NAVIGATION_MODULES = ["regions.navigation", "workprogramme.navigation", "reporting.navigation"]


def menus_for(user) -> list[tuple[str, list[tuple[str, str]]]]:
    """(menu label, [(label, url), …]) per app, leaving out menus with nothing to open."""
    menus = [import_module(module_name).menu(user) for module_name in NAVIGATION_MODULES]
    return [(label, entries) for label, entries in menus if entries]
