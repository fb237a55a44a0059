/* SPDX-License-Identifier: MIT */
/*
 * A cube as a JSON-stat 2.0 dataset: the normalized form the daemon keeps
 * of each source's last good data and reads back with ms_jsonstat_parse().
 * Values go out as an array when at least a third of the cells have one,
 * else sparse (only present cells), so a huge mostly empty cube costs what
 * its present cells cost; status always sparse.
 */
#include <stdbool.h>
#include <math.h>
#include <stdio.h>

#include "migstat/cube_csv.h"
#include "migstat/cube_jsonstat.h"

/* The text goes into b; with a flush function, b is handed over and
 * emptied whenever it holds a chunk, so a big cube never sits in memory as
 * text whole. */
typedef struct sink {
        ms_buf *b;
        int (*flush)(void *userdata, const ms_buf *b);
        void *userdata;
} sink;

#define SINK_CHUNK (1u << 20)

static int sink_maybe_flush(sink *k, bool last) {
        if (!k->flush || (!last && k->b->len < SINK_CHUNK))
                return 0;
        int r = k->b->len ? k->flush(k->userdata, k->b) : 0;
        k->b->len = 0;
        return r;
}

static int put_string(ms_buf *b, const char *s) {
        int r = ms_buf_puts(b, "\"");
        for (const unsigned char *p = (const unsigned char *) (s ? s : ""); r >= 0 && *p; p++) {
                if (*p == '"' || *p == '\\')
                        r = ms_buf_printf(b, "\\%c", *p);
                else if (*p < 0x20 || *p == 0x7f)
                        r = ms_buf_printf(b, "\\u%04x", *p);
                else
                        r = ms_buf_append(b, p, 1);
        }
        return r < 0 ? r : ms_buf_puts(b, "\"");
}

static int put_roles(const ms_cube *c, ms_buf *b) {
        static const struct {
                const char *key;
                ms_role role;
        } roles[] = {{"time", MS_ROLE_TIME}, {"geo", MS_ROLE_GEO}, {"metric", MS_ROLE_METRIC}};
        int r = ms_buf_puts(b, ",\"role\":{");
        bool first = true;
        for (size_t i = 0; r >= 0 && i < ELEMENTSOF(roles); i++) {
                bool any = false;
                for (size_t d = 0; r >= 0 && d < c->n_dims; d++) {
                        if (c->dims[d].role != roles[i].role)
                                continue;
                        r = ms_buf_printf(b, "%s", any ? "," : first ? "" : ",");
                        if (r >= 0 && !any)
                                r = ms_buf_printf(b, "\"%s\":[", roles[i].key);
                        if (r >= 0)
                                r = put_string(b, c->dims[d].id);
                        any = true;
                }
                if (any && r >= 0)
                        r = ms_buf_puts(b, "]");
                first = first && !any;
        }
        return r < 0 ? r : ms_buf_puts(b, "}");
}

static int put_dimension(const ms_dimension *d, ms_buf *b) {
        int r = put_string(b, d->id);
        if (r >= 0)
                r = ms_buf_puts(b, ":{\"label\":");
        if (r >= 0)
                r = put_string(b, d->label ? d->label : d->id);
        if (r >= 0)
                r = ms_buf_puts(b, ",\"category\":{\"index\":[");
        for (size_t k = 0; r >= 0 && k < d->n_categories; k++)
                if ((r = ms_buf_puts(b, k ? "," : "")) >= 0)
                        r = put_string(b, d->categories[k].code);
        if (r >= 0)
                r = ms_buf_puts(b, "],\"label\":{");
        for (size_t k = 0; r >= 0 && k < d->n_categories; k++) {
                r = ms_buf_puts(b, k ? "," : "");
                if (r >= 0)
                        r = put_string(b, d->categories[k].code);
                if (r >= 0)
                        r = ms_buf_puts(b, ":");
                if (r >= 0)
                        r = put_string(b, d->categories[k].label);
        }
        return r < 0 ? r : ms_buf_puts(b, "}}}");
}

