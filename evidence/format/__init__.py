"""The YAML format of a synthesis, one concern per module:

- `language`: the kinds of value a field can take (text, numbers, ids and references, lists, records), the words the
  declaration is written in;
- `declaration`: the format itself: every section, its fields and what each means, and the database tables that
  store them (with the layout's version);
- `json_schema`: the declaration as the JSON Schema editors and `check` validate with;
- `reference`: the declaration as docs/FORMAT.md;
- `yaml_file`: one YAML file read safely, with the line of every key and item;
- `folder`: a data folder read into its sections (which files, which section where, the sources' hash);
- `structure`: one section at a time: the schema's errors in plain words, ids, references and reserved values;
- `rules`: what ties sections together (counts that add up, quotes in their theme, claims linked) and
  `check_folder`, which runs everything;
- `problems`: how a problem is reported: file, line, message and fix, one message per cause;
- `scaffold`: the small valid synthesis `python -m evidence new` writes.

Adding a section touches `declaration` (its fields and table), `rules` if it ties to other sections, and the page
that shows it.
"""
