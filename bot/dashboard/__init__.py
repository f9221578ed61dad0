"""The service-improvement dashboard: what practitioners ask and how it goes, never who."""
