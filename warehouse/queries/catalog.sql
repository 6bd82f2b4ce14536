-- The warehouse's own tables, views and columns with their comments (pipeline/catalog.py compares them with
-- warehouse/catalog.yaml and comments what differs).

-- name: objects
select schema_name, table_name, 'table' as kind, comment from duckdb_tables()
where database_name = current_database() and not internal and not temporary
union all
select schema_name, view_name, 'view', comment from duckdb_views()
where database_name = current_database() and not internal and not temporary

-- name: columns
select schema_name, table_name, column_name, comment from duckdb_columns()
where database_name = current_database() and not internal
