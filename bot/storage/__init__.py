"""Storage with SQLAlchemy 2: SQLite by default, PostgreSQL by DATABASE_URL, schema by Alembic."""
