"""One presentation model of a comparison, rendered alike by the screen and the reports."""
