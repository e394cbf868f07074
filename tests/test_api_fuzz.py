"""Schemathesis fuzzes the JSON API from its own OpenAPI schema: no input may cause a 5xx.

The operations are fuzzed one by one inside the test (schemathesis' pytest fixture loader
relies on a pytest internal that pytest 9.2 removed).
"""

from __future__ import annotations

import os
from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import positive_data_acceptance
from schemathesis.config import SchemathesisConfig

from newsbrief.web import create_app

EXAMPLES_PER_OPERATION = int(os.environ.get("NEWSBRIEF_FUZZ_EXAMPLES", "40"))  # per operation and mode
# The default run is derandomised so that CI is reproducible; NEWSBRIEF_FUZZ_RANDOM=1 explores.
DERANDOMIZE = os.environ.get("NEWSBRIEF_FUZZ_RANDOM") != "1"
# How this API rejects bad input: the statuses its schema documents, 413 (a body over the
# upload limit) included; 5xx stays a failure of its own check.
CONFIG = SchemathesisConfig.from_dict({"checks": {"negative_data_rejection": {
    "expected-statuses": ["400", "404", "405", "413", "415", "422"]}}})


def test_api_never_fails_with_a_server_error(web_store: Path) -> None:
    app = create_app(web_store, max_upload_bytes=200_000)
    schema = schemathesis.openapi.from_asgi("/api/openapi.json", app, config=CONFIG)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {op.label for op in operations} == {
        "GET /api/stories", "GET /api/stories/{story_id}", "GET /api/stories/{story_id}/briefing",
        "POST /api/brief",
    }
    for operation in operations:
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(max_examples=EXAMPLES_PER_OPERATION, deadline=None, database=None,
                      derandomize=DERANDOMIZE, suppress_health_check=list(HealthCheck))
            def fuzz(case: schemathesis.Case) -> None:
                # Every check (no 5xx, documented status codes, response schemas) except that
                # schema-valid data is accepted: "0" is a valid article text with nothing to brief (400).
                case.call_and_validate(excluded_checks=[positive_data_acceptance])

            fuzz()
