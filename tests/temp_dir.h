/* SPDX-License-Identifier: MIT */
#pragma once
/*
 * Test helper: a scratch directory for a whole test program, made fresh
 * under /tmp before its tests and removed with all it holds after them, so
 * no test sees another run's files.  Pass temp_dir_setup and
 * temp_dir_teardown to cmocka_run_group_tests; the tests use temp_dir.
 */
#include <fcntl.h>
#include <stdlib.h>

#include "base/fileio.h"

static char temp_dir[] = "/tmp/migstat-test.XXXXXX";

static inline int temp_dir_setup(void **state) {
        (void) state;
        return mkdtemp(temp_dir) ? 0 : -1;
}

static inline int temp_dir_teardown(void **state) {
        (void) state;
        return ms_rm_rf_at(AT_FDCWD, temp_dir) < 0 ? -1 : 0;
}
