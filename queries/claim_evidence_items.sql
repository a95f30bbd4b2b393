-- one row per link from a claim of one kind ($claim_kind) to what it rests on, in link order: the
-- relation, and the linked statement (its section, text, quantifier, and the related study it comes
-- from, if any), quote (its citation, text and content note), study record (its citation, aim and
-- authors), review finding (its number, wording and confidence), theme (its number, name and the support
-- the paper states for it) or limitation of the review (its wording and whose it is); `places_only` marks a statement of a theme's presence linked by anything but that theme's
-- summary, which places the claim in the theme and neither counts nor credits for it; and who presents the
-- review, whose choice the links are
select
    ce.claim_id,
    ce.position,
    ce.evidence_kind,
    ce.evidence_id,
    ce.relation,
    case ce.evidence_kind
        when 'statement' then coalesce(fs.citation || ', ' || s.section, s.section)
        when 'quote' then q.printed_citation
        when 'study' then st.citation
        when 'finding' then 'Finding ' || fd.number
        when 'theme' then th.number || '. ' || th.name
        when 'limitation' then 'Limitation ' || rp.position
    end as label,
    case ce.evidence_kind
        when 'statement' then s.text
        when 'quote' then q.text
        when 'study' then coalesce(st.characteristics_aim, st.related_aim)
        when 'finding' then fd.text
        when 'theme' then th.support_stated
        when 'limitation' then rp.text
    end as detail,
    rp.provenance as point_provenance,
    lv.label as confidence_label,
    lv.meaning as confidence_meaning,
    s.quantifier,
    coalesce(s.theme_presence_id is not null
        and not (ce.claim_kind = 'theme_summary' and ce.claim_id = s.theme_presence_id), false) as places_only,
    pt.name as presence_theme,
    st.authors as study_authors,
    q.content_note,
    coalesce(fs.included, st.included, true) as inside_synthesis,
    (select r.presented_by from reviews as r limit 1) as presented_by
from claim_evidence as ce
left join statements as s on ce.evidence_kind = 'statement' and s.id = ce.evidence_id
left join studies as fs on fs.id = s.from_study_id
left join themes as pt on pt.id = s.theme_presence_id
left join quotes as q on ce.evidence_kind = 'quote' and q.id = ce.evidence_id
left join studies as st on ce.evidence_kind = 'study' and st.id = ce.evidence_id
left join findings as fd on ce.evidence_kind = 'finding' and fd.id = ce.evidence_id
left join themes as th on ce.evidence_kind = 'theme' and th.id = ce.evidence_id
left join review_points as rp on ce.evidence_kind = 'limitation' and rp.section = 'limitations'
    and rp.point_id = ce.evidence_id
left join confidence_levels as lv on lv.component_id is null and lv.id = fd.confidence
where ce.claim_kind = $claim_kind
order by ce.claim_id, ce.position
