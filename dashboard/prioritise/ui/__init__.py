"""The Prioritise page's Streamlit parts."""
