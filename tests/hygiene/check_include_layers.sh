#!/usr/bin/env bash
# The core's stages form a ladder: a file may include its own stage and the stages below it,
# never one above (that would be a cycle), and never another stage's private header
# (core/src/<stage>/*.hpp). Registered as a CTest; run by hand as
#   tests/hygiene/check_include_layers.sh [repo root]
# The order (docs/architecture.md explains it):
#   common < io < model < aggregate < warehouse < ingest < metrics < segments < report < session
set -u
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root/core" || exit 2

stages=(common io model aggregate warehouse ingest metrics segments report session)
declare -A rank
for i in "${!stages[@]}"; do rank[${stages[$i]}]=$i; done

failures=0
fail() { echo "$1: $2" >&2; failures=$((failures + 1)); }

# Every folder of the core must be a known stage, so that a new one gets a place in the order.
for dir in include/pqlscope/*/ src/*/; do
  stage=$(basename "$dir")
  [[ -n ${rank[$stage]+x} ]] || fail "core/$dir" "folder '$stage' is not in the stage order of $0"
done

while IFS= read -r file; do
  case $file in
    include/pqlscope/*) stage=${file#include/pqlscope/} ;;
    src/*) stage=${file#src/} ;;
  esac
  stage=${stage%%/*}
  [[ -n ${rank[$stage]+x} ]] || continue
  line_no=0
  while IFS= read -r line; do
    line_no=$((line_no + 1))
    [[ $line =~ ^[[:space:]]*#[[:space:]]*include[[:space:]]*\"([^\"]+)\" ]] || continue
    target=${BASH_REMATCH[1]}
    case $target in
      pqlscope/*/*) to=${target#pqlscope/}; to=${to%%/*}; private=0 ;;
      */*) to=${target%%/*}; private=1 ;;
      *) continue ;;  # a header next to the file: same stage
    esac
    where="core/$file:$line_no"
    if [[ -z ${rank[$to]+x} ]]; then
      fail "$where" "includes \"$target\" from unknown stage '$to'"
    elif (( rank[$to] > rank[$stage] )); then
      fail "$where" "stage '$stage' includes \"$target\" of the higher stage '$to' (order: ${stages[*]})"
    elif (( private )) && [[ $to != "$stage" ]]; then
      fail "$where" "stage '$stage' includes the private header \"$target\" of stage '$to'"
    fi
  done < "$file"
done < <(find include src -type f \( -name '*.hpp' -o -name '*.cpp' -o -name '*.h' \) | sort)

if (( failures )); then
  echo "$failures include(s) break the stage order" >&2
  exit 1
fi
echo "core/ includes follow the stage order: ${stages[*]}"
