"""Each report as one document (`advisor.blocks.Report`), built once for every format.

`assessment` builds the report of one assessment, `portfolio` the portfolio diagnosis of a CRM
export, `workshop` a workshop's results and `comparison` scenarios side by side. Each module
keeps its sentences whole, with named placeholders, in one `WORDS` table; the text and Markdown
renderers (`export.text`, `export.markdown`) only lay the document out.
"""
