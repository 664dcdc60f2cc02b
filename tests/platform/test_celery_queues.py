"""Celery queues: compile, mail, housekeeping and default, routed by task name."""

import pytest
from django.conf import settings

from unccd_portal.celery import app

QUEUES = {"default", "compile", "mail", "housekeeping"}


@pytest.fixture(scope="module", autouse=True)
def _tasks_registered():
    app.loader.import_default_modules()


def queue_of(task_name: str) -> str:
    return app.amqp.router.route({}, task_name)["queue"].name


def test_four_queues_are_declared_so_that_a_worker_without_q_consumes_them_all():
    assert {queue.name for queue in app.conf.task_queues} == QUEUES
    assert set(app.amqp.queues.consume_from) == QUEUES


@pytest.mark.parametrize(
    ("task_name", "queue"),
    [
        ("reporting.compile_report", "compile"),
        ("accounts.send_password_link", "mail"),
        ("workprogramme.send_deadline_reminder", "mail"),
        ("workprogramme.send_deadline_reminders", "housekeeping"),
        ("unccd_portal.ping", "default"),
    ],
)
def test_tasks_go_to_their_queue(task_name, queue):
    assert task_name in app.tasks
    assert queue_of(task_name) == queue


def test_every_route_names_a_registered_task_and_a_declared_queue():
    for task_name, route in settings.CELERY_TASK_ROUTES.items():
        assert task_name in app.tasks, f"{task_name} is routed but no longer exists"
        assert route["queue"] in QUEUES


def test_beat_jobs_run_on_the_housekeeping_queue():
    for entry in settings.CELERY_BEAT_SCHEDULE.values():
        assert queue_of(entry["task"]) == "housekeeping", entry["task"]
