"""The numpy month the compiled month replaced, kept as the oracle of its equality test."""
