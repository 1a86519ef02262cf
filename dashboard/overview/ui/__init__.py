"""The Overview page's Streamlit parts."""
