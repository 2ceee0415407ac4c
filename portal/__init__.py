"""The customer space: a small web site the desk serves over the same database.

Modules:
    app       the Starlette application: the return's page, finding a return, errors
    guard     safety for every answer: security headers, CSRF tokens, rate limits
    pages     rendering the pages (resources/portal) through the project's Jinja environment
    server    running the site with uvicorn, logging requests without personal data
"""

__all__ = ["app", "guard", "pages", "server"]
