-- one row per editorial claim of one kind ($claim_kind: talking_point, leaflet_section, theme_summary,
-- construct, line_of_argument, stigma_type, review_point or evidence_note), whether or not it links
-- anything, with what its links give: its relation (practice advice if it links nothing, our reading if
-- any link is our reading, else states); the quantifiers of the statements it links as 'states',
-- each with the studies the source counts and names for it; the included studies it credits (named by
-- its statements, or the source of its quotes and study links); and the studies outside the synthesis
-- it draws on; and the confidence of each review finding it states, which then says how far it holds
-- (crediting the finding's contributing studies); and who presents the review, whose voice names its
-- relation. A theme it states credits the studies the paper ties to
-- the theme and counts as the paper states the theme's support; a limitation it states credits no study.
-- A statement of a theme's presence ("a theme in four of the five studies") measures only
-- that theme's summary: any other claim linking it is placed in the theme, not credited or counted.
with claims as (
    select 'talking_point' as claim_kind, tp.id as claim_id from talking_points as tp
    union all select 'leaflet_section', ls.id from leaflet_sections as ls
    union all select 'theme_summary', t.id from themes as t
    union all select 'construct', c.id from constructs as c
    union all select 'line_of_argument', r.id from reviews as r
    union all select 'stigma_type', st.id from stigma_types as st
    union all select 'review_point', rp.section || ':' || rp.position from review_points as rp
    union all select 'evidence_note', en.id from evidence_notes as en
),

links as (
    select ce.*
    from claim_evidence as ce
    where ce.claim_kind = $claim_kind
),

measuring as (
    select l.claim_id, l.position, l.relation, s.id, s.quantifier, s.study_count, s.from_study_id
    from links as l
    join statements as s on l.evidence_kind = 'statement' and s.id = l.evidence_id
    where s.theme_presence_id is null
        or (l.claim_kind = 'theme_summary' and l.claim_id = s.theme_presence_id)
),

named as (
    select ss.statement_id, count(*) as named
    from statement_studies as ss
    group by ss.statement_id
),

counted as (
    select
        m.claim_id,
        list(struct_pack(
            quantifier := m.quantifier, study_count := m.study_count, named := coalesce(n.named, 0)
        ) order by m.position) as quantifiers
    from measuring as m
    left join named as n on n.statement_id = m.id
    where m.quantifier is not null and m.relation = 'states'
    group by m.claim_id
),

themed as (
    -- the support the paper states for each theme a claim states, with how many of those studies it names
    select
        l.claim_id,
        list(struct_pack(
            quantifier := t.support_stated, study_count := t.support_count,
            named := (select count(*) from study_themes as sth where sth.theme_id = t.id)
        ) order by l.position) as quantifiers
    from links as l
    join themes as t on l.evidence_kind = 'theme' and t.id = l.evidence_id
    where l.relation = 'states'
    group by l.claim_id
),

behind as (
    select m.claim_id, ss.study_id
    from measuring as m
    join statement_studies as ss on ss.statement_id = m.id
    union
    select m.claim_id, m.from_study_id
    from measuring as m
    where m.from_study_id is not null
    union
    select l.claim_id, q.study_id
    from links as l
    join quotes as q on l.evidence_kind = 'quote' and q.id = l.evidence_id
    union
    select l.claim_id, l.evidence_id
    from links as l
    where l.evidence_kind = 'study'
    union
    select l.claim_id, fs.study_id
    from links as l
    join finding_studies as fs on l.evidence_kind = 'finding' and fs.finding_id = l.evidence_id
    union
    select l.claim_id, sth.study_id
    from links as l
    join study_themes as sth on l.evidence_kind = 'theme' and sth.theme_id = l.evidence_id
),

judged as (
    -- the confidence of each review finding a claim states, as the review's authors judged it (null label: the
    -- finding was not assessed)
    select
        l.claim_id,
        list(struct_pack(finding := f.number, label := lv.label, meaning := lv.meaning) order by l.position)
            as confidences
    from links as l
    join findings as f on l.evidence_kind = 'finding' and f.id = l.evidence_id
    left join confidence_levels as lv on lv.component_id is null and lv.id = f.confidence
    where l.relation = 'states'
    group by l.claim_id
),

credited as (
    select
        b.claim_id,
        coalesce(list(struct_pack(
            citation := s.citation, quality_score := s.quality_score, quality_max := s.quality_max
        ) order by s.position) filter (where s.included), []) as studies,
        coalesce(list(s.citation order by s.position) filter (where not s.included), []) as related_studies
    from behind as b
    join studies as s on s.id = b.study_id
    group by b.claim_id
),

relations as (
    select
        l.claim_id,
        count(*) as links,
        bool_or(l.relation = 'our reading') as any_reading,
        count(*) filter (where l.evidence_kind = 'statement') as statements
    from links as l
    group by l.claim_id
)

select
    c.claim_kind,
    c.claim_id,
    case
        when coalesce(r.links, 0) = 0 then 'practice advice'
        when r.any_reading then 'our reading'
        else 'states'
    end as relation,
    coalesce(r.links, 0) as links,
    coalesce(r.statements, 0) as statements,
    coalesce(q.quantifiers, []) || coalesce(th.quantifiers, []) as quantifiers,
    coalesce(cr.studies, []) as studies,
    coalesce(cr.related_studies, []) as related_studies,
    coalesce(j.confidences, []) as confidences,
    (select count(*) from studies as s where s.included) as included_total,
    (select r.presented_by from reviews as r limit 1) as presented_by
from claims as c
left join relations as r on r.claim_id = c.claim_id
left join counted as q on q.claim_id = c.claim_id
left join themed as th on th.claim_id = c.claim_id
left join credited as cr on cr.claim_id = c.claim_id
left join judged as j on j.claim_id = c.claim_id
where c.claim_kind = $claim_kind
order by c.claim_id
