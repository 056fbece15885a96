"""The job description (岗位说明书): its content in one language, as Word and as Markdown."""
