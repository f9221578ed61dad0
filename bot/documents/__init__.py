"""Documents a practitioner can file: one model, rendered as chat text, Word and PDF."""
