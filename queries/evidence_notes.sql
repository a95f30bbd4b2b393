-- one row per note on what the evidence as a whole rests on, in the order written
select
    en.id,
    en.position,
    en.topic,
    en.text
from evidence_notes as en
order by en.position
