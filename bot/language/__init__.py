"""Language in Safe & Together terms: the coach that checks a practitioner's wording."""
