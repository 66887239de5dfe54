"""The presentation: what a reader sees, as typed view models and one table of wording; no streamlit."""
