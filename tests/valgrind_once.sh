#!/usr/bin/env bash
# valgrind memcheck on a whole `migstatd --once` cycle over the default
# configuration and all bundled data: no memory error and no definite or
# indirect leak.  ("Possibly lost" blocks are Pango's interned language
# strings, kept by the library for the life of the process.)
source "$(dirname "$0")/lib.sh"
make_config
check "migstatd --once is clean under valgrind memcheck" \
  valgrind -q --leak-check=full --errors-for-leak-kinds=definite,indirect --error-exitcode=9 \
  "$BIN/migstatd" --once --config "$TMP/config" --publish-dir "$TMP/pub"
check "it published" test -L "$TMP/pub/current"
finish
