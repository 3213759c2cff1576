"""The REST API over the store, for the web workspace and for scripts.

``app`` builds the FastAPI application (``create_app``: middleware, errors, the page),
``routes`` declares the endpoints, ``params`` turns query strings into filters and pages,
``queries`` and ``lists`` read the store. Nothing here imports spaCy.
"""
