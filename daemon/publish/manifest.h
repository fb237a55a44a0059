/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * index.json, the manifest of a release (schema "migstat-manifest/2",
 * documented field by field in docs/manifest.md):
 *
 *   { "schema": "migstat-manifest/2", "software": "migstat 0.1.0",
 *     "release": "20251125T060000Z-3f2a9c", "published": "2025-11-25T06:00:00Z",
 *     "sources": [ { "id", "url" (null for a local file), "file" (its name,
 *                    local files only), "bytes", "sha256", "updated", "etag",
 *                    "last_modified", "fetched_at", "state", "reason",
 *                    "unreachable_since", "files": [...] } ],
 *     "charts":  [ { "id", "lang", "title", "alt", "reference_period",
 *                    "width", "height", "problems", "source",
 *                    "narrow": { "width", "height", "problems" } or null,
 *                    "validation_warnings": [], "spec", "inputs", "updated",
 *                    "stale": { "source", "reason", "since" } or null,
 *                    "files": [ { "name", "bytes", "sha256" } ] } ],
 *     "edition": "2025-10",
 *     "changes": { "previous_release", "charts_changed": [ids], "cells_revised" } }
 *
 * Apart from "release" and "published" (the release's name and the time in
 * it) it holds no clock time, so the same data gives the same manifest; it
 * holds no path of the server either.
 */
#include <cjson/cJSON.h>
#include <stdbool.h>
#include <stddef.h>

#include "migstat/buf.h"
#include "publish/publish.h"

typedef struct ms_manifest ms_manifest;

typedef struct ms_manifest_chart {
        const char *id, *lang, *title, *alt, *reference_period, *problems;
        const char *note; /* the note under the chart ("Revidiert: ..." among it) */
        const char *source; /* id of the source it is drawn from */
        unsigned width, height;
        unsigned narrow_width, narrow_height; /* the phone variant; 0: none */
        const char *narrow_problems; /* its layout problems ("" none) */
        const ms_release_file *files; /* the chart's files */
        size_t n_files;
        const char *spec; /* the charts.d spec it comes from (for_each: the parent's id) */
        const char *inputs; /* SHA-256 of what it was drawn from (spec, labels, data), or NULL */
        const char *updated; /* when its source's publisher last updated the data, or NULL */
        /* Its files are carried over from an earlier release because a
         * source it reads failed: which, why and since when (NULL: fresh). */
        const char *stale_source, *stale_reason, *stale_since;
} ms_manifest_chart;

int ms_manifest_new(ms_manifest **ret);
ms_manifest *ms_manifest_free(ms_manifest *m);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_manifest *, ms_manifest_free);

/* The release it describes and its publication time (ISO 8601, UTC). */
int ms_manifest_set_release(ms_manifest *m, const char *name, const char *published);
int ms_manifest_add_source(ms_manifest *m, const char *id, const char *url, size_t bytes, const char *sha256,
                           const char *updated);
int ms_manifest_add_chart(ms_manifest *m, const ms_manifest_chart *c);
/* Append the validation gate's warnings about the data of the chart added
 * last to its validation_warnings. */
int ms_manifest_add_chart_warnings(ms_manifest *m, const char *const *v, size_t n);
/* A source's health: state "ok", "seed" (the bundled snapshot stands in
 * for a source never fetched) or "failed" (its charts are carried over),
 * with the reason and since when it has been failing (NULL when ok). */
int ms_manifest_set_source_state(ms_manifest *m, const char *id, const char *state, const char *reason,
                                 const char *since);
/* HTTP validators of a fetched source (NULL = unknown, as for file://). */
int ms_manifest_set_source_http(ms_manifest *m, const char *id, const char *etag, const char *last_modified,
                                const char *fetched_at);
/* A data/ file derived from source id (its normalized cube). */
int ms_manifest_add_source_file(ms_manifest *m, const char *id, const ms_release_file *f);
/* The release's edition: the latest reference period among its charts. */
int ms_manifest_set_edition(ms_manifest *m, const char *edition);
/* Count n cells of a source as revised since the previous release
 * (counted by the gate against the last good data); changes.cells_revised
 * stays null if never called. */
void ms_manifest_add_cells_revised(ms_manifest *m, long n);
/* Source id's cells revised since its last good data ("revised": [...]). */
int ms_manifest_set_source_revised(ms_manifest *m, const char *id, const char *const *v, size_t n);
/* "changes": which charts' files differ from the previous release's
 * manifest prev (NULL: no previous release, every chart changed).
 * Call after every chart was added. */
int ms_manifest_compare_previous(ms_manifest *m, const char *prev_name, const cJSON *prev);
/* Whether m says the same as the previous manifest prev about failing
 * sources (which charts are stale since when, each source's state): a
 * release whose files are all unchanged is still published when this
 * changed, so that its manifest tells. */
bool ms_manifest_same_health(const ms_manifest *m, const cJSON *prev);
/* That account as text (one line per stale chart and per source). */
int ms_manifest_health_text(const ms_manifest *m, ms_buf *out);
/* Pretty-printed JSON with a trailing newline. */
int ms_manifest_write(const ms_manifest *m, ms_buf *out);
