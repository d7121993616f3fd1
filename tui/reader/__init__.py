"""The reader: its app, widgets and screens, and the palette its labels are drawn in."""
