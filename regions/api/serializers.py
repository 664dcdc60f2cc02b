from rest_framework import serializers

from regions.models import Country, Region, Subregion


class SubregionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Subregion
        fields = ["code", "name"]


class RegionSerializer(serializers.ModelSerializer):
    subregions = SubregionSerializer(many=True, read_only=True)

    class Meta:
        model = Region
        fields = ["id", "code", "name", "name_en", "name_zh_hans", "subregions"]


class CountrySerializer(serializers.ModelSerializer):
    region = serializers.SlugRelatedField(slug_field="code", read_only=True)
    subregion = serializers.SlugRelatedField(slug_field="code", read_only=True)
    affected = serializers.BooleanField(source="is_affected", read_only=True)
    developed = serializers.BooleanField(source="is_developed", read_only=True)
    ldc = serializers.BooleanField(source="is_ldc", read_only=True)
    sids = serializers.BooleanField(source="is_sids", read_only=True)

    class Meta:
        model = Country
        fields = [
            "id",
            "iso3",
            "iso2",
            "name",
            "name_en",
            "name_zh_hans",
            "region",
            "subregion",
            "un_group",
            "affected",
            "developed",
            "ldc",
            "sids",
        ]
