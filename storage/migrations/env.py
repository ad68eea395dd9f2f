"""Alembic environment: runs on the connection the caller hands over (see storage.db.upgrade)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine

from storage.schema import Base

config = context.config
connection = config.attributes.get("connection")

if connection is None:  # run from the alembic command line with a sync URL
    url = config.get_main_option("sqlalchemy.url") or "sqlite:///kehoach.db"
    with create_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=Base.metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
