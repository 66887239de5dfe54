"""Streamlit rendering for the dashboard. Pages call `frame.open_page` and the helpers here."""
