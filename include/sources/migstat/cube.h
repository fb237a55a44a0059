/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The cube: migstat's normalized form of every source, the JSON-stat data
 * model.  Dimensions are ordered; values are stored in row-major order (the
 * last dimension varies fastest), NaN where a cell has no number.  Each cell
 * may carry a status flag (Eurostat's "p", "e", ":", "|C" ...), kept as an
 * opaque string from a small per-cube table.
 *
 * A cube can also keep each value's text exactly as the source spelled it
 * ("4.0", "451.0", a string value such as "A1B1C1"): `migstatctl inspect`
 * prints that, so an editor sees the source, not our reformatting of it.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "migstat/macro.h"

typedef enum ms_role {
        MS_ROLE_NONE = 0,
        MS_ROLE_TIME,
        MS_ROLE_GEO,
        MS_ROLE_METRIC,
} ms_role;

typedef struct ms_category {
        char *code; /* category id, always a string ("2012", "DE") */
        char *label; /* label as the source gives it; equals code when none */
} ms_category;

typedef struct ms_dimension {
        char *id;
        char *label;
        ms_role role;
        size_t n_categories;
        ms_category *categories;
        /* For the time dimension: each category's parsed period (see
         * ms_cube_parse_periods()); NULL when not parsed or not periods. */
        struct ms_period *periods;
} ms_dimension;

/* Cell text kinds, for cubes that keep the source's spelling. */
enum {
        MS_CELL_TEXT_NONE = 0, /* null or absent */
        MS_CELL_TEXT_NUMBER = 1, /* a JSON number, text as written */
        MS_CELL_TEXT_STRING = 2, /* a JSON string value, text unquoted */
};

/* The most dimensions a cube may have.  Every reader refuses more (a source
 * could declare thousands), so code that keeps a position per dimension on
 * the stack (size_t pos[MS_CUBE_MAX_DIMS]) can rely on it. */
#define MS_CUBE_MAX_DIMS 64

/* A reader's dimension limit: its option (0 = none given) clamped to
 * MS_CUBE_MAX_DIMS, so a cube over it is refused as one of too many
 * dimensions, where it is read, not later as one of too many cells. */
static inline size_t ms_cube_dims_limit(size_t option) {
        return option && option < MS_CUBE_MAX_DIMS ? option : MS_CUBE_MAX_DIMS;
}

typedef struct ms_cube {
        char *label; /* dataset label, may be NULL */
        char *source; /* "ESTAT", ... may be NULL */
        char *updated; /* ISO 8601 as the source wrote it, may be NULL */
        char *dataset_id; /* the dataset the answer is of (Eurostat's extension.id), may be NULL */

        size_t n_dims;
        ms_dimension *dims;

        size_t n_cells; /* product of the dimension sizes; 0 for an empty cube */
        double *values; /* n_cells values, NaN = missing */

        /* Status per cell: index into status_codes, 0 = no status.
         * NULL when no cell has a status.  status_codes[0] is unused. */
        uint16_t *status;
        char **status_codes;
        size_t n_status_codes;

        /* Optional exact text per cell (see above); NULL when not kept. */
        uint8_t *text_kind; /* MS_CELL_TEXT_* per cell */
        uint32_t *text_off; /* offset into text for cells with text */
        char *text; /* NUL-separated strings */
        size_t text_len, text_cap;
} ms_cube;

/* A cube with the given dimensions (taken over: dims is freed by the cube)
 * and all values NaN, no status; -E2BIG past MS_CUBE_MAX_DIMS dimensions. */
int ms_cube_new(ms_dimension *dims, size_t n_dims, ms_cube **ret);
ms_cube *ms_cube_free(ms_cube *c);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_cube *, ms_cube_free);

void ms_dimension_done(ms_dimension *d);
/* Cleanup for an array of dimensions being built (calloc'ed with one spare
 * zeroed entry): frees each entry up to the first without an id, then the
 * array, so a half-built array is freed too. */
void ms_dimensions_freep(ms_dimension **p);

/* Index of the dimension with this id, or -ENOENT. */
int ms_cube_dim_index(const ms_cube *c, const char *id);
/* Position of the category with this code in d, or -ENOENT. */
int ms_dimension_find(const ms_dimension *d, const char *code);
/* First dimension with this role, or -ENOENT. */
int ms_cube_dim_by_role(const ms_cube *c, ms_role role);

/* Row-major offset of the cell at positions pos[0..n_dims-1]. */
size_t ms_cube_offset(const ms_cube *c, const size_t *pos);
/* Inverse of ms_cube_offset(). */
void ms_cube_positions(const ms_cube *c, size_t off, size_t *ret_pos);
/* The value at pos but with position k along dimension d: a cell's neighbour
 * in one dimension (its total, its previous period).  pos is left as given. */
double ms_cube_value_along(const ms_cube *c, size_t *pos, size_t d, size_t k);

/* Set the status of a cell to code (interned).  -E2BIG past 65535 codes. */
int ms_cube_set_status(ms_cube *c, size_t off, const char *code);
/* Status code of a cell or NULL. */
const char *ms_cube_status(const ms_cube *c, size_t off);

/* Keep the source's text for a cell (allocates the text arrays on first use). */
int ms_cube_set_text(ms_cube *c, size_t off, int kind, const char *text, size_t len);
/* Text kind of a cell and its text (NULL unless kind != NONE). */
int ms_cube_text(const ms_cube *c, size_t off, const char **ret_text);

/* Parse the codes of the time dimension into dims[t].periods.  0 when done
 * or when the cube has no time dimension; -EINVAL (ret_bad = the first code
 * that is no period) leaves periods NULL; -ENOMEM. */
int ms_cube_parse_periods(ms_cube *c, const char **ret_bad);
/* Replace the time dimension's codes by their normalized form ("2016M02" ->
 * "2016-02"); parses the periods first when needed. */
int ms_cube_normalize_periods(ms_cube *c);

/* The time dimension made one axis: every code a period of one frequency
 * (a quarter among months is an error), no two codes of one period
 * ("2019-03" and "2019M03": an error naming both), categories ordered by
 * period whatever the source's order (the cells move with them), codes
 * normalized.  -EBADMSG with err; -ENOMEM. */
struct ms_error;
int ms_cube_normalize_time(ms_cube *c, struct ms_error *err);

/* Number of cells that hold a value (a number or, with text, a string). */
size_t ms_cube_count_nonnull(const ms_cube *c);
