/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * One entry for every source kind: bytes + kind name -> cube.  The daemon
 * (cycle) and `migstatctl inspect` call this, never a kind's parser
 * directly, so a new kind is added here once.  Pure: no I/O, no clock.
 */
#include <stdbool.h>
#include <stddef.h>

#include "migstat/cube.h"
#include "migstat/error.h"

typedef struct ms_source_options {
        const char *dataset; /* jsonstat: bundle/collection member, NULL = first */
        bool keep_text; /* keep each value's spelling where the kind can (inspect) */
        bool allow_negative; /* table: values may be negative */
        size_t max_cells; /* 0 = the kind's default limit */
        size_t max_dims; /* 0 = the kind's default limit */
} ms_source_options;

/*
 * The source kinds, one table row each (sources/source.c): its name in a
 * source file, whether its body is JSON (the fetcher checks the type), whether
 * it pages like UNHCR's API (page=N, daemon/fetch/source_pages.c), and its
 * parser.  Adding a kind is its parser file plus a row: config checking,
 * fetching, `migstatctl inspect` and the error messages follow.
 */
typedef struct ms_source_kind {
        const char *name;
        bool json;
        bool paged;
        int (*parse)(const char *buf, size_t len, const ms_source_options *opts, ms_cube **ret,
                     ms_error *err);
} ms_source_kind;

/* The kind named name, or NULL. */
const ms_source_kind *ms_source_kind_find(const char *name);
bool ms_source_kind_is_known(const char *kind);
/* The kinds as "jsonstat, eurostat, table, …" for messages (from the table). */
const char *ms_source_kinds_list(void);

/* Guess the kind from the content: a JSON page with "maxPages" or "items"
 * near its start -> "unhcr", another JSON object -> "jsonstat", a first line
 * with a tab and a backslash -> "eurostat-tsv", a CSV header with a "value"
 * column -> "table".  -EINVAL (with err) when neither. */
int ms_source_detect(const char *buf, size_t len, const char **ret_kind, ms_error *err);

/* Parse with the named kind (NULL = detect).  The time dimension of the
 * cube carries parsed periods (ms_dimension.periods) when its codes are
 * periods (always for `table`).  -EINVAL for an unknown kind,
 * else what the kind's parser returns. */
int ms_source_parse(const char *kind, const char *buf, size_t len, const ms_source_options *opts,
                    ms_cube **ret, ms_error *err);
