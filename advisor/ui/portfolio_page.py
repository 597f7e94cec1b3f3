"""The portfolio page (built in its own change)."""

import streamlit as st


def render() -> None:
    st.info("This page is not built yet.")
