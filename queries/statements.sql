-- one row per sentence of the paper (or of a related study) stored verbatim, in order, with the studies
-- its source names for it, in the order named
select
    s.*,
    coalesce((select list(ss.study_id order by ss.position) from statement_studies as ss
              where ss.statement_id = s.id), []::varchar[]) as studies
from statements as s
order by s.position
