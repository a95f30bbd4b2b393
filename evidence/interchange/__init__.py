"""Bringing a synthesis in from a spreadsheet or a REFI-QDA project, and back out as REFI-QDA."""
