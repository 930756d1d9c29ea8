#!/usr/bin/env bash
# Builds tracer.jar and runs the demo's two services under it, each in its own JVM with its own service name, with
# the console exporter: the trace trees appear below, one per trace and service. The order service calls its own
# endpoints and stops; /orders/42/summary asks the shipping service, so that trace crosses both processes.
# The demo keeps its orders in the local PostgreSQL and Redis, started here where they are installed but stopped.
set -euo pipefail
cd "$(dirname "$0")"
.ci/services
mvn -q -B -DskipTests -pl agent,demo -am package
export OTEL_TRACES_EXPORTER="${OTEL_TRACES_EXPORTER:-console}"

# the shipping service prints "LISTENING <port>" on stdout once it serves, its trees on stderr like the other's
coproc SHIPPING { OTEL_SERVICE_NAME=demo-shipping exec java -javaagent:agent/target/tracer.jar \
  -cp demo/target/demo.jar io.tracer.demo.ShippingService; }
shipping_pid=$SHIPPING_PID
trap 'kill "$shipping_pid" 2>/dev/null || true' EXIT
read -r _ shipping_port <&"${SHIPPING[0]}"

# the exercise's own calls (HttpURLConnection) stay untraced: each trace starts where a user's request would arrive
SHIPPING_URL="http://127.0.0.1:$shipping_port" OTEL_SERVICE_NAME="${OTEL_SERVICE_NAME:-demo-orders}" \
  java -javaagent:agent/target/tracer.jar -Dotel.instrumentation.http-url-connection.enabled=false \
  -jar demo/target/demo.jar --exercise
# stopped, the shipping service's agent prints what it still holds
kill "$shipping_pid"
wait "$shipping_pid" || true
