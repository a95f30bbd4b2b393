-- one row: the data version of this database file
select
    b.schema_version,
    b.source_hash,
    b.built_at
from build_info as b
limit 1
