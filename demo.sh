#!/usr/bin/env bash
# Builds tracer.jar and runs the demo service under it with the console exporter: the trace trees appear below.
# The demo keeps its orders in the local PostgreSQL and Redis, started here where they are installed but stopped.
set -euo pipefail
cd "$(dirname "$0")"
.ci/services
mvn -q -B -DskipTests -pl agent,demo -am package
OTEL_SERVICE_NAME="${OTEL_SERVICE_NAME:-demo-orders}" OTEL_TRACES_EXPORTER="${OTEL_TRACES_EXPORTER:-console}" \
  java -javaagent:agent/target/tracer.jar -jar demo/target/demo.jar --exercise
