"""Real servers from wheels, for `aya up` and the tests: nats-server and PostgreSQL."""

from aya.embedded.nats import EmbeddedNats, start_nats
from aya.embedded.postgres import EmbeddedPostgres, prepare_database, start_postgres

__all__ = ["EmbeddedNats", "EmbeddedPostgres", "prepare_database", "start_nats", "start_postgres"]
