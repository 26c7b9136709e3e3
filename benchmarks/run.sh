#!/usr/bin/env bash
# Runs every benchmark on each JDK given (default: the java on PATH), writes the JMH JSON and the
# report (tables and chart) into docs/. Takes about 10 minutes per JDK on 2 cores.
#
#   bash benchmarks/run.sh
#   bash benchmarks/run.sh /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-25-jdk-amd64
#
# Extra JMH options can be passed in JMH_OPTS, e.g. JMH_OPTS='SmallHit -wi 1 -i 2'.
set -euo pipefail
cd "$(dirname "$0")/.."

mvn -q package -DskipTests -pl benchmarks -am
jar=benchmarks/target/benchmarks.jar
mkdir -p docs

jdks=("$@")
if [ ${#jdks[@]} -eq 0 ]; then
  jdks=("$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")")
fi

reports=()
for jdk in "${jdks[@]}"; do
  version=$("$jdk/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/ *java.version = //p')
  label="JDK ${version}"
  json="docs/jmh-result-jdk${version%%.*}.json"
  echo "=== $label: $json ==="
  # shellcheck disable=SC2086
  "$jdk/bin/java" -jar "$jar" -prof gc -rf json -rff "$json" ${JMH_OPTS:-}
  reports+=("$label=$json")
done

java -cp "$jar" io.memocache.benchmarks.Report docs "${reports[@]}"
echo "Wrote docs/benchmarks-tables.md and docs/benchmarks.png"
