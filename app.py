"""AM Advisor: should we hire an Account Manager now, and what exactly is the role?"""

from contextlib import AbstractContextManager, nullcontext

import streamlit as st

from advisor.ui import preload

# Started by the launcher (`python -m advisor.ui.serve`) once the server started: the imports
# below find the core loaded (no wait under a plain `streamlit run app.py`).
preload.wait_for_core()

from advisor import logs
from advisor.i18n import _
from advisor.ui import auth, cases, language, questionnaire_page, shell
from advisor.ui.pages import page_file

# JSON lines on stdout for the `advisor` loggers (the audit trail's events among them): the
# handler is added on the first run of the process and found there on every later one.
logs.configure("stdout")

# A Material icon, like every page's: an emoji icon would load Streamlit's emoji table (about
# 50 ms) on every start just to check it.
st.set_page_config(page_title="AM Advisor", page_icon=":material/explore:", layout="wide")
# This run's language (the link's, the session's choice, else the browser's): every sentence
# below is written in it.
language.apply()
if questionnaire_page.requested():
    # A respondent's link opens their questionnaire and nothing else: no navigation, no sidebar.
    # It comes before sign-in: respondents have no account, the link's token is their access.
    # Without sign-in it is the local workspace's, answered on this computer only (unless the
    # host allows it): `require_link_access`.
    auth.require_link_access()
    preload.wait()
    questionnaire_page.render()
    st.stop()
# Before any page is registered: a visitor who may not see the pages gets no route to one.
auth.require_access()
# The default page is served at the root and cannot be reached by its own path, so `/assess`
# (the page's name in the sidebar, and in older links) is a hidden page that opens it.
assess = st.Page(
    page_file("assess"),
    title=_("Assess"),
    icon=":material/edit_note:",
    url_path="start",
    default=True,
)


def _open_assess() -> None:
    st.switch_page(assess, query_params=st.query_params.to_dict())


# Charts and, until one is opened, no data table: it waits for less than the other pages.
recommendation = st.Page(
    page_file("recommendation"),
    title=_("Recommendation"),
    icon=":material/verified:",
    url_path="recommendation",
)
case_pages = [
    assess,
    st.Page(_open_assess, title=_("Assess"), url_path="assess", visibility="hidden"),
    recommendation,
    st.Page(page_file("role"), title=_("Role"), icon=":material/badge:", url_path="role"),
    st.Page(
        page_file("portfolio"),
        title=_("Portfolio"),
        icon=":material/monitoring:",
        url_path="portfolio",
    ),
    st.Page(page_file("rules"), title=_("Rules"), icon=":material/rule:", url_path="rules"),
]
workspace_pages = [
    st.Page(page_file("clients"), title=_("Clients"), icon=":material/groups:", url_path="clients"),
    st.Page(page_file("cases"), title=_("Cases"), icon=":material/folder_open:", url_path="cases"),
    st.Page(
        page_file("workshop"),
        title=_("Workshop"),
        icon=":material/diversity_3:",
        url_path="workshop",
    ),
    st.Page(
        page_file("history"),
        title=_("History"),
        icon=":material/history:",
        url_path="history",
    ),
    st.Page(
        page_file("compare"),
        title=_("Compare"),
        icon=":material/compare_arrows:",
        url_path="compare",
    ),
]
# The pages keep one order whatever the workspace holds: adding the first client moves
# nothing under the pointer. An existing workspace is opened on the session's first run, so a
# sign-in is recorded (and the clients it claims named) on the page it opens.
cases.open_existing_workspace()
page = st.navigation(case_pages + workspace_pages)
drawing: AbstractContextManager[None] = nullcontext()
if page is recommendation:
    # Charts and no data table until one is opened (which waits for its own libraries): the
    # page runs while those are not being imported.
    preload.wait_for_charts()
    drawing = preload.drawing()
elif page is not assess:
    # Any other page may draw a data table or a chart: numpy, pandas and Plotly's traces are
    # loaded first. The Assess page draws neither and does not wait for them.
    preload.wait()
try:
    with drawing:
        shell.before_page(page.url_path)
        page.run()
        shell.after_page()
finally:
    # A page is drawn (or stopped, or rerun): the data tables' libraries load now, off the
    # first page's path and ready for the next.
    preload.idle()
