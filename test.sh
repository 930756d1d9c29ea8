#!/usr/bin/env bash
# The whole test suite: unit tests, instrumentation tests and smoke tests, the smoke tests' application JVMs on
# Java 17 and, where a Java 25 JDK is installed, once more on Java 25.
set -euo pipefail
cd "$(dirname "$0")"
java25="${JAVA25_HOME:-$(ls -d /usr/lib/jvm/temurin-25* 2>/dev/null | head -n 1 || true)}"
args=(-B verify)
if [ -n "$java25" ] && [ -x "$java25/bin/java" ]; then
  args+=("-Djava25.home=$java25")
elif [ "${CI:-}" = "true" ]; then
  echo "test.sh: no Java 25 JDK found (set JAVA25_HOME); CI requires the Java 25 smoke run" >&2
  exit 1
else
  echo "test.sh: no Java 25 JDK found (set JAVA25_HOME): smoke tests run on Java 17 only" >&2
fi
exec mvn "${args[@]}" "$@"
