"""AM Advisor: should we hire an Account Manager now, and what exactly is the role?"""

import streamlit as st

from advisor.ui.state import current_assessment

st.set_page_config(page_title="AM Advisor", page_icon="🧭", layout="wide")
assessment = current_assessment()
st.title("AM Advisor")
st.subheader(assessment.verdict_label)
st.write(assessment.headline)
