/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * The configuration: DIR/migstat.conf (INI), DIR/sources.d/ (*.json) and
 * DIR/charts.d/ (*.json).  Relative paths in migstat.conf are relative to DIR.
 *
 * ms_config_load() takes "DIR[:DIR...]", layers from lowest to highest, as
 * the installed daemon's default "/usr/share/migstat/config:/etc/migstat":
 * a file in a higher layer replaces the one of the same name below it
 * (migstat.conf, migstat.conf.d/NAME.conf, sources.d/NAME.json,
 * charts.d/NAME.json), an empty file or a symlink to /dev/null masks it, and
 * drop-ins and JSON files of all layers are read in lexical order of their
 * names.  A relative path resolves against the layer directory of the file
 * that names it; defaults (FontConfig=fonts.conf) against the first layer.
 * The first directory must exist, later ones may be missing.
 * In source URLs, "{datadir}" expands to the absolute DataDirectory, so the
 * bundled data can be read through file:// from wherever it is installed.
 *
 * Every error names the file, line:column where known, and what was
 * expected (in err; err->file points into the returned config or a static
 * buffer owned by the loader until the next call).
 */
#include <stdbool.h>
#include <stddef.h>

#include "migstat/chart_spec.h"
#include "migstat/error.h"
#include "migstat/source.h"
#include "config/source_rules.h"

typedef struct ms_source_config {
        char *id;
        char *kind; /* "jsonstat" */
        char *url; /* {datadir} expanded */
        bool url_built; /* from a "eurostat" object (its filters), not written as "url" */
        char *dataset; /* bundle/collection member, or NULL */
        char *file; /* the sources.d file it came from */
        size_t max_bytes;
        size_t max_cells; /* declared cells of its cube (default 5,000,000) */
        unsigned timeout_sec;
        unsigned poll_interval_sec; /* "poll_interval", seconds between polls */
        /* "release_window": {"first_day", "last_day", "poll_interval"}: poll
         * every release_poll_interval_sec on those days of the month (UTC);
         * release_poll_interval_sec 0: no window. */
        unsigned release_first_day, release_last_day, release_poll_interval_sec;
        ms_source_rules rules; /* "validate": the publish gate's rules */
        /* "seed": the bundled snapshot (a file under DataDirectory, in the
         * source's own format) that stands in while the source has never
         * been fetched; absolute path, or NULL. */
        char *seed;
} ms_source_config;

/* The publishers' APIs whose base URL a configuration can point elsewhere. */
typedef enum ms_api {
        MS_API_EUROSTAT, /* https://ec.europa.eu/eurostat/api/dissemination/ */
        MS_API_UNHCR, /* https://api.unhcr.org/population/v1/ */
        MS_API_WORLDBANK, /* https://api.worldbank.org/v2/ */
        _MS_API_COUNT,
} ms_api;

const char *ms_api_official_base(ms_api a);

typedef struct ms_config {
        char *dir; /* absolute configuration directory */
        char *publish_dir;
        char *state_dir;
        char *data_dir;
        char *fonts_file;
        /* Where DataDirectory= and FontConfig= were set (file, line), for the
         * error when the path does not exist; file NULL: the default. */
        struct ms_config_origin {
                char *file;
                unsigned line;
        } data_dir_origin, fonts_file_origin;
        bool allow_file_urls;
        char *base_url; /* [Publish] BaseURL: prefix of snippet URLs; NULL = "" (root-relative) */
        unsigned keep_releases; /* [Publish] KeepReleases (default 10); editions' releases are kept too */
        unsigned
                render_threads; /* [Publish] RenderThreads: charts drawn at once; 0 (default) one per CPU, at most 4 */
        char *post_publish_hook; /* [Publish] PostPublishHook: "/path/prog [args]", release path appended */
        unsigned hook_timeout_sec; /* [Publish] PostPublishHookTimeoutSec (default 60) */
        /* [Fetch] (issue 5): TLS, retries, stuck servers, parallelism. */
        char *fetch_ca_file; /* CAFile= */
        unsigned fetch_max_retries; /* MaxRetries= */
        unsigned fetch_retry_base_msec; /* RetryBaseDelayMSec= */
        unsigned fetch_max_retry_after_sec; /* MaxRetryAfterSec= */
        unsigned fetch_low_speed_sec; /* LowSpeedTimeSec= */
        unsigned fetch_max_host_connections; /* MaxConnectionsPerHost= */
        /* EurostatAPI=, UNHCRAPI=, WorldBankAPI=: another base for every
         * source URL under that API's official base (ms_api_official_base()),
         * e.g. a mirror, or the recorded API the tests serve; NULL: none. */
        char *api_base[_MS_API_COUNT];
        /* Offline=yes: every source that has a seed reads it (file://)
         * instead of its URL: the demo's and the tests' offline layer. */
        bool offline;

        ms_source_config *sources;
        size_t n_sources, sources_cap;

        ms_chart_spec **charts;
        char **chart_files;
        size_t n_charts;

        /* labels/<name>.json: label tables named by chart specs' "labels". */
        struct ms_labels **labels;
        char **label_names;
        size_t n_labels, labels_cap, label_names_cap;

        /* SHA-256 over the chart specs, label tables, the font configuration
         * file's text and the software version: with a source's bytes, what
         * a chart's files are made from (not the font files themselves). */
        char render_sha256[65];

        char *control_socket; /* [Control] Socket=, bound when not socket-activated */
        char *control_group; /* [Control] Group=, may use the socket besides root */
} ms_config;

int ms_config_load(const char *dir, ms_config **ret, ms_error *err);
ms_config *ms_config_free(ms_config *c);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_config *, ms_config_free);

/* Apply the INI text of one migstat.conf (named `name` in errors) to c, as
 * the loader does for each file (for the fuzzer and tests; c may be a
 * zeroed ms_config from calloc, freed with ms_config_free()). */
int ms_config_parse_ini_text(ms_config *c, const char *name, const char *text, ms_error *err);

/* Add the source that the JSON text of one sources.d file (named `name` in
 * errors) describes to c, as the loader does (for the fuzzer and tests;
 * c->data_dir must be set: "{datadir}" in a URL expands to it). */
int ms_config_parse_source_text(ms_config *c, const char *name, const char *text, size_t len, ms_error *err);

const ms_source_config *ms_config_find_source(const ms_config *c, const char *id);
/* How source s is parsed, by a run and by the configuration check alike. */
static inline ms_source_options ms_source_config_parse_options(const ms_source_config *s) {
        return (ms_source_options){.dataset = s->dataset, .max_cells = s->max_cells};
}
/* The index of the chart spec that makes chart `id`: its own, or a
 * for_each spec's ("country-profile-syr" is "country-profile"'s, since its
 * categories depend on the next run's data); -ENOENT. */
int ms_config_find_chart(const ms_config *c, const char *id);
/* Syntax inih lets pass: a section header without ']' (file:line:col in err). */
int ms_config_ini_scan(const char *text, ms_error *err);
