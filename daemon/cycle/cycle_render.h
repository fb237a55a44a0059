/* SPDX-License-Identifier: MIT */
#pragma once

/* Drawing a cycle's charts, in parallel: each chart is laid out and encoded
 * in every language and size into memory by one of a few threads; its files
 * go into the release in configuration order, so the release and its
 * manifest do not depend on which thread was faster.  Internal to
 * daemon/cycle/. */
#include <stddef.h>

#include "cycle/cycle_chart.h"
#include "publish/publish.h"
#include "migstat/render.h"

/* Draw the n charts on up to `threads` threads (0: one per CPU, at most
 * four), the calling one with rr, the others with siblings of it, and add
 * their files to rel in chart order.  Logs each failure with the chart's
 * name; < 0 when any chart failed. */
int cycle_render_all(cycle_chart *cc, size_t n, unsigned threads, ms_renderer *rr, ms_cube_lookup_fn lookup,
                     void *userdata, ms_release *rel);
