-- one row per review finding, in order, filtered by overall confidence ('not_assessed' for a finding
-- the authors did not assess) and theme: its Summary of
-- Qualitative Findings row (its level with what it means; null where the authors did not assess it)
-- and its contributing studies, each with the finding's own linked quotes from that study
with linked_quotes as (
    select ce.claim_id as finding_id, q.study_id, list(q.id order by q.position) as quote_ids
    from claim_evidence as ce
    join quotes as q on q.id = ce.evidence_id
    where ce.claim_kind = 'finding' and ce.evidence_kind = 'quote'
    group by ce.claim_id, q.study_id
),
contributing as (
    select
        fs.finding_id,
        list({'study_id': s.id, 'citation': s.citation,
              'quote_ids': coalesce(lq.quote_ids, []::varchar[])} order by fs.position) as studies
    from finding_studies as fs
    join studies as s on s.id = fs.study_id
    left join linked_quotes as lq on lq.finding_id = fs.finding_id and lq.study_id = fs.study_id
    group by fs.finding_id
)

select
    f.id,
    f.number,
    f.text,
    f.theme_id,
    t.number as theme_number,
    t.name as theme_name,
    f.subtheme_id,
    sub.name as subtheme_name,
    f.confidence,
    lv.label as confidence_label,
    lv.meaning as confidence_meaning,
    lv.position as confidence_rank,
    f.confidence_explanation,
    c.studies
from findings as f
left join themes as t on t.id = f.theme_id
left join subthemes as sub on sub.id = f.subtheme_id
left join confidence_levels as lv on lv.component_id is null and lv.id = f.confidence
left join contributing as c on c.finding_id = f.id
where true
  and coalesce(f.confidence, 'not_assessed') = any($confidence)  -- when $confidence
  and f.theme_id = any($themes)  -- when $themes
order by f.position
