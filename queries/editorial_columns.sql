-- one row per column, in a table that holds rows, that the schema documents as this project's own
-- wording or coding (editorial); the declaration speaks to whoever writes the data ("your words"), the page
-- to readers, whoever presents the review
select
    c.table_name,
    c.column_name,
    replace(replace(c.comment, 'your wording', 'the presenter''s wording'), 'your words', 'the presenter''s words')
        as comment
from duckdb_columns() as c
join duckdb_tables() as t on t.table_name = c.table_name and t.schema_name = c.schema_name
where (c.comment ilike '%editorial%' or c.comment ilike '%your word%')
  and c.column_name <> 'provenance'
  and t.estimated_size > 0
order by c.table_name, c.column_index
