-- one row per feared consequence of disclosure and quote that names it, in the paper's order
select
    qc.consequence_id,
    d.position as consequence_position,
    q.id as quote_id,
    q.position as quote_position,
    s.citation,
    q.page,
    q.text,
    q.content_note,
    qc.provenance
from quote_consequences as qc
join disclosure_consequences as d on d.id = qc.consequence_id
join quotes as q on q.id = qc.quote_id
join studies as s on s.id = q.study_id
order by d.position, q.position
