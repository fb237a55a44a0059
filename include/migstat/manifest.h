/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * index.json, the manifest of a release (schema "migstat-manifest/1"):
 *
 *   { "schema": "migstat-manifest/1", "software": "migstat 0.1.0",
 *     "sources": [ { "id", "url", "bytes", "sha256", "updated" } ],
 *     "charts":  [ { "id", "lang", "title", "alt", "reference_period",
 *                    "width", "height", "problems",
 *                    "files": [ { "name", "bytes", "sha256" } ] } ] }
 *
 * It holds no clock time, so the same data gives the same manifest; the
 * release's directory name carries the publication time.
 */
#include <cjson/cJSON.h>
#include <stddef.h>

#include "migstat/buf.h"
#include "migstat/publish.h"

typedef struct ms_manifest ms_manifest;

typedef struct ms_manifest_chart {
        const char *id, *lang, *title, *alt, *reference_period, *problems;
        unsigned width, height;
        const ms_release_file *files; /* the chart's files */
        size_t n_files;
} ms_manifest_chart;

int ms_manifest_new(ms_manifest **ret);
ms_manifest *ms_manifest_free(ms_manifest *m);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_manifest *, ms_manifest_free);

int ms_manifest_add_source(ms_manifest *m, const char *id, const char *url, size_t bytes,
                           const char *sha256, const char *updated);
int ms_manifest_add_chart(ms_manifest *m, const ms_manifest_chart *c);
/* Pretty-printed JSON with a trailing newline. */
int ms_manifest_write(const ms_manifest *m, ms_buf *out);
