#!/usr/bin/env bash
# The tree is formatted as .clang-format writes it (issue 17): clang-format
# --dry-run over every C file git knows; prints the first offences and exits 1
# if any.  To format: clang-format -i $(git ls-files '*.c' '*.h')
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.c' '*.h')
if ! out=$(clang-format --dry-run --Werror "${files[@]}" 2>&1); then
  printf '%s\n' "$out" | head -40
  echo "check-format: $(printf '%s\n' "$out" | grep -c 'error:') lines differ from .clang-format's style" >&2
  exit 1
fi
echo "check-format: ${#files[@]} files formatted as .clang-format says" >&2
