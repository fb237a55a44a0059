/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * What a release says about each source's data beyond the tidy CSV:
 * data/<source-id>.json, the normalized cube (JSON-stat 2.0, only present
 * cells), which the next cycle reads back as the source's last good data;
 * the tidy CSV of its present cells (data/<source-id>.csv);
 * the cells revised since then, listed in the manifest ("revised") and
 * counted in the note of every chart drawn from the source.
 */
#include "cycle/cycle_validate.h"
#include "migstat/chart_spec.h"
#include "migstat/cube.h"
#include "publish/manifest.h"
#include "publish/publish.h"

/* data/<id>.csv, the tidy CSV of the cube's present cells, streamed into
 * rel in pieces (a big source's CSV is several times its body: it is
 * never held in memory whole), and into the manifest.  Logs on failure. */
int ms_cycle_add_csv(const char *id, const ms_cube *cube, ms_release *rel, ms_manifest *m);
/* data/<id>.json into rel and the manifest, and the source's revisions
 * into the manifest (listed, and counted in its changes when there was
 * last good data to compare with).  Logs and returns -errno on failure. */
int ms_cycle_add_normalized(const char *id, const ms_cube *cube, const ms_cycle_warnings *revised,
                            ms_release *rel, ms_manifest *m);
/* Append "Revidiert: ..."/"Revised: ..." (n cells) to the spec's notes. */
int ms_cycle_note_revisions(ms_chart_spec *spec, size_t n);
