"""The Present page's Streamlit parts."""
