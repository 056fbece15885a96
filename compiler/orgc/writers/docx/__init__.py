"""Writing DOCX files: WordprocessingML helpers and the package around them."""
