"""The org chart: laid out by orgc, drawn as SVG and in Word, written as Mermaid and Graphviz."""
