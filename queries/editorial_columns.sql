-- one row per column, in a table that holds rows, that the schema documents as this project's own
-- wording or coding (editorial); the declaration speaks to the editor ("your words"), the page to readers
select
    c.table_name,
    c.column_name,
    replace(replace(c.comment, 'your wording', 'the editors'' wording'), 'your words', 'the editors'' words')
        as comment
from duckdb_columns() as c
join duckdb_tables() as t on t.table_name = c.table_name and t.schema_name = c.schema_name
where (c.comment ilike '%editorial%' or c.comment ilike '%your word%')
  and c.column_name <> 'provenance'
  and t.estimated_size > 0
order by c.table_name, c.column_index
