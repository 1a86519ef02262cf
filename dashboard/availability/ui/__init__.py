"""The Data availability page's Streamlit parts."""
