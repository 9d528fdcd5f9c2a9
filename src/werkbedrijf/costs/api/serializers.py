"""The shape of the cost API: English camelCase names, uuids and codes, amounts as strings."""

from rest_framework import serializers

from werkbedrijf.api.inputs import InputSerializer


class CostQuerySerializer(serializers.Serializer):
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)


class TaskCostSerializer(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    hours = serializers.DecimalField(max_digits=12, decimal_places=2)
    labourCost = serializers.DecimalField(max_digits=14, decimal_places=2)
    directCost = serializers.DecimalField(max_digits=14, decimal_places=2)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)


class MunicipalCostSerializer(serializers.Serializer):
    municipality = serializers.UUIDField()
    name = serializers.CharField()
    candidatesInService = serializers.IntegerField()
    ownChoices = serializers.DecimalField(max_digits=14, decimal_places=2)
    regionalShare = serializers.DecimalField(max_digits=14, decimal_places=2)
    total = serializers.DecimalField(max_digits=14, decimal_places=2)
    perCandidate = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)
    localChoicesAtCardPrice = serializers.DecimalField(
        max_digits=14, decimal_places=2, allow_null=True
    )
    budget = serializers.DecimalField(max_digits=14, decimal_places=2, allow_null=True)


class CostOverviewSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    tasks = TaskCostSerializer(many=True)
    municipalities = MunicipalCostSerializer(many=True)
    missingRates = serializers.ListField(
        child=serializers.CharField(), help_text="Functies zonder uurtarief in dit jaar."
    )


class TimeEntrySerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    person = serializers.UUIDField(help_text="De medewerker van wie de uren zijn.")
    week = serializers.DateField(help_text="Een dag in de week; geboekt op de maandag.")
    task = serializers.SlugField(help_text="Code van de taak.")
    function = serializers.SlugField(help_text="Code van de functie.")
    municipality = serializers.UUIDField(
        required=False, allow_null=True, help_text="Alleen bij een onderdeel van de keuzekaart."
    )
    hours = serializers.DecimalField(
        max_digits=5, decimal_places=2, help_text='Bijvoorbeeld "7.5".'
    )


class HourlyRateSerializer(InputSerializer):
    function = serializers.SlugField(help_text="Code van de functie.")
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    rate = serializers.DecimalField(
        max_digits=12, decimal_places=2, help_text='Integrale kosten van een uur, bijv. "78.50".'
    )


class DirectCostSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    task = serializers.SlugField(help_text="Code van de taak.")
    municipality = serializers.UUIDField(
        required=False, allow_null=True, help_text="Alleen bij een onderdeel van de keuzekaart."
    )
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    description = serializers.CharField(max_length=200)
    amount = serializers.DecimalField(max_digits=12, decimal_places=2)


class AllocationShareSerializer(InputSerializer):
    task = serializers.SlugField(help_text="Code van de taak.")
    municipality = serializers.UUIDField(
        required=False, allow_null=True, help_text="Alleen bij een onderdeel van de keuzekaart."
    )
    percent = serializers.DecimalField(
        max_digits=5, decimal_places=2, help_text='Aandeel van de tijd in %, bijv. "37.5".'
    )


class TeamAllocationSerializer(InputSerializer):
    uuid = serializers.UUIDField(read_only=True)
    team = serializers.UUIDField(help_text="Een team van WerkBedrijf.")
    function = serializers.SlugField(help_text="Code van de functie.")
    year = serializers.IntegerField(min_value=2000, max_value=2100)
    fte = serializers.DecimalField(max_digits=6, decimal_places=2)
    hoursPerFte = serializers.DecimalField(
        max_digits=6, decimal_places=1, help_text="Productieve uren van één fte in een jaar."
    )
    shares = AllocationShareSerializer(
        many=True, help_text="De verdeling van de tijd over taken; samen precies 100 %."
    )


class TeamAllocationListSerializer(serializers.Serializer):
    year = serializers.IntegerField()
    allocations = TeamAllocationSerializer(many=True)
