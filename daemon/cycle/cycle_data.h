/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * What a release says about each source's data beyond the tidy CSV:
 * data/<source-id>.json, the normalized cube (JSON-stat 2.0, only present
 * cells), which the next cycle reads back as the source's last good data;
 * the cells revised since then, listed in the manifest ("revised") and
 * counted in the note of every chart drawn from the source.
 */
#include "cycle/cycle_validate.h"
#include "migstat/chart_spec.h"
#include "migstat/cube.h"
#include "publish/manifest.h"
#include "publish/publish.h"

/* data/<id>.json into rel and the manifest, and the source's revisions
 * into the manifest.  Logs and returns -errno on failure. */
int ms_cycle_add_normalized(const char *id, const ms_cube *cube, const ms_cycle_warnings *revised, ms_release *rel,
                            ms_manifest *m);
/* Append "Revidiert: ..."/"Revised: ..." (n cells) to the spec's notes. */
int ms_cycle_note_revisions(ms_chart_spec *spec, size_t n);
