from reporting.models import PostSnapshot

from ._import_base import ImportCommand


class Command(ImportCommand):
    help = (
        "Import posts (post_number,grade,unit,funding_source,approved,filled,gender,regional_group,footnote)."
    )
    what = "posts"
    snapshot_model = PostSnapshot