/* Mostly filled: an array ("null" for the gaps) is the smaller text. */
static int put_values(const ms_cube *c, sink *k) {
        ms_buf *b = k->b;
        bool dense = ms_cube_count_nonnull(c) * 3 >= c->n_cells;
        int r = ms_buf_puts(b, dense ? ",\"value\":[" : ",\"value\":{");
        bool first = true;
        for (size_t off = 0; r >= 0 && off < c->n_cells; off++) {
                char num[64];
                bool none =
                        !isfinite(c->values[off]) || ms_format_double(c->values[off], num, sizeof(num)) < 0;
                if (dense)
                        r = ms_buf_printf(b, "%s%s", off ? "," : "", none ? "null" : num);
                else if (!none) {
                        r = ms_buf_printf(b, "%s\"%zu\":%s", first ? "" : ",", off, num);
                        first = false;
                }
                if (r >= 0)
                        r = sink_maybe_flush(k, false);
        }
        return r < 0 ? r : ms_buf_puts(b, dense ? "]" : "}");
}

static int put_cells(const ms_cube *c, sink *k) {
        ms_buf *b = k->b;
        int r = put_values(c, k);
        if (r < 0 || !c->status)
                return r;
        r = ms_buf_puts(b, ",\"status\":{");
        bool first = true;
        for (size_t off = 0; r >= 0 && off < c->n_cells; off++) {
                const char *st = ms_cube_status(c, off);
                if (!st)
                        continue;
                r = ms_buf_printf(b, "%s\"%zu\":", first ? "" : ",", off);
                if (r >= 0)
                        r = put_string(b, st);
                if (r >= 0)
                        r = sink_maybe_flush(k, false);
                first = false;
        }
        return r < 0 ? r : ms_buf_puts(b, "}");
}

static int write_jsonstat(const ms_cube *c, sink *k) {
        ms_buf *out = k->b;
        int r = ms_buf_puts(out, "{\"version\":\"2.0\",\"class\":\"dataset\"");
        if (r >= 0 && c->label && (r = ms_buf_puts(out, ",\"label\":")) >= 0)
                r = put_string(out, c->label);
        if (r >= 0 && c->source && (r = ms_buf_puts(out, ",\"source\":")) >= 0)
                r = put_string(out, c->source);
        if (r >= 0 && c->updated && (r = ms_buf_puts(out, ",\"updated\":")) >= 0)
                r = put_string(out, c->updated);
        if (r >= 0)
                r = ms_buf_puts(out, ",\"id\":[");
        for (size_t d = 0; r >= 0 && d < c->n_dims; d++)
                if ((r = ms_buf_puts(out, d ? "," : "")) >= 0)
                        r = put_string(out, c->dims[d].id);
        if (r >= 0)
                r = ms_buf_puts(out, "],\"size\":[");
        for (size_t d = 0; r >= 0 && d < c->n_dims; d++)
                r = ms_buf_printf(out, "%s%zu", d ? "," : "", c->dims[d].n_categories);
        if (r >= 0)
                r = ms_buf_puts(out, "]");
        if (r >= 0)
                r = put_roles(c, out);
        if (r >= 0)
                r = ms_buf_puts(out, ",\"dimension\":{");
        for (size_t d = 0; r >= 0 && d < c->n_dims; d++)
                if ((r = ms_buf_puts(out, d ? "," : "")) >= 0)
                        r = put_dimension(&c->dims[d], out);
        if (r >= 0)
                r = ms_buf_puts(out, "}");
        if (r >= 0)
                r = put_cells(c, k);
        if (r >= 0)
                r = ms_buf_puts(out, "}\n");
        return r < 0 ? r : sink_maybe_flush(k, true);
}

int ms_cube_write_jsonstat(const ms_cube *c, ms_buf *out) {
        sink k = {.b = out};
        return write_jsonstat(c, &k);
}

int ms_cube_write_jsonstat_chunks(const ms_cube *c, int (*flush)(void *userdata, const ms_buf *b),
                                  void *userdata) {
        ms_buf b = {0};
        sink k = {.b = &b, .flush = flush, .userdata = userdata};
        int r = write_jsonstat(c, &k);
        ms_buf_done(&b);
        return r;
}
