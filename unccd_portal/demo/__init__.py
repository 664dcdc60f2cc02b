"""The demo data set, one module per app, loaded by `manage.py load_demo_data` in this order:
accounts, regions, workprogramme, reporting.

They live in the top layer because each composes several apps: the regions demo funds offices from
reporting's funding sources and names the demo accounts as focal points, the workprogramme demo
has the demo NFPs submit, the reporting demo compiles from every app's data. Each `load()` is
idempotent; the demo accounts refuse to load where settings forbid them (production).
"""
