"""The shape of a background job in the API."""

from rest_framework import serializers

from ..models import JobStatus


class JobSerializer(serializers.Serializer):
    uuid = serializers.UUIDField(read_only=True)
    kind = serializers.CharField(read_only=True)
    status = serializers.ChoiceField(JobStatus.choices, read_only=True)
    progress = serializers.IntegerField(read_only=True, help_text="Procent (0-100).")
    progressText = serializers.CharField(source="progress_text", read_only=True)
    error = serializers.CharField(read_only=True, help_text="Waarom de taak mislukte.")
    resultName = serializers.CharField(source="result_name", read_only=True)
    result = serializers.SerializerMethodField(help_text="Waar het resultaat te downloaden is.")
    createdAt = serializers.DateTimeField(source="created_at", read_only=True)
    finishedAt = serializers.DateTimeField(source="finished_at", read_only=True, allow_null=True)

    def get_result(self, job) -> str | None:
        if not job.result:
            return None
        from django.urls import reverse

        request = self.context.get("request")
        url = reverse("jobs:download", kwargs={"uuid": job.uuid})
        return request.build_absolute_uri(url) if request else url
