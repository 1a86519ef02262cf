"""The Organisation page's Streamlit parts."""
