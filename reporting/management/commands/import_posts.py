from reporting.services import post_snapshot_import

from ._import_base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import posts (post_number,grade,unit,funding_source,approved,filled,gender,regional_group,footnote)."
    )
    what = "posts"

    def import_file(self, **kwargs):
        return post_snapshot_import(**kwargs)
