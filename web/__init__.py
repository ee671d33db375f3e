"""The Bordercase review web app: the queue, the case, the override, the API.

    app = create_app()              configuration from the environment (BORDERCASE_*, DATABASE_URL)
    app = create_app({"TESTING": True, "DATABASE_URL": "sqlite:///..."})

Nothing outside web/ imports this package (DESIGN.md): the engine knows nothing of Flask.
"""

from __future__ import annotations

from typing import Any

from flask import Flask


def create_app(overrides: dict[str, Any] | None = None, instance_path: str | None = None) -> Flask:
    from web import config, extensions, i18n
    from web.blueprints import register

    app = Flask(__name__, instance_relative_config=True, instance_path=instance_path)
    config.configure(app, overrides or {})
    extensions.init_app(app)
    i18n.init_app(app)
    register(app)
    return app
