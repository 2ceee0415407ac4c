"""The customer space: a small web site the desk serves over the same database.

Modules:
    app       the Starlette application: the return's page, finding a return, errors
    guard     safety for every answer: security headers, CSRF tokens, rate limits
    instructions  the return's instructions: the printed sheet as a page and as a PDF
    pages     rendering the pages (resources/portal) through the project's Jinja environment
    counter   the counter tablet at /counter: pairing, idle, the faces, the thank-you
    server    running the site with uvicorn, logging requests without personal data
    sheet_pdf the instructions sheet as PDF bytes, drawn by the desk's Qt renderer
"""

__all__ = ["app", "guard", "instructions", "pages", "server", "sheet_pdf", "counter"]
