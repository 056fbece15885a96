"""``orgc staffing``: the designed organisation (each role's headcount) against the people in post."""
