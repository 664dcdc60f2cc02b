from rest_framework import serializers

from regions.models import RegionalCommittee, RegionalOffice
from workprogramme.models import Biennium

from ..choices import ReportKind
from ..models import FinanceSnapshot, PostSnapshot, Report


class ReportSerializer(serializers.ModelSerializer):
    """A report version's state; its tables are at /tables/."""

    biennium = serializers.SlugRelatedField(slug_field="code", read_only=True)
    compiled_by = serializers.SlugRelatedField(slug_field="username", read_only=True)
    failed_checks = serializers.SerializerMethodField()

    class Meta:
        model = Report
        fields = [
            "id",
            "kind",
            "biennium",
            "cutoff_date",
            "office",
            "committee",
            "year",
            "version",
            "status",
            "progress",
            "error",
            "attempt",
            "heartbeat_at",
            "requested_at",
            "started_at",
            "finished_at",
            "compiled_by",
            "published",
            "published_at",
            "failed_checks",
        ]
        read_only_fields = fields

    def get_failed_checks(self, report) -> int | None:
        if "checks" in report.get_deferred_fields():
            return None
        return len(report.failed_checks)


class ReportDetailSerializer(ReportSerializer):
    class Meta(ReportSerializer.Meta):
        fields = [*ReportSerializer.Meta.fields, "checks", "inputs", "timings"]
        read_only_fields = fields


class ReportPublishSerializer(serializers.Serializer):
    """Publishing a version whose consistency checks failed needs the reason for the override."""

    override_reason = serializers.CharField(required=False, allow_blank=True, max_length=2000)


class ReportRequestSerializer(serializers.Serializer):
    """What to compile: the kind, the biennium (code) and the cut-off; an office or committee+year."""

    kind = serializers.ChoiceField(choices=ReportKind.choices)
    biennium = serializers.SlugRelatedField(slug_field="code", queryset=Biennium.objects.all())
    cutoff_date = serializers.DateField()
    office = serializers.PrimaryKeyRelatedField(queryset=RegionalOffice.objects.all(), required=False)
    committee = serializers.PrimaryKeyRelatedField(queryset=RegionalCommittee.objects.all(), required=False)
    year = serializers.IntegerField(required=False, min_value=1990, max_value=2100)


class ImportSerializer(serializers.Serializer):
    """A finance or posts file (CSV UTF-8 or XLSX) for a biennium and a cut-off date."""

    biennium = serializers.SlugRelatedField(slug_field="code", queryset=Biennium.objects.all())
    cutoff_date = serializers.DateField()
    file = serializers.FileField()


class FinanceSnapshotSerializer(serializers.ModelSerializer):
    biennium = serializers.SlugRelatedField(slug_field="code", read_only=True)
    line_count = serializers.IntegerField(read_only=True)
    approved_total = serializers.DecimalField(max_digits=16, decimal_places=2, read_only=True)

    class Meta:
        model = FinanceSnapshot
        fields = [
            "id",
            "biennium",
            "cutoff_date",
            "source_name",
            "updated_at",
            "line_count",
            "approved_total",
        ]


class PostSnapshotSerializer(serializers.ModelSerializer):
    biennium = serializers.SlugRelatedField(slug_field="code", read_only=True)
    post_count = serializers.IntegerField(read_only=True)
    filled_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = PostSnapshot
        fields = ["id", "biennium", "cutoff_date", "source_name", "updated_at", "post_count", "filled_count"]
