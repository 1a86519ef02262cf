"""Starting the web server: the launcher and the page shell's hints."""
