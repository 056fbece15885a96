"""Stage 3: frozen entities built from validated documents, and the graph over them."""
