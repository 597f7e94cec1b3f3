"""One small script per page of `st.navigation`; each draws its page module's `render()`.

Pages are files (not callables) so `AppTest.switch_page("advisor/ui/pages/<page>.py")` reaches
every page the way a user does.
"""
