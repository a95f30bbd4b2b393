-- one row per talking point and piece of evidence it links, in guide and link order, with the
-- linked item's label; plus the point's support, the same on each of its rows: the distinct
-- included studies behind it (studies it links, studies of the quotes it links, and studies the
-- paper itself ties to the themes it links), their quality scores, and related evidence outside
-- the synthesis. For a theme row, the paper's stated support, its count, and how many of those
-- studies the paper names (the rest are not specified).
with behind as (
    select e.point_id, e.evidence_id as study_id
    from talking_point_evidence as e
    where e.evidence_kind = 'study'
    union
    select e.point_id, q.study_id
    from talking_point_evidence as e
    join quotes as q on q.id = e.evidence_id
    where e.evidence_kind = 'quote'
    union
    select e.point_id, st.study_id
    from talking_point_evidence as e
    join study_themes as st on st.theme_id = e.evidence_id
    where e.evidence_kind = 'theme'
),

support as (
    select
        b.point_id,
        count(*) filter (where s.included) as included_studies,
        coalesce(list(struct_pack(
            citation := s.citation, quality_score := s.quality_score, quality_max := s.quality_max
        ) order by s.position) filter (where s.included), []) as studies,
        coalesce(list(s.citation order by s.position) filter (where not s.included), []) as related_studies
    from behind as b
    join studies as s on s.id = b.study_id
    group by b.point_id
),

named as (
    select st.theme_id, count(*) as support_named
    from study_themes as st
    group by st.theme_id
),

labelled as (
    select
        e.point_id,
        e.position as link_position,
        e.evidence_kind,
        e.evidence_id,
        case e.evidence_kind
            when 'theme' then 'Theme ' || t.number || ': ' || t.name
            when 'subtheme' then sub.name
            when 'quote' then q.printed_citation
            when 'study' then s.citation
            when 'review_point' then rp.text
        end as label,
        case e.evidence_kind
            when 'subtheme' then subt.name
            when 'quote' then q.text
            when 'review_point' then replace(rp.section, '_', ' ')
        end as detail,
        q.content_note,
        s.included,
        s.quality_score,
        s.quality_max,
        s.relation,
        rp.provenance,
        t.support_stated,
        t.support_count,
        coalesce(n.support_named, 0) as support_named
    from talking_point_evidence as e
    left join themes as t on e.evidence_kind = 'theme' and t.id = e.evidence_id
    left join named as n on n.theme_id = t.id
    left join subthemes as sub on e.evidence_kind = 'subtheme' and sub.id = e.evidence_id
    left join themes as subt on subt.id = sub.theme_id
    left join quotes as q on e.evidence_kind = 'quote' and q.id = e.evidence_id
    left join studies as s on e.evidence_kind = 'study' and s.id = e.evidence_id
    left join review_points as rp
        on e.evidence_kind = 'review_point' and rp.section || ':' || rp.position = e.evidence_id
),

included_total as (
    select count(*) as included_total
    from studies as s
    where s.included
)

select
    l.*,
    coalesce(sp.included_studies, 0) as included_studies,
    it.included_total,
    coalesce(sp.studies, []) as studies,
    coalesce(sp.related_studies, []) as related_studies
from labelled as l
join talking_points as tp on tp.id = l.point_id
join guidance_sections as gs on gs.id = tp.section_id
left join support as sp on sp.point_id = l.point_id
cross join included_total as it
order by gs.position, tp.position, l.link_position
