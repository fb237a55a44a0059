/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * Charts that are not drawn anew but carried over from the release
 * `current` points at, by hard link, with the manifest entries that release
 * lists for them:
 *
 *   - a chart one of whose sources failed (fetch, parse or the publish
 *     gate) keeps its last good files, marked stale in the manifest;
 *   - a chart whose inputs (cycle_chart_inputs()) equal those its current
 *     files were drawn from is carried as it is: a cycle in which one
 *     source changed draws only the charts that read it.
 *
 * A file is carried only if it is in the current release with the bytes
 * and SHA-256 its manifest lists (checked before anything is linked), so a
 * chart is carried whole or not at all.  Internal to daemon/cycle/.
 */
#include <cjson/cJSON.h>
#include <stdbool.h>

#include "cycle_chart.h"
#include "publish/manifest.h"
#include "publish/publish.h"

/* The current release's manifest, parsed (NULL when there is none). */
typedef struct cycle_previous {
        cJSON *manifest;
} cycle_previous;

void cycle_previous_load(const char *publish_dir, cycle_previous *ret);
void cycle_previous_done(cycle_previous *p);

/* The i-th source a spec reads (its source, population source, the sources
 * of its series, its for_each source), NULL past the last. */
const char *cycle_spec_source(const ms_chart_spec *s, size_t i);

/* The specs of the current release that for_each made from s, as copies of
 * s with their ids: a for_each whose source failed carries the charts it
 * made last.  *ret_n may be 0. */
int cycle_previous_instances(const cycle_previous *p, const ms_chart_spec *s, ms_chart_spec ***ret,
                             size_t *ret_n);

/* SHA-256 of what cc is drawn from: the configuration's render inputs,
 * its id and the SHA-256 of each source it reads (sha_of(id) returns NULL
 * for a source without data: then "" and false). */
typedef const char *(*cycle_source_sha_fn)(const char *id, void *userdata);
bool cycle_chart_inputs(const ms_config *c, cycle_chart *cc, cycle_source_sha_fn sha_of, void *userdata);

/* Whether cc can be carried over: every language's entry is in the current
 * manifest and every file of it in the current release as listed.  On
 * true, cc->prev is filled and cc->carried set. */
bool cycle_carry_prepare(const cycle_previous *p, const ms_release *rel, cycle_chart *cc,
                         bool need_same_inputs);
/* Link a carried chart's files into rel; the snippets and page of one whose
 * inputs did not change are written anew from its new layout instead (a
 * stale chart has none: it keeps them too). */
int cycle_carry_commit(cycle_chart *cc, ms_release *rel);
/* The carried <id>.<lang><suffix> (a stale chart's snippet) from the
 * release `current` pointed at, for the gallery. */
int cycle_carry_read_html(const cycle_chart *cc, ms_lang l, const char *suffix, const ms_release *rel,
                          ms_buf *ret);
/* The data files (data/<id>.csv, data/<id>.json) of a failed source,
 * carried over and listed in m as far as the current release has them
 * unaltered (0), else -ENOENT. */
int cycle_carry_source_data(const cycle_previous *p, const char *id, ms_release *rel, ms_manifest *m);

/* A chart-language's texts and sizes: from its layout, or for a stale
 * chart (no layout) from its entry in the current manifest. */
const char *cycle_chart_title(const cycle_chart *cc, ms_lang l);
const char *cycle_chart_alt(const cycle_chart *cc, ms_lang l);
const char *cycle_chart_reference_period(const cycle_chart *cc, ms_lang l);
const char *cycle_chart_problems(const cycle_chart *cc, ms_lang l);
const char *cycle_chart_note(const cycle_chart *cc, ms_lang l);
const char *cycle_chart_narrow_problems(const cycle_chart *cc, ms_lang l);
void cycle_chart_size(const cycle_chart *cc, ms_lang l, unsigned *w, unsigned *h);
/* When its source's publisher last updated the data (carried: as listed). */
const char *cycle_chart_updated(const cycle_chart *cc);
