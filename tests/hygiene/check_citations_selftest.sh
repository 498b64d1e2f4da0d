#!/usr/bin/env bash
# Proves that check_citations.sh fails on a citation of a missing document and of a path outside
# the repository, and passes a tree whose citations all resolve. Registered as a CTest.
set -u
checker="$(cd "$(dirname "$0")" && pwd)/check_citations.sh"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/docs" "$tmp/src"
printf '# Guide\nSee [scoring](scoring.md) and docs/scoring.md.\n' > "$tmp/docs/guide.md"
printf '# Scoring\n' > "$tmp/docs/scoring.md"
printf '// definitions: docs/scoring.md\n' > "$tmp/src/a.cpp"

status=0
"$checker" "$tmp" >/dev/null 2>&1 || { echo "a clean tree was rejected" >&2; status=1; }

printf '// see SPEC.md for the rule\n' >> "$tmp/src/a.cpp"
out=$("$checker" "$tmp" 2>&1) && { echo "a missing document passed" >&2; status=1; }
grep -q 'src/a.cpp:2: cites SPEC.md, which is not in the repository' <<<"$out" ||
  { echo "unexpected message: $out" >&2; status=1; }

printf '// definitions: docs/scoring.md\n' > "$tmp/src/a.cpp"
printf 'Facts: ../shared/notes/x.txt\n' >> "$tmp/docs/guide.md"
out=$("$checker" "$tmp" 2>&1) && { echo "a path outside the repository passed" >&2; status=1; }
grep -q 'docs/guide.md:3: cites a path outside the repository' <<<"$out" ||
  { echo "unexpected message: $out" >&2; status=1; }

exit $status
