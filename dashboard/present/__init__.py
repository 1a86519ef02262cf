"""The Present page's core: the slide sequence and the PPTX/PDF deck."""
