"""The Celery app of the pipeline's workers: ``celery -A assets.workers worker --pool solo -Q dagster``.

Each worker takes whole runs (one landing batch each) off the broker and executes them in its own process,
with the job's in-process executor: spaCy, Great Expectations and the gazetteer load once per worker, not per
step. The app is the one the Dagster instance's run launcher sends to (``deploy/dagster-celery.yaml``: broker
and settings in one place), so a worker needs the same environment as the command that launches runs:
``DAGSTER_HOME`` (or ``DAGSTER_PG_URL`` and ``PIPELINE_CELERY_BROKER``) and, in the lake mode,
``EVENTS_LAKE``. See docs/deploy.md.
"""

from __future__ import annotations

from dagster_celery.launcher import CeleryRunLauncher
from dagster_celery.tasks import create_execute_job_task, create_resume_job_task

from assets.runner import open_instance

_instance = open_instance()
if not isinstance(_instance.run_launcher, CeleryRunLauncher):
    raise RuntimeError(
        f"the Dagster instance in {_instance.root_directory} does not launch runs on Celery: set "
        "DAGSTER_PG_URL and PIPELINE_CELERY_BROKER (deploy/dagster-celery.yaml), or a DAGSTER_HOME that does"
    )
app = _instance.run_launcher.celery
execute_job = create_execute_job_task(app)
resume_job = create_resume_job_task(app)
