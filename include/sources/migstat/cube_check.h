/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The text of a cube (dimension ids and labels, category codes and labels,
 * the dataset's label) ends up in SVG, HTML, CSV and alt text that the
 * public reads.  Every parser's cube passes this check (ms_source_parse()),
 * so hostile text is refused with the place it was found, whatever the
 * format:
 *   - not UTF-8, or a control character (C0, DEL, C1): refused;
 *   - a bidirectional control (U+061C, U+200E/F, U+202A..E, U+2066..9),
 *     which can make a label read as something else: refused;
 *   - codes longer than MS_CUBE_MAX_CODE bytes, labels longer than
 *     MS_CUBE_MAX_LABEL bytes (a multi-megabyte label): refused;
 *   - the same code twice in one dimension: refused.
 * Markup and quotes are allowed: the writers escape them.
 * Values: NaN means missing; an infinite value (a number beyond the range
 * of a double, "1e999") or one beyond MS_CUBE_MAX_VALUE (a thousand times
 * any count or rate we chart; the number formats stop there) is refused.
 */
#include "migstat/cube.h"
#include "migstat/error.h"

#define MS_CUBE_MAX_CODE 256
#define MS_CUBE_MAX_LABEL 2048
#define MS_CUBE_MAX_VALUE 1e15

/* Why text is refused (too long, not UTF-8, a control or bidirectional
 * character), written into why; NULL when it is fine.  Also for the chart
 * specs' texts. */
const char *ms_text_problem(const char *text, size_t max, char *why, size_t n);

/* 0, or -EBADMSG with err saying which dimension, category and character. */
int ms_cube_check_text(const ms_cube *c, ms_error *err);
/* 0, or -ERANGE naming the first cell beyond MS_CUBE_MAX_VALUE or infinite. */
int ms_cube_check_values(const ms_cube *c, ms_error *err);
