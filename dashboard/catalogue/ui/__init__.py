"""The Service catalogue page's Streamlit parts."""
