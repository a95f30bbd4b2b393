-- one row per column the schema documents as this project's own wording or coding (editorial)
select
    c.table_name,
    c.column_name,
    c.comment
from duckdb_columns() as c
where (c.comment ilike '%editorial%' or c.comment ilike '%own words%')
  and c.column_name <> 'provenance'
order by c.table_name, c.column_index
