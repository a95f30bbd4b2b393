-- one row per public-record fact about one study, in order
select
    c.position,
    c.text,
    c.provenance
from study_context as c
where c.study_id = $study_id
order by c.position
