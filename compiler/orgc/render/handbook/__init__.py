"""``handbook/<lang>.docx``: the organisation handbook (组织手册)."""
