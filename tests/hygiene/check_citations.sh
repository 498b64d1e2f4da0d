#!/usr/bin/env bash
# The repository stands alone: no tracked file may point the reader at a document that is not
# in it. Fails on
#   - a path outside the repository: "../shared/...", "shared/notes/", "shared/spec/", and
#     absolute paths of a build machine (/work/..., /home/...);
#   - a Markdown document (NAME.md) that no tracked file is: e.g. SCORING.md, EMSCRIPTEN.md,
#     PERFORMANCE.md, REAL_EXPORTS.md, STYLE.md, which lived outside the repository (their facts
#     are now in docs/scoring.md, docs/wasm-build.md and docs/performance.md);
#   - other outside sources by name: the seed articles folder and the draft model file.
# Registered as a CTest; run by hand as  tests/hygiene/check_citations.sh [repo root]
set -u
root=${1:-$(cd "$(dirname "$0")/../.." && pwd)}
cd "$root" || exit 2

if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
  mapfile -t files < <(git ls-files)
else  # an unpacked source tree without git
  mapfile -t files < <(find . -type f -not -path './.git/*' -not -path './node_modules/*' \
                         -not -path './build/*' -not -path './dist/*' | sed 's#^\./##')
fi

declare -A present=() basenames=()
for f in "${files[@]}"; do present[$f]=1; basenames[${f##*/}]=1; done

failures=0
fail() { echo "$1: $2" >&2; failures=$((failures + 1)); }

checked=()
for f in "${files[@]}"; do
  case $f in tests/hygiene/*) continue ;; esac  # the checks name what they forbid
  [[ -f $f ]] && checked+=("$f")
done

# One grep over all files per rule (-I skips binary files).
while IFS=: read -r f line text; do
  fail "$f:$line" "cites a path outside the repository: $text"
done < <(printf '%s\0' "${checked[@]}" | xargs -0 grep -HnIoE \
  '(\.\./)+shared/[^ )`"]*|(^|[^A-Za-z0-9_.-])shared/(notes|spec|bench|seeds)/[^ )`"]*|/(work|home)/[A-Za-z0-9_.-]+[^ )`"]*|seeds/|model-draft\.json')

while IFS=: read -r f line doc; do
  [[ $doc == .md || $doc == *'*'* ]] && continue
  [[ $doc == node_modules/* ]] && continue  # a file of an installed package (a test reads it)
  if [[ $doc == */* ]]; then
    dir=$(dirname "$f")
    resolved=$(realpath -m --relative-to=. "$dir/$doc")
    [[ -n ${present[$doc]+x} || -n ${present[$resolved]+x} ]] && continue
  else
    [[ -n ${basenames[$doc]+x} ]] && continue
  fi
  fail "$f:$line" "cites $doc, which is not in the repository"
done < <(printf '%s\0' "${checked[@]}" | xargs -0 grep -HnIoE '[A-Za-z0-9_./-]*[A-Za-z0-9_-]\.md\b')

if (( failures )); then
  echo "$failures citation(s) of documents outside the repository" >&2
  exit 1
fi
echo "every cited document is in the repository (${#files[@]} files checked)"
