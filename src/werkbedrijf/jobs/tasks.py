"""The Celery tasks of the job machinery: run one job (with retries), and clean up old ones."""

from celery import shared_task

from . import services
from .registry import kind_of


@shared_task(bind=True, name="jobs.run_job", acks_late=True)
def run_job(self, job_uuid: str) -> str:
    from .models import Job

    kind = Job.objects.filter(uuid=job_uuid).values_list("kind", flat=True).first()
    retries = kind_of(kind).retries if kind and kind_of(kind) else 0
    try:
        job = services.execute(job_uuid, final_attempt=self.request.retries >= retries)
    except services.RetryLater as exc:
        raise self.retry(exc=exc, countdown=2 ** (self.request.retries + 1)) from exc
    return job.status if job else "missing"


@shared_task(name="jobs.remove_old_results")
def remove_old_results() -> int:
    return services.remove_old_results()
