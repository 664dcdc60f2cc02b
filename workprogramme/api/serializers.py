from rest_framework import serializers

from workprogramme.models import Indicator, Objective, Outcome, ResultsFramework


class ResultsFrameworkSerializer(serializers.ModelSerializer):
    class Meta:
        model = ResultsFramework
        fields = ["id", "code", "name", "start_year", "end_year"]


class ObjectiveSerializer(serializers.ModelSerializer):
    framework = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Objective
        fields = ["id", "framework", "code", "kind", "title", "title_en", "title_zh_hans", "order"]


class OutcomeSerializer(serializers.ModelSerializer):
    objective = serializers.CharField(source="objective.code", read_only=True)
    framework = serializers.CharField(source="objective.framework.code", read_only=True)

    class Meta:
        model = Outcome
        fields = ["id", "framework", "objective", "code", "text", "text_en", "text_zh_hans", "order"]


class IndicatorSerializer(serializers.ModelSerializer):
    outcome = serializers.CharField(source="outcome.code", read_only=True)
    objective = serializers.CharField(source="outcome.objective.code", read_only=True)
    framework = serializers.CharField(source="outcome.objective.framework.code", read_only=True)

    class Meta:
        model = Indicator
        fields = [
            "id",
            "framework",
            "objective",
            "outcome",
            "code",
            "text",
            "text_en",
            "text_zh_hans",
            "unit",
            "value_type",
            "aggregation",
            "reported_by",
        ]
