-- one row per linking table and provenance: how many of its rows the paper states and how many are editorial
with labelled as (
    select 'review_points' as table_name, p.provenance from review_points as p
    union all select 'study_themes', st.provenance from study_themes as st
    union all select 'construct_themes', ct.provenance from construct_themes as ct
    union all select 'quote_subthemes', qs.provenance from quote_subthemes as qs
    union all select 'quote_stigma', qt.provenance from quote_stigma as qt
    union all select 'quote_consequences', qc.provenance from quote_consequences as qc
    union all select 'related_theme_echoes', e.provenance from related_theme_echoes as e
    union all select 'study_context', c.provenance from study_context as c
    union all select 'claim_evidence', ce.provenance from claim_evidence as ce
)

select
    l.table_name,
    tb.comment as table_description,
    l.provenance,
    count(*) as "rows"
from labelled as l
left join duckdb_tables() as tb on tb.table_name = l.table_name
group by l.table_name, tb.comment, l.provenance
order by l.table_name, l.provenance
