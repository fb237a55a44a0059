/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <ini.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config/config.h"
#include "config_internal.h"
#include "config/eurostat_source.h"
#include "config/config_layers.h"
#include "base/fileio.h"
#include "base/sha256.h"
#include "migstat/json_util.h"
#include "migstat/source.h"

#define CONFIG_MAX_FILE_BYTES (4u * 1024 * 1024)

/* ---- migstat.conf ------------------------------------------------------ */

typedef int (*ini_value_parser)(const char *value, void *field);

/* One row per Section.Key, as timesyncd's gperf table. */
static const struct ini_key {
        const char *section, *key;
        ini_value_parser parse;
        size_t offset;
        const char *expected;
} ini_keys[] = {
        {"Paths", "PublishDirectory", config_parse_path, offsetof(ms_config, publish_dir), "a path"},
        {"Paths", "StateDirectory", config_parse_path, offsetof(ms_config, state_dir), "a path"},
        {"Paths", "DataDirectory", config_parse_path, offsetof(ms_config, data_dir),
         "the path of an existing directory"},
        {"Paths", "FontConfig", config_parse_path, offsetof(ms_config, fonts_file), "a path"},
        {"Fetch", "AllowFileURLs", config_parse_bool, offsetof(ms_config, allow_file_urls), "yes or no"},
        {"Publish", "BaseURL", config_parse_base_url, offsetof(ms_config, base_url),
         "a URL with its scheme, such as https://charts.example.org, or nothing"},
        {"Publish", "KeepReleases", config_parse_unsigned, offsetof(ms_config, keep_releases),
         "a number of releases from 1 to 1000000"},
        {"Publish", "RenderThreads", config_parse_threads, offsetof(ms_config, render_threads),
         "a count from 0 (one per CPU, at most 4) to 16"},
        {"Publish", "PostPublishHook", config_parse_hook, offsetof(ms_config, post_publish_hook),
         "the absolute path of an executable program, optionally followed by arguments"},
        {"Publish", "PostPublishHookTimeoutSec", config_parse_unsigned, offsetof(ms_config, hook_timeout_sec),
         "seconds from 1 to 1000000"},
        {"Control", "Socket", config_parse_path, offsetof(ms_config, control_socket), "a path"},
        {"Control", "Group", config_parse_string, offsetof(ms_config, control_group), "a group name"},
        {"Fetch", "CAFile", config_parse_path, offsetof(ms_config, fetch_ca_file), "a path"},
        {"Fetch", "MaxRetries", config_parse_retries, offsetof(ms_config, fetch_max_retries),
         "a count 0..20"},
        {"Fetch", "RetryBaseDelayMSec", config_parse_msec, offsetof(ms_config, fetch_retry_base_msec),
         "milliseconds 1..3600000"},
        {"Fetch", "MaxRetryAfterSec", config_parse_sec, offsetof(ms_config, fetch_max_retry_after_sec),
         "seconds 1..86400"},
        {"Fetch", "LowSpeedTimeSec", config_parse_sec, offsetof(ms_config, fetch_low_speed_sec),
         "seconds 1..86400"},
        {"Fetch", "MaxConnectionsPerHost", config_parse_connections,
         offsetof(ms_config, fetch_max_host_connections), "a count 1..64"},
        {"Fetch", "Offline", config_parse_bool, offsetof(ms_config, offline), "yes or no"},
        {"Fetch", "EurostatAPI", config_parse_api_base, offsetof(ms_config, api_base[MS_API_EUROSTAT]),
         "an http(s) URL"},
        {"Fetch", "UNHCRAPI", config_parse_api_base, offsetof(ms_config, api_base[MS_API_UNHCR]),
         "an http(s) URL"},
        {"Fetch", "WorldBankAPI", config_parse_api_base, offsetof(ms_config, api_base[MS_API_WORLDBANK]),
         "an http(s) URL"},
};

typedef struct ini_state {
        ms_config *config;
        ms_error *err;
        const char *base; /* the layer directory: relative paths resolve here */
        int error;
        const char *path, *text; /* the file being read */
        bool seen[64]; /* keys (ini_keys[] rows) this file set: twice is a mistake */
} ini_state;

static int config_absolutize(char **p, const char *dir);

