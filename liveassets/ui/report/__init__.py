"""The Report view: the week's platform figures, charts and top posts, exported to PDF or XLSX."""
