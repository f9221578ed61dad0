"""Knowledge that practice leads edit lives in YAML under `data/`; this loads and validates it."""
