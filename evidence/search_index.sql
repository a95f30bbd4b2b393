-- The derived tables (the search index and tags by position), and how they are filled from the quote tables
-- after those are loaded. (Every other table is declared in evidence/schema.py.)
-- Words are the quote text lower-cased, accents removed and split at single spaces, so that a
-- search is literal: a text holds a search exactly when its words line up with the search's words
-- (see queries/quotes_filtered.sql).

create table if not exists search_words (
    id integer not null,
    word varchar not null,
    occurrences integer not null
);
comment on table search_words is 'Derived: one row per distinct word of the quote text, lower-cased, accents removed, split at spaces (punctuation stays attached). The search index''s vocabulary.';
comment on column search_words.id is 'Word id, in alphabetical order of the word.';
comment on column search_words.word is 'The word.';
comment on column search_words.occurrences is 'How many times the word occurs across all quotes.';

create table if not exists search_postings (
    word_id integer not null,
    quote_position integer not null,
    token integer not null
);
comment on table search_postings is 'Derived: one row per word occurrence in a quote, sorted by word: the search index.';
comment on column search_postings.word_id is 'The word (search_words.id).';
comment on column search_postings.quote_position is 'The quote (quotes.position).';
comment on column search_postings.token is 'Which word of the quote it is, from 1.';

