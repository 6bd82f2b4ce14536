"""The real servers the scaled mode talks to (Postgres, RabbitMQ), for the tests that need them.

A test asks for a server; when it is not reachable the test is skipped with the reason, except in CI
(``CI`` set, or ``PIPELINE_REQUIRE_SERVICES``, which ``.ci/run`` exports), where a missing server fails it.
Each test gets its own Postgres database, named uniquely and dropped afterwards.
"""

from __future__ import annotations

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

POSTGRES = ("127.0.0.1", 5432)
RABBITMQ = ("127.0.0.1", 5672)
POSTGRES_USER = "postgres"
RABBITMQ_URL = "pyamqp://guest:guest@127.0.0.1:5672//"


def required() -> bool:
    return bool(os.environ.get("CI") or os.environ.get("PIPELINE_REQUIRE_SERVICES"))


def require(name: str, address: tuple[str, int]) -> None:
    """Skip (fail in CI) unless something accepts connections at ``address``."""
    try:
        socket.create_connection(address, timeout=2).close()
    except OSError as err:
        reason = f"{name} is not reachable at {address[0]}:{address[1]} ({err})"
        if required():
            pytest.fail(f"{reason}; CI requires it (PIPELINE_REQUIRE_SERVICES)")
        pytest.skip(reason)


def unique_name(prefix: str) -> str:
    return f"{prefix}_{uuid.uuid4().hex[:12]}"


def _admin():
    import psycopg2

    con = psycopg2.connect(host=POSTGRES[0], port=POSTGRES[1], user=POSTGRES_USER, dbname="postgres")
    con.autocommit = True  # CREATE / DROP DATABASE cannot run in a transaction
    return con


@contextmanager
def postgres_database(prefix: str = "events_test") -> Iterator[str]:
    """A new, empty Postgres database for one test (its name), dropped when the test ends."""
    require("PostgreSQL", POSTGRES)
    name = unique_name(prefix)
    con = _admin()
    try:
        with con.cursor() as cur:
            cur.execute(f'create database "{name}"')
        yield name
    finally:
        with con.cursor() as cur:
            cur.execute(f'drop database if exists "{name}" with (force)')
        con.close()


def lake_catalog(database: str) -> str:
    """The ``EVENTS_LAKE`` value of a lake whose catalog is in ``database``."""
    return f"postgres:dbname={database} host={POSTGRES[0]} port={POSTGRES[1]} user={POSTGRES_USER}"


def dagster_pg_url(database: str) -> str:
    return f"postgresql+psycopg2://{POSTGRES_USER}@{POSTGRES[0]}:{POSTGRES[1]}/{database}"


@contextmanager
def rabbitmq_queue(prefix: str = "events_test") -> Iterator[str]:
    """A queue name of this test's own on this machine's RabbitMQ, deleted when the test ends: tests running
    at once never take each other's tasks."""
    require("RabbitMQ", RABBITMQ)
    name = unique_name(prefix)
    try:
        yield name
    finally:
        from kombu import Connection, Queue

        with Connection(RABBITMQ_URL) as conn:
            Queue(name).bind(conn.default_channel).delete()
