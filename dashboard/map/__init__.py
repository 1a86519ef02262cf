"""The Map page: Wales's councils or health boards coloured by a chosen measure."""
