"""The evidence core: YAML sources, their validation, and the DuckDB build. No Streamlit here."""
