"""Code the Rasa engine loads (Python 3.10, inside the engine's own environment).

Rasa imports this package when it loads the gateway channel (credentials.yml).
"""

from addons.fast_validation import install

install()
