"""One module per schema revision, in order; never edit an applied one: add the next."""
