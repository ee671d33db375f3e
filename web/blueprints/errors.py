"""Error pages in the product's look (and JSON for the API), and the security headers of every answer."""

from __future__ import annotations

from typing import Any

from flask import Flask, Response, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

# Pages load only this site's own files: scripts from /static, no framing, no sniffing.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def init_app(app: Flask) -> None:
    @app.after_request
    def security_headers(response: Response) -> Response:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.errorhandler(CSRFError)
    def csrf_error(error: CSRFError) -> Any:
        message = _("The form had expired or did not come from this site. Please try again.")
        return render_template("error.html", code=400, message=message), 400

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException) -> Any:
        if request.path.startswith("/api/"):
            return {"error": error.name, "detail": error.description}, error.code
        messages = {
            403: _("Your role does not allow this."),
            404: _("There is nothing here, or it is not yours to see."),
            413: _("The file is too large."),
        }
        code = error.code or 500
        return render_template("error.html", code=code, message=messages.get(code, error.name)), code
