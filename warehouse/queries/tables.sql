-- Statements every stage runs the same way on its own tables. {table} is a table or view name.

-- name: empty
-- No rows, only the columns and their types: the frame schema of a table is read from the table itself,
-- so that schema.sql is the one place a table's columns are written.
select * from {table} limit 0

-- name: insert_frame
-- The frame registered as _incoming, matched to the table's columns by name.
insert into {table} by name select * from _incoming

-- name: delete_batch
delete from {table} where batch_id = ?

-- name: delete_all
delete from {table}

-- name: row_count
select count(*) from {table}

-- name: database_type
-- "duckdb" for a warehouse file, "ducklake" for the lake mode (pipeline/lake.py).
select type from duckdb_databases() where database_name = current_database()
