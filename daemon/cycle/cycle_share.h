/* SPDX-License-Identifier: MIT */
#pragma once

/* The files for sharing and print of a drawn chart (cycle_share.c). */
#include "cycle/cycle_chart.h"
#include "migstat/render.h"

/* <id>.<lang>.pdf (print) and <id>.<lang>.share.png (1200x630, for the share
 * page's og:image) of the chart drawn in lang (cycle_share.c). */
int cycle_render_print_share(ms_renderer *rr, cycle_chart *cc, ms_lang lang, ms_error *err);
