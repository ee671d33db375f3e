"""The API's OpenAPI 3.1 document, built from the pydantic models of the contract, so the
published schema of a Case and a Decision is the one the engine validates against."""

from __future__ import annotations

from functools import cache
from typing import Any

from pydantic.json_schema import models_json_schema

from rules.case import Case
from rules.decision import Decision

REF = "#/components/schemas/{model}"


def _ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


_PROBLEMS = _json(_ref("Problems"), "The case is not valid: every bad field is named")
_UNAUTHORIZED = _json(_ref("Error"), "No valid bearer token")
_NOT_FOUND = _json(_ref("Error"), "No such case, or not yours to see")
_CASE_PK = {"name": "case_pk", "in": "path", "required": True, "schema": {"type": "integer"}}


def _extra_schemas() -> dict[str, Any]:
    nullable_str = {"type": ["string", "null"]}
    return {
        "Error": {
            "type": "object",
            "properties": {"error": {"type": "string"}, "detail": {"type": "string"}},
            "required": ["error"],
        },
        "Problems": {
            "type": "object",
            "properties": {
                "error": {"type": "string", "const": "invalid case"},
                "problems": {"type": "array", "items": {"type": "string"}, "examples": [["items[0].hs_code: ..."]]},
            },
            "required": ["error", "problems"],
        },
        "CaseSummary": {
            "type": "object",
            "properties": {
                "id": {"type": "integer", "description": "the stored case's number (in URLs)"},
                "case_id": {"type": "string"},
                "seller": nullable_str,
                "status": {"type": "string", "enum": ["open", "approved", "overridden"]},
                "resolution": {"type": "string", "description": "the resolution that stands (a review's, if any)"},
                "act_by": {"type": ["string", "null"], "format": "date"},
                "jurisdiction": nullable_str,
                "platform": nullable_str,
                "buyer_country": {"type": "string"},
                "risk": {"type": ["object", "null"]},
                "refund_amount": {"type": ["number", "null"]},
                "currency": nullable_str,
                "created_at": {"type": "string", "format": "date-time"},
                "decision_id": {"type": ["integer", "null"]},
                "url": {"type": "string"},
            },
            "required": ["id", "case_id", "status", "resolution"],
        },
        "DecisionSummary": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "case": {"type": "integer"},
                "resolution": {"type": "string"},
                "evaluated_at": {"type": "string", "format": "date-time"},
                "rule_versions": {"type": "object", "additionalProperties": {"type": "string"}},
                "url": {"type": "string"},
            },
        },
    }


@cache
def document() -> dict[str, Any]:
    _, defs = models_json_schema([(Case, "validation"), (Decision, "serialization")], ref_template=REF)
    schemas = dict(defs.get("$defs", {})) | _extra_schemas()
    secured: list[dict[str, list[str]]] = [{"bearer": []}]
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Bordercase API",
            "version": "1",
            "description": "Assess returns and store cases; the Case and Decision are the contract's JSON.",
            "license": {"name": "Apache-2.0", "identifier": "Apache-2.0"},
        },
        "servers": [{"url": "/api/v1"}],
        "security": secured,
        "components": {
            "schemas": schemas,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "description": "an API token"}},
        },
        "paths": {
            "/openapi.json": {
                "get": {
                    "summary": "This document",
                    "security": [],
                    "responses": {"200": {"description": "The OpenAPI document"}},
                }
            },
            "/assess": {
                "post": {
                    "summary": "Assess a case without storing it",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("Case")}}},
                    "responses": {
                        "200": _json(_ref("Decision"), "The Decision"),
                        "401": _UNAUTHORIZED,
                        "422": _PROBLEMS,
                    },
                }
            },
            "/cases": {
                "get": {
                    "summary": "Cases you may see (a seller: its own)",
                    "parameters": [
                        {"name": "status", "in": "query", "schema": {"type": "string"}},
                        {"name": "case_id", "in": "query", "schema": {"type": "string"}},
                        {"name": "limit", "in": "query", "schema": {"type": "integer", "maximum": 100}},
                        {"name": "offset", "in": "query", "schema": {"type": "integer"}},
                    ],
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "properties": {"cases": {"type": "array", "items": _ref("CaseSummary")}},
                            },
                            "A page of cases",
                        ),
                        "401": _UNAUTHORIZED,
                    },
                },
                "post": {
                    "summary": "Store a case and its first Decision",
                    "requestBody": {"required": True, "content": {"application/json": {"schema": _ref("Case")}}},
                    "responses": {
                        "201": _json(
                            {
                                "type": "object",
                                "properties": {"case": _ref("CaseSummary"), "decision": _ref("Decision")},
                            },
                            "Stored",
                        ),
                        "401": _UNAUTHORIZED,
                        "422": _PROBLEMS,
                    },
                },
            },
            "/cases/{case_pk}": {
                "get": {
                    "summary": "A case, its current Decision and its reviews",
                    "parameters": [_CASE_PK],
                    "responses": {"200": {"description": "The case"}, "401": _UNAUTHORIZED, "404": _NOT_FOUND},
                }
            },
            "/cases/{case_pk}/decisions": {
                "get": {
                    "summary": "Every Decision made on the case, with the rule-file versions each used",
                    "parameters": [_CASE_PK],
                    "responses": {
                        "200": _json(
                            {
                                "type": "object",
                                "properties": {"decisions": {"type": "array", "items": _ref("DecisionSummary")}},
                            },
                            "The decisions",
                        ),
                        "401": _UNAUTHORIZED,
                        "404": _NOT_FOUND,
                    },
                }
            },
            "/decisions/{decision_id}": {
                "get": {
                    "summary": "One stored Decision, as the contract's JSON",
                    "parameters": [
                        {"name": "decision_id", "in": "path", "required": True, "schema": {"type": "integer"}}
                    ],
                    "responses": {
                        "200": _json(_ref("Decision"), "The Decision"),
                        "401": _UNAUTHORIZED,
                        "404": _NOT_FOUND,
                    },
                }
            },
            "/cases/{case_pk}/documents": {
                "get": {
                    "summary": "The paperwork the case needs, with download links where a document can be made",
                    "parameters": [_CASE_PK],
                    "responses": {"200": {"description": "The documents"}, "401": _UNAUTHORIZED, "404": _NOT_FOUND},
                }
            },
            "/cases/{case_pk}/documents/{document}.{fmt}": {
                "get": {
                    "summary": "A generated document (pdf or html)",
                    "parameters": [
                        _CASE_PK,
                        {"name": "document", "in": "path", "required": True, "schema": {"type": "string"}},
                        {"name": "fmt", "in": "path", "required": True, "schema": {"type": "string"}},
                    ],
                    "responses": {"200": {"description": "The file"}, "401": _UNAUTHORIZED, "404": _NOT_FOUND},
                }
            },
        },
    }