static int config_ini_handler(void *user, const char *section, const char *name, const char *value) {
        ini_state *st = user;
        for (size_t i = 0; i < ELEMENTSOF(ini_keys); i++) {
                const struct ini_key *k = &ini_keys[i];
                if (strcmp(k->section, section) != 0 || strcmp(k->key, name) != 0)
                        continue;
                if (st->seen[i]) {
                        st->error = ms_error_set(st->err, -EINVAL, "",
                                                 "duplicate key %s.%s: it is set above in this file", section,
                                                 name);
                        return 0;
                }
                st->seen[i] = true;
                void *field = (char *) st->config + k->offset;
                int r = k->parse(value, field);
                /* Resolve now, against the layer this file belongs to: a path in
                 * /usr/share/migstat/config means something else than in /etc/migstat. */
                if (r >= 0 && k->parse == config_parse_path)
                        r = config_absolutize(field, st->base);
                if (r >= 0 && (k->offset == offsetof(ms_config, data_dir) ||
                               k->offset == offsetof(ms_config, fonts_file)))
                        r = config_set_origin(k->offset == offsetof(ms_config, data_dir)
                                                      ? &st->config->data_dir_origin
                                                      : &st->config->fonts_file_origin,
                                              st->path, st->text, name);
                if (r == -ENOMEM) {
                        st->error = ms_error_set(st->err, r, "", "out of memory");
                        return 0;
                }
                if (r < 0) {
                        st->error = ms_error_set(st->err, r, "", "%s.%s: expected %s, got \"%s\"", section,
                                                 name, k->expected, value);
                        return 0;
                }
                return 1;
        }
        st->error = ms_error_set(st->err, -EINVAL, "", "unknown key %s.%s", section, name);
        return 0;
}

/* Column of the first non-blank character on line `line` of text. */
static unsigned ini_text_column(const char *text, unsigned line) {
        for (unsigned i = 1; i < line && text; i++) {
                text = strchr(text, '\n');
                text = text ? text + 1 : NULL;
        }
        return text ? (unsigned) strspn(text, " \t") + 1 : 1;
}

/* inih's result: 0, -1 (cannot open), -2 (out of memory) or the first bad line. */
static int ini_result(int line, const ini_state *st, const char *text, ms_error *err) {
        if (line == -1)
                return ms_error_set(err, -errno ? -errno : -ENOENT, "", "cannot open: %m");
        if (line == -2)
                return ms_error_set(err, -ENOMEM, "", "out of memory");
        if (line > 0) {
                if (err) {
                        err->line = (unsigned) line;
                        err->col = ini_text_column(text, (unsigned) line);
                }
                if (st->error == 0)
                        return ms_error_set(err, -EINVAL, "",
                                            "expected a [Section] header or Key=Value line");
                return st->error;
        }
        return 0;
}

static int config_load_ini(ms_config *c, const char *path, const char *base, ms_error *err) {
        ini_state st = {.config = c, .err = err, .base = base, .path = path};
        ms_buf text = {0};
        ms_error_set_file(err, path);
        int r = ms_read_file(path, CONFIG_MAX_FILE_BYTES, &text, err);
        st.text = text.data ? text.data : "";
        if (r >= 0)
                r = ms_config_ini_scan(text.data ? text.data : "", err);
        if (r >= 0)
                r = ini_result(ini_parse_string(text.data ? text.data : "", config_ini_handler, &st), &st,
                               text.data ? text.data : "", err);
        ms_buf_done(&text);
        return r;
}

/* For the fuzzer: relative paths resolve against "." (no layer). */
int ms_config_parse_ini_text(ms_config *c, const char *name, const char *text, ms_error *err) {
        ini_state st = {.config = c, .err = err, .base = ".", .path = name, .text = text};
        ms_error_set_file(err, name);
        int r = ms_config_ini_scan(text, err);
        return r < 0 ? r : ini_result(ini_parse_string(text, config_ini_handler, &st), &st, text, err);
}

static int config_load_dropin(const char *path, const char *layer, void *userdata, ms_error *err) {
        return config_load_ini(userdata, path, layer, err);
}

/* migstat.conf of the highest layer that has one, then the drop-ins in
 * migstat.conf.d/ (*.conf) of all layers in lexical order of their names. */
static int config_load_main(ms_config *c, const ms_config_layers *l, ms_error *err) {
        char path[PATH_MAX];
        size_t i = l->n;
        while (i > 1) {
                snprintf(path, sizeof(path), "%s/migstat.conf", l->dir[i - 1]);
                if (access(path, F_OK) == 0)
                        break;
                i--;
        }
        snprintf(path, sizeof(path), "%s/migstat.conf", l->dir[i - 1]);
        int r = ms_config_file_is_mask(path) ? 0 : config_load_ini(c, path, l->dir[i - 1], err);
        if (r < 0)
                return r;
        return ms_config_layers_for_each(l, "migstat.conf.d", ".conf", config_load_dropin, c, err);
}

