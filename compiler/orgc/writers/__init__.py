"""File formats that know no organisation: WordprocessingML and DOCX packages, XLSX, escaping, sandboxed templates."""
