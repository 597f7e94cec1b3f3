"""Streamlit pages and components: widgets in, core calls, charts out."""
