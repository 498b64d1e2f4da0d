#!/usr/bin/env bash
# Proves that check_include_layers.sh fails on the two faults it guards against (an include of
# a higher stage, another stage's private header) and passes a clean tree. Registered as a CTest.
set -u
checker="$(cd "$(dirname "$0")" && pwd)/check_include_layers.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

make_tree() {
  rm -rf "$tmp/core"
  mkdir -p "$tmp/core/include/pqlscope/io" "$tmp/core/include/pqlscope/report" \
           "$tmp/core/src/segments" "$tmp/core/src/report"
  printf '#pragma once\n' > "$tmp/core/include/pqlscope/report/report.hpp"
  printf '#pragma once\n' > "$tmp/core/src/report/detail.hpp"
  printf '#include "pqlscope/io/text.hpp"\n#include "report/detail.hpp"\n' > "$tmp/core/src/report/report.cpp"
  printf '#pragma once\n#include <string>\n' > "$tmp/core/include/pqlscope/io/text.hpp"
  printf '#include "pqlscope/io/text.hpp"\n' > "$tmp/core/src/segments/segment.cpp"
}

status=0
make_tree
if ! "$checker" "$tmp" >/dev/null 2>&1; then echo "a clean tree was rejected" >&2; status=1; fi

make_tree
printf '#include "pqlscope/report/report.hpp"\n' >> "$tmp/core/include/pqlscope/io/text.hpp"
out=$("$checker" "$tmp" 2>&1) && { echo "an include of a higher stage passed" >&2; status=1; }
grep -q 'core/include/pqlscope/io/text.hpp:3: stage .io. includes "pqlscope/report/report.hpp" of the higher stage' <<<"$out" ||
  { echo "unexpected message: $out" >&2; status=1; }

make_tree
printf '#include "report/detail.hpp"\n' >> "$tmp/core/src/segments/segment.cpp"
out=$("$checker" "$tmp" 2>&1) && { echo "an include of a higher stage's private header passed" >&2; status=1; }

make_tree
mkdir -p "$tmp/core/src/aggregate" && printf '#pragma once\n' > "$tmp/core/src/aggregate/detail.hpp"
printf '#include "aggregate/detail.hpp"\n' >> "$tmp/core/src/segments/segment.cpp"
out=$("$checker" "$tmp" 2>&1) && { echo "a lower stage's private header passed" >&2; status=1; }
grep -q 'includes the private header "aggregate/detail.hpp"' <<<"$out" ||
  { echo "unexpected message: $out" >&2; status=1; }

make_tree
mkdir -p "$tmp/core/src/extras"
out=$("$checker" "$tmp" 2>&1) && { echo "a folder outside the stage order passed" >&2; status=1; }

exit $status
