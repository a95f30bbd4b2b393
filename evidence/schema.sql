-- The evidence database: one review, its studies, findings and quotes.
-- Every table and column carries a COMMENT; docs/DATA.md is generated from them.
-- Provenance columns say who made a link: 'paper' (the review states it) or 'editorial'
-- (this project's coding).

create table build_info (
    schema_version integer not null,
    source_hash varchar not null,
    built_at timestamp not null,
    source_files varchar[] not null
);
comment on table build_info is 'One row: which build of the YAML sources this file holds.';
comment on column build_info.schema_version is 'Version of this table layout; it changes when a table or column changes.';
comment on column build_info.source_hash is 'SHA-256 of the YAML sources and this layout; the app rebuilds when it no longer matches.';
comment on column build_info.built_at is 'When the file was built (UTC).';
comment on column build_info.source_files is 'The YAML files the build read, relative to the data folder.';

create table reviews (
    id varchar primary key,
    short_citation varchar not null,
    authors varchar[] not null,
    title varchar not null,
    journal varchar not null,
    year integer not null,
    year_note varchar,
    volume varchar not null,
    issue varchar not null,
    pages varchar not null,
    doi varchar not null,
    design varchar not null,
    question varchar not null,
    aim varchar not null,
    mmi_definition varchar not null,
    search_date varchar not null,
    databases varchar[] not null,
    google_scholar varchar not null,
    reference_screening varchar not null,
    search_terms varchar not null,
    reporting_standard varchar not null,
    screening_by varchar not null,
    quality_tool varchar not null,
    quality_appraised_by varchar not null,
    quality_approach varchar not null,
    quality_summary varchar not null,
    synthesis_method varchar not null,
    appendix_note varchar not null,
    line_of_argument varchar not null
);
comment on table reviews is 'One row per review: the synthesis this database presents, its citation and methods.';
comment on column reviews.id is 'Review id.';
comment on column reviews.short_citation is 'In-text citation of the review, e.g. "Moore et al. 2019".';
comment on column reviews.authors is 'Authors in order, as "Surname I.".';
comment on column reviews.title is 'Article title.';
comment on column reviews.journal is 'Journal name.';
comment on column reviews.year is 'Publication year.';
comment on column reviews.year_note is 'Caveat on the year, if any.';
comment on column reviews.volume is 'Volume, or "not confirmed".';
comment on column reviews.issue is 'Issue, or "not confirmed".';
comment on column reviews.pages is 'Page range, or "not confirmed".';
comment on column reviews.doi is 'DOI, or "not confirmed".';
comment on column reviews.design is 'Kind of review.';
comment on column reviews.question is 'The review question (editorial wording).';
comment on column reviews.aim is 'The review aim (editorial wording).';
comment on column reviews.mmi_definition is 'How the review defined the condition of interest.';
comment on column reviews.search_date is 'When the search was run, as the paper gives it.';
comment on column reviews.databases is 'Databases searched, spelled as the paper prints them.';
comment on column reviews.google_scholar is 'How Google Scholar was used.';
comment on column reviews.reference_screening is 'How reference lists were screened, and the result.';
comment on column reviews.search_terms is 'The structure of the search terms.';
comment on column reviews.reporting_standard is 'Reporting standard followed.';
comment on column reviews.screening_by is 'Who decided eligibility and how disagreements were settled.';
comment on column reviews.quality_tool is 'The quality-appraisal checklist.';
comment on column reviews.quality_appraised_by is 'Who appraised quality.';
comment on column reviews.quality_approach is 'How quality scores were used (editorial wording).';
comment on column reviews.quality_summary is 'The paper''s summary of the scores.';
comment on column reviews.synthesis_method is 'Synthesis method.';
comment on column reviews.appendix_note is 'What of the paper is missing from the sources and what follows from it.';
comment on column reviews.line_of_argument is 'The line of argument from themes to constructs (editorial wording).';

create table review_points (
    review_id varchar not null references reviews (id),
    section varchar not null,
    position integer not null,
    text varchar not null,
    provenance varchar not null,
    primary key (review_id, section, position)
);
comment on table review_points is 'One row per listed point of a review: eligibility, limitations, future research, implications, conclusions, flow-diagram exclusion criteria.';
comment on column review_points.review_id is 'The review.';
comment on column review_points.section is 'One of inclusion, exclusion, flow_exclusion_criteria, limitations, future_research, implications, conclusions.';
comment on column review_points.position is 'Order within the section, from 1.';
comment on column review_points.text is 'The point (editorial wording of the paper''s content).';
comment on column review_points.provenance is '''paper'' if the paper makes the point, ''editorial'' if this project adds it.';

create table synthesis_steps (
    kind varchar not null,
    position integer not null,
    name varchar not null,
    description varchar not null,
    primary key (kind, position)
);
comment on table synthesis_steps is 'One row per step of the synthesis method or order of construct.';
comment on column synthesis_steps.kind is '''translation'' (an analysis step) or ''construct_order'' (first, second, third order).';
comment on column synthesis_steps.position is 'Order within its kind, from 1.';
comment on column synthesis_steps.name is 'Name of the step or order.';
comment on column synthesis_steps.description is 'What it means (editorial wording).';

create table prisma_flow (
    position integer primary key,
    step varchar not null,
    label varchar not null,
    n integer not null
);
comment on table prisma_flow is 'One row per box of the PRISMA flow diagram, in flow order.';
comment on column prisma_flow.position is 'Order in the flow, from 1.';
comment on column prisma_flow.step is 'source, identified, duplicates_removed, screened, excluded_at_screening, full_text_assessed, excluded_at_full_text, included or added_from_references.';
comment on column prisma_flow.label is 'The box label.';
comment on column prisma_flow.n is 'The count the paper prints.';

create table prisma_exclusions (
    step varchar not null,
    position integer not null,
    reason varchar not null,
    n integer not null,
    primary key (step, position)
);
comment on table prisma_exclusions is 'One row per exclusion reason at a PRISMA step; they add up to that step''s count.';
comment on column prisma_exclusions.step is 'excluded_at_screening or excluded_at_full_text.';
comment on column prisma_exclusions.position is 'Order as printed, from 1.';
comment on column prisma_exclusions.reason is 'The reason as printed.';
comment on column prisma_exclusions.n is 'Records excluded for it.';

create table studies (
    id varchar primary key,
    position integer not null,
    citation varchar not null,
    included boolean not null,
    source varchar not null,
    year integer not null,
    year_note varchar,
    authors varchar not null,
    first_author varchar,
    title varchar not null,
    journal varchar not null,
    volume varchar not null,
    issue varchar not null,
    pages varchar not null,
    doi varchar not null,
    reference_note varchar,
    table_label varchar,
    aim varchar,
    n_printed varchar,
    pmi_definition varchar,
    location varchar,
    data_collection varchar,
    analysis varchar,
    sample_n integer,
    sample_unit varchar,
    quality_score integer,
    quality_max integer,
    relation varchar,
    design varchar,
    forum varchar,
    conclusion varchar
);
comment on table studies is 'One row per study: the included studies (Table 1 of the review) and related evidence outside the synthesis (included = false).';
comment on column studies.id is 'Study id.';
comment on column studies.position is 'Order as the review lists its studies, from 1.';
comment on column studies.citation is 'Short in-text citation exactly as the review prints it, e.g. "Moore et al. 2016".';
comment on column studies.included is 'True for the studies in the synthesis; false for related evidence, which is never counted with them.';
comment on column studies.source is 'What the study analysed: ''forum post'' or ''interview''.';
comment on column studies.year is 'Publication year.';
comment on column studies.year_note is 'Caveat on the year, if any.';
comment on column studies.authors is 'Authors joined with "; ", or "not confirmed".';
comment on column studies.first_author is 'First author where only that is confirmed.';
comment on column studies.title is 'Title, or "not confirmed".';
comment on column studies.journal is 'Journal, or "not confirmed".';
comment on column studies.volume is 'Volume, or "not confirmed".';
comment on column studies.issue is 'Issue, or "not confirmed".';
comment on column studies.pages is 'Pages or article number, or "not confirmed".';
comment on column studies.doi is 'DOI, or "not confirmed".';
comment on column studies.reference_note is 'Where a bibliographic field came from, if not a public record.';
comment on column studies.table_label is 'The study as labelled in the review''s Table 1 (included studies only).';
comment on column studies.aim is 'Aim: Table 1 text for included studies; editorial wording for related evidence.';
comment on column studies.n_printed is 'Sample as printed in Table 1 (e.g. "1,421 messages"), or described for related evidence.';
comment on column studies.pmi_definition is 'Table 1: definition of perinatal mental illness.';
comment on column studies.location is 'Table 1: location, as printed ("Unknown" where the paper says so), or "not specified".';
comment on column studies.data_collection is 'Table 1: data collection.';
comment on column studies.analysis is 'Table 1: analysis.';
comment on column studies.sample_n is 'Sample size as a number.';
comment on column studies.sample_unit is 'Unit of sample_n: messages, women, participants.';
comment on column studies.quality_score is 'Total quality score the review prints (Table 2); null for related evidence.';
comment on column studies.quality_max is 'Maximum possible quality score; null for related evidence.';
comment on column studies.relation is 'Related evidence only: how it relates to the synthesis.';
comment on column studies.design is 'Related evidence only: design.';
comment on column studies.forum is 'Related evidence only: the kind of forum studied.';
comment on column studies.conclusion is 'Related evidence only: its conclusion (editorial wording).';

create table study_context (
    study_id varchar not null references studies (id),
    position integer not null,
    text varchar not null,
    provenance varchar not null,
    primary key (study_id, position)
);
comment on table study_context is 'One row per fact about a study from public records, beyond the review: context, never a finding of the synthesis.';
comment on column study_context.study_id is 'The study.';
comment on column study_context.position is 'Order, from 1.';
comment on column study_context.text is 'The fact.';
comment on column study_context.provenance is 'Always ''public record''.';

create table quality_criteria (
    id varchar primary key,
    position integer not null,
    short_label varchar not null,
    question varchar not null,
    group_label varchar
);
comment on table quality_criteria is 'One row per criterion of the quality checklist (Table 2).';
comment on column quality_criteria.id is 'Criterion id.';
comment on column quality_criteria.position is 'Column order in Table 2, from 1.';
comment on column quality_criteria.short_label is 'Short label for charts.';
comment on column quality_criteria.question is 'The criterion as printed.';
comment on column quality_criteria.group_label is 'The heading the criterion sits under in Table 2, if any.';

create table quality_ratings (
    study_id varchar not null references studies (id),
    criterion_id varchar not null references quality_criteria (id),
    rating integer not null,
    primary key (study_id, criterion_id)
);
comment on table quality_ratings is 'One row per study and criterion: the score given (Table 2). Ratings of a study add up to studies.quality_score.';
comment on column quality_ratings.study_id is 'The study.';
comment on column quality_ratings.criterion_id is 'The criterion.';
comment on column quality_ratings.rating is '1 if the criterion was met, 0 if not.';

create table themes (
    id varchar primary key,
    number integer not null,
    name varchar not null,
    headline varchar not null,
    headline_citation varchar,
    headline_quote_id varchar,
    summary varchar not null,
    support_stated varchar not null,
    support_count integer not null
);
comment on table themes is 'One row per theme (second-order construct) of the synthesis.';
comment on column themes.id is 'Theme id.';
comment on column themes.number is 'The theme''s number in the paper.';
comment on column themes.name is 'Name as printed.';
comment on column themes.headline is 'The quoted phrase the paper heads the theme with.';
comment on column themes.headline_citation is 'Citation the paper gives the headline phrase, if any.';
comment on column themes.headline_quote_id is 'Editorial: the printed quote the headline phrase is taken from, if any.';
comment on column themes.summary is 'Summary in this project''s own words (editorial).';
comment on column themes.support_stated is 'How the paper states the theme''s support, e.g. "a theme in four of the five studies".';
comment on column themes.support_count is 'Number of studies the paper says support the theme. Where study_themes names fewer, the rest are not specified.';

create table subthemes (
    id varchar primary key,
    theme_id varchar not null references themes (id),
    position integer not null,
    name varchar not null,
    description varchar not null
);
comment on table subthemes is 'One row per subtheme (Table 3 of the review).';
comment on column subthemes.id is 'Subtheme id.';
comment on column subthemes.theme_id is 'The theme it sits under (paper).';
comment on column subthemes.position is 'Order under its theme, from 1.';
comment on column subthemes.name is 'Name as printed in Table 3.';
comment on column subthemes.description is 'What it covers, in this project''s own words (editorial).';

create table constructs (
    id varchar primary key,
    number integer not null,
    name varchar not null,
    description varchar not null,
    rationale varchar not null
);
comment on table constructs is 'One row per third-order construct of the synthesis.';
comment on column constructs.id is 'Construct id.';
comment on column constructs.number is 'Order in the paper.';
comment on column constructs.name is 'Name as printed.';
comment on column constructs.description is 'What it means (editorial wording).';
comment on column constructs.rationale is 'Why it is linked to its themes (editorial).';

create table construct_themes (
    construct_id varchar not null references constructs (id),
    theme_id varchar not null references themes (id),
    provenance varchar not null,
    primary key (construct_id, theme_id)
);
comment on table construct_themes is 'One row per theme a construct draws on.';
comment on column construct_themes.construct_id is 'The construct.';
comment on column construct_themes.theme_id is 'The theme.';
comment on column construct_themes.provenance is '''paper'' or ''editorial''.';

create table study_themes (
    study_id varchar not null references studies (id),
    theme_id varchar not null references themes (id),
    basis varchar not null,
    provenance varchar not null,
    primary key (study_id, theme_id)
);
comment on table study_themes is 'One row per study the paper itself ties to a theme. A theme whose support_count exceeds its rows here has the rest not specified.';
comment on column study_themes.study_id is 'The study.';
comment on column study_themes.theme_id is 'The theme.';
comment on column study_themes.basis is 'What in the paper ties them, e.g. "all studies" or "cited and quoted in the theme''s section".';
comment on column study_themes.provenance is 'Always ''paper''.';

-- The quote tables declare no keys: the validator already guarantees unique ids and known
-- references, and DuckDB's key indexes would more than triple the file at a million quotes.
create table quotes (
    id varchar not null,
    position integer not null,
    study_id varchar not null,
    page integer not null,
    printed_citation varchar not null,
    source varchar not null,
    theme_id varchar not null,
    text varchar not null,
    content_note varchar,
    coding_note varchar
);
comment on table quotes is 'One row per participant quote printed in the review, verbatim.';
comment on column quotes.id is 'Quote id.';
comment on column quotes.position is 'Order of appearance in the paper, from 1.';
comment on column quotes.study_id is 'The study the paper cites for it.';
comment on column quotes.page is 'The page of that study the paper cites.';
comment on column quotes.printed_citation is 'The citation exactly as printed beside the quote.';
comment on column quotes.source is '''forum post'' or ''interview''.';
comment on column quotes.theme_id is 'The theme whose section prints the quote (paper).';
comment on column quotes.text is 'The quote verbatim; typographic quote marks normalised to straight ones.';
comment on column quotes.content_note is 'Editorial: what distressing content it holds (self-harm, harm to a child); null if none. Shown closed until opened.';
comment on column quotes.coding_note is 'Editorial: why a tag a reader could dispute was kept or left off, against the vocabulary''s coding rules; null if none.';

create table quote_subthemes (
    quote_id varchar not null,
    subtheme_id varchar not null,
    provenance varchar not null
);
comment on table quote_subthemes is 'One row per subtheme a quote illustrates.';
comment on column quote_subthemes.quote_id is 'The quote.';
comment on column quote_subthemes.subtheme_id is 'The subtheme.';
comment on column quote_subthemes.provenance is '''paper'' or ''editorial''.';

create table stigma_types (
    id varchar primary key,
    position integer not null,
    label varchar not null,
    paper_term varchar not null,
    definition varchar not null,
    rule varchar not null
);
comment on table stigma_types is 'One row per stigma type of the vocabulary.';
comment on column stigma_types.id is 'Stigma type id.';
comment on column stigma_types.position is 'Display order, from 1.';
comment on column stigma_types.label is 'Label shown in the interface.';
comment on column stigma_types.paper_term is 'The nearest term the paper uses for it, or "not specified"; the tag may be broader.';
comment on column stigma_types.definition is 'Definition in this project''s own words; what it says of the studies is linked in claim_evidence (claim_kind ''stigma_type'').';
comment on column stigma_types.rule is 'The coding rule: what a quote must show to carry this tag (editorial).';

create table quote_stigma (
    quote_id varchar not null,
    stigma_type_id varchar not null,
    provenance varchar not null
);
comment on table quote_stigma is 'One row per stigma type a quote shows.';
comment on column quote_stigma.quote_id is 'The quote.';
comment on column quote_stigma.stigma_type_id is 'The stigma type.';
comment on column quote_stigma.provenance is '''paper'' or ''editorial''.';

create table disclosure_consequences (
    id varchar primary key,
    position integer not null,
    label varchar not null,
    paper_text varchar not null,
    paper_location varchar not null,
    rule varchar not null
);
comment on table disclosure_consequences is 'One row per feared consequence of disclosure the paper lists.';
comment on column disclosure_consequences.id is 'Consequence id.';
comment on column disclosure_consequences.position is 'Order, from 1.';
comment on column disclosure_consequences.label is 'Label shown in the interface.';
comment on column disclosure_consequences.paper_text is 'The paper''s own phrase.';
comment on column disclosure_consequences.paper_location is 'Where the paper gives it.';
comment on column disclosure_consequences.rule is 'The coding rule: what a quote must show to carry this tag (editorial).';

create table quote_consequences (
    quote_id varchar not null,
    consequence_id varchar not null,
    provenance varchar not null
);
comment on table quote_consequences is 'One row per feared consequence of disclosure a quote names.';
comment on column quote_consequences.quote_id is 'The quote.';
comment on column quote_consequences.consequence_id is 'The consequence.';
comment on column quote_consequences.provenance is '''paper'' or ''editorial''.';

-- Derived at build time from the tables above (evidence/search_index.sql), for the quote explorer:
-- a word index of the quote text and the quotes' tags keyed by position. Never edited by hand.

create table search_words (
    id integer not null,
    word varchar not null,
    occurrences integer not null
);
comment on table search_words is 'Derived: one row per distinct word of the quote text, lower-cased, accents removed, split at spaces (punctuation stays attached). The search index''s vocabulary.';
comment on column search_words.id is 'Word id, in alphabetical order of the word.';
comment on column search_words.word is 'The word.';
comment on column search_words.occurrences is 'How many times the word occurs across all quotes.';

create table search_postings (
    word_id integer not null,
    quote_position integer not null,
    token integer not null
);
comment on table search_postings is 'Derived: one row per word occurrence in a quote, sorted by word: the search index.';
comment on column search_postings.word_id is 'The word (search_words.id).';
comment on column search_postings.quote_position is 'The quote (quotes.position).';
comment on column search_postings.token is 'Which word of the quote it is, from 1.';

create table quote_tags (
    kind varchar not null,
    tag_id varchar not null,
    quote_position integer not null
);
comment on table quote_tags is 'Derived: which quotes carry each subtheme and stigma type (from quote_subthemes and quote_stigma), by quote position, sorted by kind and tag.';
comment on column quote_tags.kind is '''subtheme'' or ''stigma''.';
comment on column quote_tags.tag_id is 'The subtheme or stigma type id.';
comment on column quote_tags.quote_position is 'The quote (quotes.position).';

create table quote_tag_lists (
    quote_position integer not null,
    subthemes struct(id varchar, name varchar, provenance varchar)[] not null,
    stigma struct(id varchar, name varchar, provenance varchar)[] not null
);
comment on table quote_tag_lists is 'Derived: one row per quote, in position order, with its tags as lists: what a quote card shows.';
comment on column quote_tag_lists.quote_position is 'The quote (quotes.position).';
comment on column quote_tag_lists.subthemes is 'Its subthemes in subtheme order: id, name and provenance of each.';
comment on column quote_tag_lists.stigma is 'Its stigma types in vocabulary order: id, label and provenance of each.';

create table related_themes (
    id varchar primary key,
    study_id varchar not null references studies (id),
    position integer not null,
    name varchar not null,
    description varchar not null
);
comment on table related_themes is 'One row per theme of a related study outside the synthesis.';
comment on column related_themes.id is 'Related theme id.';
comment on column related_themes.study_id is 'The related study.';
comment on column related_themes.position is 'Order, from 1.';
comment on column related_themes.name is 'Short name (editorial).';
comment on column related_themes.description is 'The theme, in this project''s own words.';

create table related_theme_echoes (
    related_theme_id varchar not null references related_themes (id),
    theme_id varchar not null references themes (id),
    rationale varchar not null,
    provenance varchar not null,
    primary key (related_theme_id, theme_id)
);
comment on table related_theme_echoes is 'One row per synthesis theme a related study''s theme echoes.';
comment on column related_theme_echoes.related_theme_id is 'The related study''s theme.';
comment on column related_theme_echoes.theme_id is 'The synthesis theme it echoes.';
comment on column related_theme_echoes.rationale is 'Why (editorial).';
comment on column related_theme_echoes.provenance is 'Always ''editorial''.';

create table guidance (
    title varchar not null,
    disclaimer varchar not null,
    confidence_note varchar not null,
    leaflet_title varchar not null,
    leaflet_intro varchar not null
);
comment on table guidance is 'One row: the practice guidance drawn from the review (editorial, in this project''s own words), with its disclaimer.';
comment on column guidance.title is 'Title of the clinician guide.';
comment on column guidance.disclaimer is 'What the guidance is derived from and that it is not a clinical guideline; shown first wherever the guidance is.';
comment on column guidance.confidence_note is 'Why no confidence rating is given for the findings, and what is shown instead.';
comment on column guidance.leaflet_title is 'Title of the patient leaflet.';
comment on column guidance.leaflet_intro is 'Opening paragraph of the patient leaflet, in plain language.';

create table guidance_sections (
    id varchar primary key,
    position integer not null,
    title varchar not null
);
comment on table guidance_sections is 'One row per section of the clinician guide; talking points are grouped under them.';
comment on column guidance_sections.id is 'Section id.';
comment on column guidance_sections.position is 'Order in the guide, from 1.';
comment on column guidance_sections.title is 'Section title (editorial).';

create table talking_points (
    id varchar primary key,
    section_id varchar not null references guidance_sections (id),
    position integer not null,
    title varchar not null,
    short varchar not null,
    body varchar not null,
    advice varchar
);
comment on table talking_points is 'One row per talking point for clinicians (editorial wording); what each rests on is in claim_evidence (claim_kind ''talking_point'').';
comment on column talking_points.id is 'Talking point id.';
comment on column talking_points.section_id is 'The guide section it sits in.';
comment on column talking_points.position is 'Order within its section, from 1.';
comment on column talking_points.title is 'The point as a short instruction or heading.';
comment on column talking_points.short is 'The point in one sentence, for the printable one-page guide.';
comment on column talking_points.body is 'The point in plain language for a clinician: what the linked evidence says, or, for a point that links none, practice advice.';
comment on column talking_points.advice is 'What a clinician might do, as general practice advice rather than a finding of the review; null if none.';

create table leaflet_sections (
    id varchar primary key,
    position integer not null,
    heading varchar not null,
    text varchar,
    bullets varchar[] not null,
    staff_note varchar,
    crisis boolean not null
);
comment on table leaflet_sections is 'One row per section of the patient leaflet (editorial, plain language).';
comment on column leaflet_sections.id is 'Leaflet section id.';
comment on column leaflet_sections.position is 'Order in the leaflet, from 1.';
comment on column leaflet_sections.heading is 'Section heading.';
comment on column leaflet_sections.text is 'Paragraph, if any.';
comment on column leaflet_sections.bullets is 'Bullet points, in order; empty if none.';
comment on column leaflet_sections.staff_note is 'For the clinician handing the leaflet out, never printed on it: where the section comes from; null if its links say it all.';
comment on column leaflet_sections.crisis is 'True for the section that tells a reader where to get urgent help: the deployment''s local contacts (or a write-in box) print there.';

create table statements (
    id varchar primary key,
    position integer not null,
    from_study_id varchar references studies (id),
    section varchar not null,
    text varchar not null,
    quantifier varchar,
    study_count integer
);
comment on table statements is 'One row per sentence of the paper (or of a related study outside the synthesis) stored verbatim, so that editorial claims can link what they rest on.';
comment on column statements.id is 'Statement id.';
comment on column statements.position is 'Order in the sources, from 1.';
comment on column statements.from_study_id is 'The related study (outside the synthesis) the sentence comes from; null for the review''s own sentences.';
comment on column statements.section is 'Where the sentence stands, e.g. a results theme, the discussion or the conclusions.';
comment on column statements.text is 'The sentence verbatim; typographic quote marks made straight, a closing citation or introducing colon left off.';
comment on column statements.quantifier is 'The source''s own word for how widely the sentence holds ("all studies", "one study", "some women"); null if it gives none.';
comment on column statements.study_count is 'How many studies the quantifier counts, where it counts studies; null otherwise.';

create table statement_studies (
    statement_id varchar not null references statements (id),
    study_id varchar not null references studies (id),
    position integer not null,
    primary key (statement_id, study_id)
);
comment on table statement_studies is 'One row per study the source names for a statement. Fewer than study_count means the rest are not specified.';
comment on column statement_studies.statement_id is 'The statement.';
comment on column statement_studies.study_id is 'A study the source names for it.';
comment on column statement_studies.position is 'Order named, from 1.';

create table claim_evidence (
    claim_kind varchar not null,
    claim_id varchar not null,
    position integer not null,
    evidence_kind varchar not null,
    evidence_id varchar not null,
    relation varchar not null,
    provenance varchar not null,
    primary key (claim_kind, claim_id, position)
);
comment on table claim_evidence is 'One row per link from an editorial claim to what it rests on. A claim with no row is practice advice. Strength is computed from these links, never stored.';
comment on column claim_evidence.claim_kind is 'talking_point, leaflet_section, theme_summary, construct, line_of_argument, stigma_type or review_point.';
comment on column claim_evidence.claim_id is 'The claim''s id in its table; for a review_point, "section:position"; for the line of argument, the review id.';
comment on column claim_evidence.position is 'Order the links were written in, from 1.';
comment on column claim_evidence.evidence_kind is 'statement, quote or study.';
comment on column claim_evidence.evidence_id is 'Id in statements, quotes or studies.';
comment on column claim_evidence.relation is '''states'' (the source says this) or ''our reading'' (this project''s interpretation of it).';
comment on column claim_evidence.provenance is 'Always ''editorial'': this project chose what each claim rests on.';
