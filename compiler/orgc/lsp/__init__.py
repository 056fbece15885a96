"""``orgc lsp``: the checker, completion and navigation in an editor, over the Language Server Protocol."""
