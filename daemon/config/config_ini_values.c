/* SPDX-License-Identifier: MIT */
/* The values of migstat.conf's keys (the parsers its key table names), and
 * what inih lets pass: a section header without ']', values that are text to
 * inih but must be a URL or a program, paths that must exist. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "config/config.h"
#include "config_internal.h"

int config_parse_path(const char *value, void *field) {
        char **p = field;
        char *s = strdup(value);
        if (!s)
                return -ENOMEM;
        free(*p);
        *p = s;
        return 0;
}

int config_parse_bool(const char *value, void *field) {
        bool *b = field;
        if (strcasecmp(value, "yes") == 0 || strcasecmp(value, "true") == 0 || strcmp(value, "1") == 0)
                *b = true;
        else if (strcasecmp(value, "no") == 0 || strcasecmp(value, "false") == 0 || strcmp(value, "0") == 0)
                *b = false;
        else
                return -EINVAL;
        return 0;
}

/* Any text, kept as written (URLs, command lines). */
int config_parse_string(const char *value, void *field) {
        return config_parse_path(value, field);
}

/* EurostatAPI= ...: a base URL the sources' requests go to instead. */
int config_parse_api_base(const char *value, void *field) {
        if (strncmp(value, "https://", 8) != 0 && strncmp(value, "http://", 7) != 0)
                return -EINVAL;
        return config_parse_string(value, field);
}

static int parse_uint_range(const char *value, unsigned *field, unsigned long lo, unsigned long hi) {
        char *end;
        errno = 0;
        unsigned long v = strtoul(value, &end, 10);
        if (errno != 0 || end == value || *end != '\0' || value[0] == '-' || v < lo || v > hi)
                return -EINVAL;
        *field = (unsigned) v;
        return 0;
}

int config_parse_unsigned(const char *value, void *field) {
        return parse_uint_range(value, field, 1, 1000000);
}

int config_parse_retries(const char *value, void *field) {
        return parse_uint_range(value, field, 0, 20);
}

int config_parse_msec(const char *value, void *field) {
        return parse_uint_range(value, field, 1, 3600000);
}

int config_parse_sec(const char *value, void *field) {
        return parse_uint_range(value, field, 1, 86400);
}

int config_parse_connections(const char *value, void *field) {
        return parse_uint_range(value, field, 1, 64);
}

int config_parse_threads(const char *value, void *field) {
        return parse_uint_range(value, field, 0, 16);
}

/* BaseURL: empty (snippets for this site only), or http(s)://host[/path]:
 * without a scheme, a browser reads "charts.example.org/current/x.svg" as a
 * path on the embedding site. */
int config_parse_base_url(const char *value, void *field) {
        size_t n = strncmp(value, "https://", 8) == 0 ? 8 : strncmp(value, "http://", 7) == 0 ? 7 : 0;
        if (value[0] && (n == 0 || !value[n] || value[n] == '/' || strpbrk(value, " \t\"'<>")))
                return -EINVAL;
        return config_parse_path(value, field);
}

/* PostPublishHook: an absolute path to a program that exists and may be run
 * (the daemon has no $PATH to search, and a typo would only show after the
 * next release), then its arguments. */
int config_parse_hook(const char *value, void *field) {
        char prog[PATH_MAX];
        size_t n = strcspn(value, " \t");
        if (value[0] != '/' || n >= sizeof(prog))
                return -EINVAL;
        memcpy(prog, value, n);
        prog[n] = '\0';
        if (access(prog, X_OK) < 0)
                return -EINVAL;
        return config_parse_path(value, field);
}

/* inih reads "[Publish" as an error on its line but goes on, and the keys
 * below it then land in a section named by whatever came before: say where
 * the ']' is missing instead.  A section line is '[' NAME ']' with optional
 * blanks and an optional ';' or '#' comment after it. */
int ms_config_ini_scan(const char *text, ms_error *err) {
        unsigned line = 1;
        for (const char *p = text; *p; line++) {
                size_t n = strcspn(p, "\n");
                size_t lead = strspn(p, " \t");
                if (lead < n && p[lead] == '[') {
                        const char *close = memchr(p + lead, ']', n - lead);
                        if (!close) {
                                size_t end = n;
                                while (end > lead &&
                                       (p[end - 1] == ' ' || p[end - 1] == '\t' || p[end - 1] == '\r'))
                                        end--;
                                if (err) {
                                        err->line = line;
                                        err->col = (unsigned) end + 1;
                                }
                                return ms_error_set(err, -EINVAL, "",
                                                    "section header: expected ']' after \"%.*s\"",
                                                    (int) (end - lead > 60 ? 60 : end - lead), p + lead);
                        }
                }
                p += n;
                if (*p == '\n')
                        p++;
        }
        return 0;
}

/* The line of the last "name=" in text (0 when not found). */
static unsigned ini_key_line(const char *text, const char *name) {
        unsigned line = 1, found = 0;
        size_t n = strlen(name);
        for (const char *p = text; *p; line++) {
                const char *k = p + strspn(p, " \t");
                if (strncmp(k, name, n) == 0 && k[n + strspn(k + n, " \t")] == '=')
                        found = line;
                p += strcspn(p, "\n");
                if (*p)
                        p++;
        }
        return found;
}

int config_set_origin(struct ms_config_origin *o, const char *path, const char *text, const char *name) {
        char *f = strdup(path);
        if (!f)
                return -ENOMEM;
        free(o->file);
        o->file = f;
        o->line = ini_key_line(text, name);
        return 0;
}

/* After every layer: the paths the daemon reads (not those it creates) are
 * there.  The error names the file and line that set the path. */
static int check_path(const char *path, const char *key, const struct ms_config_origin *o, const char *dir,
                      ms_error *err) {
        if (access(path, F_OK) == 0)
                return 0;
        int r = -errno;
        if (err) {
                ms_error_set_file(err, o->file ? o->file : dir); /* c is freed on failure */
                err->line = o->file ? o->line : 0;
                err->col = o->file && o->line ? 1 : 0;
        }
        return ms_error_set(err, r == -ENOMEM ? -ENOMEM : -ENOENT, "",
                            "%s=%s: expected an existing %s, got: %s%s", key, path,
                            strcmp(key, "DataDirectory") == 0 ? "directory" : "file", strerror(-r),
                            o->file ? "" : " (the default)");
}

int config_check_paths(const ms_config *c, ms_error *err) {
        int r = check_path(c->data_dir, "DataDirectory", &c->data_dir_origin, c->dir, err);
        return r < 0 ? r : check_path(c->fonts_file, "FontConfig", &c->fonts_file_origin, c->dir, err);
}
