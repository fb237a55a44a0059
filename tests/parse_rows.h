/* SPDX-License-Identifier: MIT */
#pragma once
/*
 * Test helper: one row of a source kind's table of inputs (test_table,
 * test_eurostat_tsv, test_unhcr, test_worldbank) and the check of what its
 * parser gave, so each kind's test keeps only its rows and its parser's call.
 * Include after <cmocka.h>.
 */
#include <stdio.h>
#include <string.h>

#include "migstat/cube.h"
#include "migstat/error.h"

/* An input and what parsing it must give: the return code and, on failure,
 * the place (line and col, 0 when not checked; where, compared whole: a JSON
 * path, a CSV column or "", NULL when not checked) and a part of the message. */
typedef struct parse_row {
        const char *name, *input;
        int r;
        unsigned line, col;
        const char *where, *msg;
} parse_row;

/* Check one row against what its parser returned (r, the cube c, err); frees
 * a cube that came back.  Prints each row's outcome for the test log. */
static inline void parse_row_check(const parse_row *row, int r, ms_cube *c, const ms_error *err) {
        char buf[800];
        print_message("%s: %d %s\n", row->name, r, r < 0 ? ms_error_format(err, buf, sizeof(buf)) : "");
        assert_int_equal(r, row->r);
        if (r >= 0) {
                assert_non_null(c);
                ms_cube_free(c);
                return;
        }
        assert_null(c);
        assert_true(row->where || row->line); /* a failing row names its place */
        if (row->where)
                assert_string_equal(err->where, row->where);
        if (row->line)
                assert_int_equal(err->line, row->line);
        if (row->col)
                assert_int_equal(err->col, row->col);
        assert_non_null(strstr(err->msg, row->msg));
}
