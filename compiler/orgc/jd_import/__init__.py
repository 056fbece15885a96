"""``orgc import`` of job descriptions (岗位说明书): Word, text and Markdown files into role specs.

Reading (read_docx, read_text) gives numbered blocks in body order; split cuts a file into its
JDs; sections finds the labels and headings of each; mapping turns them into role data, keeping
every text it could not place; importer plans, checks and writes the result through roster/.
"""
