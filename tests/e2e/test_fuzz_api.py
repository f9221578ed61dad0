"""Schemathesis against the gateway's own OpenAPI, on the real stack.

Every operation gets FUZZ_EXAMPLES generated requests (200 by default, as in CI;
set more locally): no 5xx, and every response matches what the schema promises
(status codes, content types, headers, bodies). The schema is the app's own,
read without starting it; the requests go to the running gateway.
"""

from __future__ import annotations

import base64
import os
from pathlib import Path

import pytest
import schemathesis
from helpers.support import DASHBOARD_PASSWORD, make_settings
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

from bot.gateway.app import create_app
from bot.supervisor import Stack

pytestmark = pytest.mark.e2e

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "200"))
AUTH = "Basic " + base64.b64encode(f"dashboard:{DASHBOARD_PASSWORD}".encode()).decode()
SCHEMA = schemathesis.openapi.from_dict(create_app(make_settings(Path("/tmp"))).openapi())
OPERATIONS = {op.label: op for op in (result.ok() for result in SCHEMA.get_all_operations())}


def test_every_operation_is_fuzzed() -> None:
    assert {"POST /api/chat", "GET /health", "GET /dashboard"} <= set(OPERATIONS)


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_gateway_conforms_to_its_openapi(label: str, stack: Stack) -> None:
    operation = OPERATIONS[label]

    @given(case=operation.as_strategy())
    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
    def check(case) -> None:  # type: ignore[no-untyped-def]
        case.call_and_validate(
            base_url=stack.settings.gateway_url,
            headers={"Authorization": AUTH},
            timeout=60,
            # Rules across fields (a start after the end, a requirement that doesn't
            # apply to the tier) are documented 422s that a schema can't express.
            excluded_checks=[positive_data_acceptance],
        )

    check()
