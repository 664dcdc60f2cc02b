"""CSV output of one report table (`?format=csv`)."""

from rest_framework.renderers import BaseRenderer

from ..rendering.files import table_csv


class TableCSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None):
        if isinstance(data, dict) and "columns" in data and "rows" in data:
            return table_csv(data).encode("utf-8")
        return str(data.get("detail", data) if isinstance(data, dict) else data).encode("utf-8")