create table if not exists quote_tags (
    kind varchar not null,
    tag_id varchar not null,
    quote_position integer not null
);
comment on table quote_tags is 'Derived: which quotes carry each subtheme and stigma type (from quote_subthemes and quote_stigma), by quote position, sorted by kind and tag.';
comment on column quote_tags.kind is '''subtheme'' or ''stigma''.';
comment on column quote_tags.tag_id is 'The subtheme or stigma type id.';
comment on column quote_tags.quote_position is 'The quote (quotes.position).';

create table if not exists quote_facets (
    quote_position integer not null,
    quote_id varchar not null,
    theme_id varchar not null,
    study_id varchar not null,
    source_id varchar,
    quality_score integer,
    quality_max integer,
    citation varchar not null,
    theme_name varchar not null,
    source_label varchar,
    subthemes struct(id varchar, name varchar, provenance varchar)[] not null,
    stigma struct(id varchar, name varchar, provenance varchar)[] not null,
    consequences struct(id varchar, name varchar, provenance varchar)[] not null
);
comment on table quote_facets is 'Derived: one row per quote, in position order: what the quote explorer filters on and what a quote card shows beside the quote''s own columns, read from one narrow table instead of five.';
comment on column quote_facets.quote_position is 'The quote (quotes.position).';
comment on column quote_facets.quote_id is 'The quote (quotes.id).';
comment on column quote_facets.theme_id is 'Its theme (quotes.theme_id).';
comment on column quote_facets.study_id is 'Its study (quotes.study_id).';
comment on column quote_facets.source_id is 'What it comes from (quotes.source_id).';
comment on column quote_facets.quality_score is 'Its study''s total quality score (studies.quality_score).';
comment on column quote_facets.quality_max is 'Its study''s maximum quality score (studies.quality_max).';
comment on column quote_facets.citation is 'Its study''s short citation (studies.citation).';
comment on column quote_facets.theme_name is 'Its theme''s name (themes.name).';
comment on column quote_facets.source_label is 'Its source type''s label (source_types.label); null without one.';
comment on column quote_facets.subthemes is 'Its subthemes in subtheme order: id, name and provenance of each.';
comment on column quote_facets.stigma is 'Its stigma types in vocabulary order: id, label and provenance of each.';
comment on column quote_facets.consequences is 'The consequences of disclosure it is coded with, in vocabulary order: id, label and provenance of each (made once per build, so a page of cards and its downloads never look them up per quote).';

create table if not exists quote_records (
    quote_position integer not null,
    record varchar not null
);
comment on table quote_records is 'Derived: one row per quote, in position order: the quote as a program reads it (the web API''s rows and the explorer''s JSON download hold the same keys), as JSON text made once per build, so a page of quotes is read without joining its tags again.';
comment on column quote_records.quote_position is 'The quote (quotes.position).';
comment on column quote_records.record is 'The quote as a JSON object: id, text, study, study_id, page, printed_citation, source, theme, theme_id, theme_provenance, language, subthemes, stigma, consequences (each tag with its provenance), content_note, study_quality_score, study_quality_max.';

-- How a text and a search are compared: without case or accents, and with typographic quote marks
-- made straight, so that a phone's curly apostrophe finds a straight one. The marks are filled in from
-- QUOTE_MARKS (evidence/format/declaration.py), which components/text._folded folds with too, to
-- highlight a match. The explorer's query calls it on the search.
create or replace macro search_fold(t) as
    translate(strip_accents(lower(t)), {CURLY_MARKS}, {STRAIGHT_MARKS});

-- Derived rows are replaced, never added to, so deriving twice (a loader after the build) is safe.
delete from search_words;
delete from search_postings;
delete from quote_tags;
delete from quote_facets;
delete from quote_records;

create temp table quote_tokens as
select
    q.position as quote_position,
    generate_subscripts(q.words, 1) as token,
    unnest(q.words) as word
from (select position, string_split(search_fold(text), ' ') as words from quotes) as q;

insert into search_words
select
    row_number() over (order by t.word) as id,
    t.word,
    count(*) as occurrences
from quote_tokens as t
group by t.word;

insert into search_postings
select w.id, t.quote_position, t.token
from quote_tokens as t
join search_words as w on w.word = t.word
order by w.id, t.quote_position, t.token;

drop table quote_tokens;

create temp table tagged as
select 'subtheme' as kind, qs.subtheme_id as tag_id, q.position as quote_position, qs.provenance
from quote_subthemes as qs
join quotes as q on q.id = qs.quote_id
union all
select 'stigma', qt.stigma_type_id, q.position, qt.provenance
from quote_stigma as qt
join quotes as q on q.id = qt.quote_id;

insert into quote_tags
select t.kind, t.tag_id, t.quote_position
from tagged as t
order by t.kind, t.tag_id, t.quote_position;

-- one row per quote, in position order
insert into quote_facets
with tag_names as (
    -- subthemes in the order of Table 3: by theme, then within it
    select 'subtheme' as kind, sub.id, sub.name, row_number() over (order by th.number, sub.position) as position
    from subthemes as sub
    join themes as th on th.id = sub.theme_id
    union all
    select 'stigma', st.id, st.label, st.position
    from stigma_types as st
),

lists as (
    select
        t.quote_position,
        list(struct_pack(id := n.id, name := n.name, provenance := t.provenance) order by n.position)
            filter (where t.kind = 'subtheme') as subthemes,
        list(struct_pack(id := n.id, name := n.name, provenance := t.provenance) order by n.position)
            filter (where t.kind = 'stigma') as stigma
    from tagged as t
    join tag_names as n on n.kind = t.kind and n.id = t.tag_id
    group by t.quote_position
),

feared as (
    select
        qc.quote_id,
        list(struct_pack(id := c.id, name := c.label, provenance := qc.provenance) order by c.position)
            as consequences
    from quote_consequences as qc
    join disclosure_consequences as c on c.id = qc.consequence_id
    group by qc.quote_id
)

select
    q.position, q.id, q.theme_id, q.study_id, q.source_id,
    s.quality_score, s.quality_max, s.citation, th.name, src.label,
    coalesce(l.subthemes, []), coalesce(l.stigma, []), coalesce(fe.consequences, [])
from quotes as q
join studies as s on s.id = q.study_id
join themes as th on th.id = q.theme_id
left join source_types as src on src.id = q.source_id
left join lists as l on l.quote_position = q.position
left join feared as fe on fe.quote_id = q.id
order by q.position;

drop table tagged;

-- one row per quote, in position order: the same keys, in the same order, as evidence/exports.quote_records
insert into quote_records
select
    f.quote_position,
    to_json(struct_pack(
        id := q.id, text := q.text, study := f.citation, study_id := f.study_id, page := q.page,
        printed_citation := q.printed_citation, source := f.source_label, theme := f.theme_name,
        theme_id := f.theme_id, theme_provenance := 'paper', language := q.language, subthemes := f.subthemes,
        stigma := f.stigma, consequences := f.consequences,
        content_note := q.content_note, study_quality_score := f.quality_score,
        study_quality_max := f.quality_max))::varchar
from quote_facets as f
join quotes as q on q.position = f.quote_position
order by f.quote_position;
