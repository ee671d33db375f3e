"""The app's blueprints, one per room: sign-in, cases and the queue, reviews, dispute risk,
rule files, administration, the language switch, and the JSON API."""

from __future__ import annotations

from flask import Flask


def register(app: Flask) -> None:
    from web import access  # noqa: F401  (registers the user loader)
    from web.blueprints import admin, api, auth, cases, errors, language, review, risk, rulefiles

    for blueprint in (
        auth.bp,
        cases.bp,
        review.bp,
        risk.bp,
        rulefiles.bp,
        admin.bp,
        language.bp,
        api.bp,
    ):
        app.register_blueprint(blueprint)
    errors.init_app(app)
