/* SPDX-License-Identifier: MIT */
#pragma once

/* A release's embeds: per chart and language the snippets (following
 * current/, pinned to the edition, light only, plain <img>), the chart's
 * own page (iframe, sharing), their manifest entries, and the gallery.
 * Internal to daemon/cycle/. */
#include "config/config.h"
#include "cycle_chart.h"
#include "publish/manifest.h"
#include "publish/publish.h"

int cycle_add_embeds(const ms_config *c, const cycle_chart *cc, size_t n, const char *edition,
                     ms_release *rel, ms_manifest *m, ms_buf *gallery);
