"""The Data page's Streamlit parts."""
