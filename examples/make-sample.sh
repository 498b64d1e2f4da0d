#!/bin/sh
# Regenerates the committed sample in examples/data/ exactly: the generator is deterministic,
# so running this twice (or on any machine) gives byte-identical files.
#
#   examples/make-sample.sh            build pqlscope-gen (in build/gen) if needed, write examples/data/
#   examples/make-sample.sh OUT_DIR    write into OUT_DIR instead (the test compares it with examples/data/)
#   PQLSCOPE_GEN=/path/to/pqlscope-gen examples/make-sample.sh    use an already built generator
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
out=${1:-"$here/data"}
gen=${PQLSCOPE_GEN:-}
if [ -z "$gen" ]; then
  cmake -S "$root" -B "$root/build/gen" -DCMAKE_BUILD_TYPE=Release >/dev/null
  cmake --build "$root/build/gen" -j2 --target pqlscope-gen >/dev/null
  gen="$root/build/gen/examples/generator/pqlscope-gen"
fi
# The sample's parameters: 300 accounts (60 trials planted into the personas), ~25k events
# over 180 days ending 2026-06-30, CSV only (about 1.5 MB in all).
exec "$gen" --seed 42 --accounts 300 --users-per-account 5 --events 25000 --days 180 \
  --end-date 2026-06-30 --format csv --out "$out" --quiet
