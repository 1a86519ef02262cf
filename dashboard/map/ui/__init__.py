"""The Map page's Streamlit parts."""
