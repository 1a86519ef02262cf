"""The Overview page's core: headline figures, its tables and charts (no Streamlit)."""
