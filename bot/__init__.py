"""The assistant's own package: gateway, safety net, knowledge, storage and process supervision."""
