"""The reader: the Textual app that shows one annotated article."""