/* Make p absolute against dir (in place). */
static int config_absolutize(char **p, const char *dir) {
        if (!*p || (*p)[0] == '/')
                return 0;
        char *abs = NULL;
        if (asprintf(&abs, "%s/%s", dir, *p) < 0)
                return -ENOMEM;
        free(*p);
        *p = abs;
        return 0;
}

/* ---- sources.d/ and charts.d/ (JSON files) --------------------------------- */

typedef int (*json_file_loader)(ms_config *c, const char *path, const ms_buf *text, ms_error *err);

static int load_chart_file(ms_config *c, const char *path, const ms_buf *text, ms_error *err) {
        _cleanup_(ms_chart_spec_freep) ms_chart_spec *spec = NULL;
        int r = ms_chart_spec_parse(text->data, text->len, &spec, err);
        if (r < 0)
                return r;
        for (size_t i = 0; i < c->n_charts; i++)
                if (strcmp(c->charts[i]->id, spec->id) == 0)
                        return config_field_error(err, text, "id",
                                                  "expected a unique chart id, \"%s\" is used twice",
                                                  spec->id);
        ms_chart_spec **n = reallocarray(c->charts, c->n_charts + 1, sizeof(*n));
        if (!n)
                return -ENOMEM;
        c->charts = n;
        char **f = reallocarray(c->chart_files, c->n_charts + 1, sizeof(*f));
        if (!f)
                return -ENOMEM;
        c->chart_files = f;
        if (!(c->chart_files[c->n_charts] = strdup(path)))
                return -ENOMEM;
        c->charts[c->n_charts++] = TAKE_PTR(spec);
        return 0;
}

typedef struct json_dir_ctx {
        ms_config *config;
        json_file_loader loader;
        ms_buf *digest; /* "sha256 path" of every file read, or NULL */
} json_dir_ctx;

static int config_load_json_file(const char *path, const char *layer, void *userdata, ms_error *err) {
        (void) layer;
        ms_config *c = ((json_dir_ctx *) userdata)->config;
        json_file_loader loader = ((json_dir_ctx *) userdata)->loader;
        ms_buf text = {0};
        ms_error_set_file(err, path);
        int r = ms_read_file(path, CONFIG_MAX_FILE_BYTES, &text, err);
        ms_buf *digest = ((json_dir_ctx *) userdata)->digest;
        if (r >= 0 && digest) {
                char sum[65];
                ms_sha256_hex(text.data ? text.data : "", text.len, sum);
                const char *base =
                        strrchr(path, '/'); /* not where, what: a copied configuration draws the same */
                if (ms_buf_printf(digest, "%s %s\n", sum, base ? base + 1 : path) < 0)
                        r = -ENOMEM;
        }
        if (r >= 0)
                r = loader(c, path, &text, err);
        ms_buf_done(&text);
        return r;
}

/* Load every *.json of sub/ in the layers, in lexical order, with loader. */
static int config_load_json_dir(ms_config *c, const ms_config_layers *l, const char *sub,
                                json_file_loader loader, ms_buf *digest, ms_error *err) {
        json_dir_ctx ctx = {.config = c, .loader = loader, .digest = digest};
        return ms_config_layers_for_each(l, sub, ".json", config_load_json_file, &ctx, err);
}

static int config_check(const ms_config *c, ms_error *err) {
        for (size_t i = 0; i < c->n_charts; i++)
                if (!ms_config_find_source(c, c->charts[i]->source)) {
                        ms_error_set_file(err, c->chart_files[i]);
                        return ms_error_set(err, -EINVAL, "source",
                                            "expected the id of a source in sources.d/, got \"%s\"",
                                            c->charts[i]->source);
                }
        for (size_t i = 0; i < c->n_charts; i++)
                if (c->charts[i]->population && !ms_config_find_source(c, c->charts[i]->population)) {
                        ms_error_set_file(err, c->chart_files[i]);
                        return ms_error_set(err, -EINVAL, "select.population",
                                            "expected the id of a source in sources.d/, got \"%s\"",
                                            c->charts[i]->population);
                }
        if (c->n_charts == 0) {
                ms_error_set_file(err, c->dir);
                return ms_error_set(err, -EINVAL, "", "expected at least one chart in charts.d/");
        }
        return 0;
}

