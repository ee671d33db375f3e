"""Bordercase's engine: rule files, facts, periods, durable_rules, rights and the resolver."""
