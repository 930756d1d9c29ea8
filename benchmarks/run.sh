#!/usr/bin/env bash
# The overhead benchmark: the service of benchmarks/service under no agent, tracer.jar (100%, 1%, disabled) and the
# OpenTelemetry Java agent, loaded by wrk in interleaved rounds; then the JMH microbenchmarks. Writes
# benchmarks/results/latest.md. Every BENCH_* variable is described in benchmarks/README.md.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v wrk >/dev/null; then
  echo "run.sh: installing wrk"
  if [ "$(id -u)" -eq 0 ]; then apt-get install -y wrk >/dev/null; else sudo apt-get install -y wrk >/dev/null; fi
fi

modules=benchmarks/service,benchmarks/runner,benchmarks/jmh
if [ ! -f agent/target/tracer.jar ] || [ "${BENCH_REBUILD_AGENT:-false}" = true ]; then
  modules="agent,$modules"
fi
echo "run.sh: building $modules"
mvn -B -q -Dstyle.color=never -DskipTests -pl "$modules" -am package

agents=benchmarks/target/agents
mkdir -p "$agents"
otel_version="${OTEL_JAVAAGENT_VERSION:-LATEST}"
echo "run.sh: fetching opentelemetry-javaagent $otel_version from Maven Central"
if ! mvn -B -q -Dstyle.color=never org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
    -Dartifact="io.opentelemetry.javaagent:opentelemetry-javaagent:$otel_version" -DoutputDirectory="$agents"; then
  echo "run.sh: could not fetch it; using what $agents already holds"
fi
otel_jar="$(ls -v "$agents"/opentelemetry-javaagent-*.jar 2>/dev/null | tail -n 1)"
if [ -z "$otel_jar" ]; then
  echo "run.sh: no OpenTelemetry Java agent in $agents" >&2
  exit 1
fi
if [ "$otel_version" != LATEST ]; then
  otel_jar="$agents/opentelemetry-javaagent-$otel_version.jar"
fi

results="${BENCH_RESULTS:-benchmarks/results}"
mkdir -p "$results"
BENCH_SERVICE_JAR=benchmarks/service/target/bench-service.jar \
BENCH_TRACER_JAR=agent/target/tracer.jar \
BENCH_OTEL_JAR="$otel_jar" \
BENCH_RESULTS="$results" \
  java -jar benchmarks/runner/target/bench-runner.jar

if [ "${BENCH_JMH:-true}" = true ]; then
  echo "run.sh: JMH microbenchmarks"
  java -jar benchmarks/jmh/target/bench-jmh.jar -f "${BENCH_JMH_FORKS:-1}" \
    -wi "${BENCH_JMH_WARMUP_ITERATIONS:-2}" -w 1s -i "${BENCH_JMH_ITERATIONS:-3}" -r 2s \
    -prof gc -rf text -rff "$results/jmh.txt" ${BENCH_JMH_INCLUDE:-}
  {
    echo
    echo "## JMH microbenchmarks"
    echo
    echo "Forks ${BENCH_JMH_FORKS:-1}, warm-up ${BENCH_JMH_WARMUP_ITERATIONS:-2} x 1 s, measured" \
      "${BENCH_JMH_ITERATIONS:-3} x 2 s; \`gc.alloc.rate.norm\` is bytes allocated per operation."
    echo
    echo '```'
    cat "$results/jmh.txt"
    echo '```'
  } >> "$results/latest.md"
fi
echo "run.sh: results in $results/latest.md"