static int config_set_defaults(ms_config *c) {
        if (!c->publish_dir && !(c->publish_dir = strdup("/var/lib/migstat/publish")))
                return -ENOMEM;
        if (!c->state_dir && !(c->state_dir = strdup("/var/lib/migstat")))
                return -ENOMEM;
        if (!c->data_dir && !(c->data_dir = strdup("/usr/share/migstat/data")))
                return -ENOMEM;
        if (!c->fonts_file && !(c->fonts_file = strdup("fonts.conf")))
                return -ENOMEM;
        if (!c->control_socket && !(c->control_socket = strdup("/run/migstat/control.sock")))
                return -ENOMEM;
        if (!c->control_group && !(c->control_group = strdup("migstat")))
                return -ENOMEM;
        char **paths[] = {&c->publish_dir, &c->state_dir, &c->data_dir, &c->fonts_file, &c->fetch_ca_file};
        for (size_t i = 0; i < ELEMENTSOF(paths); i++)
                if (config_absolutize(paths[i], c->dir) < 0)
                        return -ENOMEM;
        if (config_absolutize(&c->control_socket, c->dir) < 0)
                return -ENOMEM;
        return 0;
}

/* The font configuration's text into the render digest: another font
 * chosen there redraws every chart.  (The font files themselves are not
 * hashed: after a font package's upgrade, `regenerate --force`.) */
static int config_digest_fonts(const ms_config *c, ms_buf *digest, ms_error *err) {
        ms_buf text = {0};
        ms_error_set_file(err, c->fonts_file);
        int r = ms_read_file(c->fonts_file, CONFIG_MAX_FILE_BYTES, &text, err);
        if (r >= 0 && ms_buf_printf(digest, "fonts %zu\n", text.len) < 0)
                r = -ENOMEM;
        if (r >= 0 && text.len && ms_buf_append(digest, text.data, text.len) < 0)
                r = -ENOMEM;
        ms_buf_done(&text);
        return r;
}

int ms_config_load(const char *dirs, ms_config **ret, ms_error *err) {
        _cleanup_(ms_config_freep) ms_config *c = calloc(1, sizeof(*c));
        _cleanup_(ms_config_layers_done) ms_config_layers l = {0};
        ms_buf digest = {0};
        if (!c)
                return -ENOMEM;
        int r = ms_config_layers_parse(dirs, &l, err);
        if (r < 0)
                return r;
        if (!(c->dir = strdup(l.dir[0])))
                return -ENOMEM;
        c->allow_file_urls = true;
        c->keep_releases = 10;
        c->hook_timeout_sec = 60;
        c->fetch_max_retries = 3;
        c->fetch_retry_base_msec = 2000;
        c->fetch_max_retry_after_sec = 3600;
        c->fetch_max_host_connections = 4;
        r = config_load_main(c, &l, err);
        if (r >= 0)
                r = config_set_defaults(c);
        if (r >= 0)
                r = config_check_paths(c, err);
        if (r >= 0)
                r = config_load_json_dir(c, &l, "sources.d", config_load_source_file, NULL, err);
        if (r >= 0)
                r = config_load_json_dir(c, &l, "charts.d", load_chart_file, &digest, err);
        if (r >= 0)
                r = config_load_json_dir(c, &l, "labels", config_load_labels_file, &digest, err);
        /* What every chart is drawn with besides its data: a chart whose
         * data did not change is carried over only if this did not either. */
        if (r >= 0)
                r = config_digest_fonts(c, &digest, err);
        if (r >= 0 && ms_buf_printf(&digest, "migstat %s\n", MIGSTAT_VERSION) < 0)
                r = -ENOMEM;
        if (r >= 0)
                ms_sha256_hex(digest.data, digest.len, c->render_sha256);
        ms_buf_done(&digest);
        if (r >= 0)
                r = config_apply_api_bases(c);
        if (r >= 0)
                r = config_check(c, err);
        if (r >= 0)
                r = config_resolve_charts(c, err);
        if (r < 0)
                return r;
        *ret = TAKE_PTR(c);
        return 0;
}

ms_config *ms_config_free(ms_config *c) {
        if (!c)
                return NULL;
        for (size_t i = 0; i < c->n_sources; i++)
                config_source_done(&c->sources[i]);
        free(c->sources);
        for (size_t i = 0; i < c->n_charts; i++) {
                ms_chart_spec_free(c->charts[i]);
                free(c->chart_files[i]);
        }
        free(c->charts);
        free(c->chart_files);
        config_labels_done(c);
        free(c->dir);
        free(c->publish_dir);
        free(c->state_dir);
        free(c->data_dir);
        free(c->fonts_file);
        free(c->data_dir_origin.file);
        free(c->fonts_file_origin.file);
        free(c->base_url);
        free(c->post_publish_hook);
        free(c->control_socket);
        free(c->control_group);
        free(c->fetch_ca_file);
        for (size_t i = 0; i < ELEMENTSOF(c->api_base); i++)
                free(c->api_base[i]);
        free(c);
        return NULL;
}
