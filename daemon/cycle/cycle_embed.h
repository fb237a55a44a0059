/* SPDX-License-Identifier: MIT */
#pragma once

/* Snippets, manifest entries and the gallery of a cycle's charts.
 * Internal to daemon/cycle*.c. */
#include "config/config.h"
#include "cycle_render.h"
#include "publish/manifest.h"
#include "publish/publish.h"

/* Snippets, manifest entries and the gallery (into *gallery) of every
 * chart-language of the n charts, the edition snippets pinned to edition. */
int cycle_add_embeds(const ms_config *c, const cycle_chart *cc, size_t n, const char *edition, ms_release *rel,
                     ms_manifest *m, ms_buf *gallery);
