/* SPDX-License-Identifier: MIT */
#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <stdio.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "layout.h"
#include "migstat/cube_csv.h"

size_t ms_chart_problems(const ms_chart *c, const char **ret_text) {
        if (ret_text)
                *ret_text = c->problems.data ? c->problems.data : "";
        return c->n_problems;
}

void ms_chart_size(const ms_chart *c, unsigned *ret_width, unsigned *ret_height) {
        *ret_width = c->width;
        *ret_height = c->height;
}

const char *ms_chart_alt_text(const ms_chart *c) {
        return c->alt_text;
}

const char *ms_chart_note(const ms_chart *c) {
        return c->note;
}

const char *ms_chart_title(const ms_chart *c) {
        return c->title;
}

const char *ms_chart_reference_period(const ms_chart *c) {
        return c->reference;
}

static cairo_status_t write_buf(void *closure, const unsigned char *data, unsigned int len) {
        return ms_buf_append(closure, data, len) < 0 ? CAIRO_STATUS_WRITE_ERROR : CAIRO_STATUS_SUCCESS;
}

static int cairo_error(ms_error *err, cairo_status_t st, const char *what) {
        int r = st == CAIRO_STATUS_NO_MEMORY ? -ENOMEM : -EIO;
        return ms_error_set(err, r, "", "%s: %s", what, cairo_status_to_string(st));
}

/* Draw c on s, finish it and report the first error of either. */
static cairo_status_t draw_on(const ms_chart *c, cairo_surface_t *s, double scale) {
        cairo_t *cr = cairo_create(s);
        cairo_scale(cr, scale, scale);
        chart_draw(c, cr);
        cairo_status_t st = cairo_status(cr);
        cairo_destroy(cr);
        cairo_surface_flush(s);
        if (st == CAIRO_STATUS_SUCCESS)
                st = cairo_surface_status(s);
        return st;
}

/*
 * Bidi controls (U+200E/F, U+202A-E, U+2066-9) in titles from remote data
 * could reorder what a screen reader or a tooltip shows; they are written as
 * character references so the file shows them.  The rest goes through
 * ms_buf_put_xml_escaped().
 */
static int put_text(ms_buf *b, const char *s) {
        const char *run = s;
        int r = 0;
        for (const unsigned char *p = (const unsigned char *) s; *p && r >= 0; p++) {
                if (!(p[0] == 0xe2 &&
                      ((p[1] == 0x80 && (p[2] == 0x8e || p[2] == 0x8f || (p[2] >= 0xaa && p[2] <= 0xae))) ||
                       (p[1] == 0x81 && p[2] >= 0xa6 && p[2] <= 0xa9))))
                        continue;
                _cleanup_free_ char *seg = strndup(run, (size_t) ((const char *) p - run));
                if (!seg)
                        return -ENOMEM;
                r = ms_buf_put_xml_escaped(b, seg);
                unsigned cp = ((p[0] & 0x0fu) << 12) | ((p[1] & 0x3fu) << 6) | (p[2] & 0x3fu);
                if (r >= 0)
                        r = ms_buf_printf(b, "&#x%04X;", cp);
                p += 2;
                run = (const char *) p + 1;
        }
        return r < 0 ? r : ms_buf_put_xml_escaped(b, run);
}

/*
 * Cairo names each drawing surface "surface<N>" after a counter global to
 * the process, so the second chart a worker renders would differ from the
 * first in one id.  Renumber them in order of appearance (id="surfaceN" and
 * references "#surfaceN" alike) so equal charts give equal bytes.
 */
static int put_renumbered(ms_buf *out, const char *p, size_t n) {
        unsigned long seen[32];
        size_t n_seen = 0;
        const char *end = p + n;
        int r = 0;

        while (r >= 0 && p < end) {
                const char *hit = memmem(p, (size_t) (end - p), "surface", 7);
                const char *num = hit ? hit + 7 : NULL;
                if (!hit || hit == p || (hit[-1] != '"' && hit[-1] != '#') || num >= end || *num < '0' ||
                    *num > '9') {
                        const char *to = hit ? hit + 1 : end;
                        r = ms_buf_append(out, p, (size_t) (to - p));
                        p = to;
                        continue;
                }
                char *after;
                unsigned long id = strtoul(num, &after, 10);
                size_t k = 0;
                while (k < n_seen && seen[k] != id)
                        k++;
                if (k == n_seen && n_seen < ELEMENTSOF(seen))
                        seen[n_seen++] = id;
                r = ms_buf_append(out, p, (size_t) (num - p));
                if (r >= 0)
                        r = k < ELEMENTSOF(seen) ? ms_buf_printf(out, "%zu", k + 1)
                                                 : ms_buf_append(out, num, (size_t) (after - num));
                p = after;
        }
        return r;
}

/* Cairo's <svg ...> tag gains role and aria-labelledby; <title> and <desc>
 * follow it, as the first children, where assistive technology looks. */
static int svg_annotate(const ms_chart *c, const ms_buf *raw, ms_buf *out) {
        const char *svg = raw->data ? strstr(raw->data, "<svg") : NULL;
        const char *gt = svg ? strchr(svg, '>') : NULL;
        int r;

        if (!gt || gt[-1] == '/')
                return -EBADMSG;
        r = ms_buf_append(out, raw->data, (size_t) (gt - raw->data));
        if (r >= 0)
                r = ms_buf_puts(out, " role=\"img\" aria-labelledby=\"t d\">\n<title id=\"t\">");
        if (r >= 0)
                r = put_text(out, c->title);
        if (r >= 0)
                r = ms_buf_puts(out, "</title>\n<desc id=\"d\">");
        if (r >= 0)
                r = put_text(out, c->alt_text);
        if (r >= 0)
                r = ms_buf_puts(out, "</desc>");
        if (r >= 0)
                r = put_renumbered(out, gt + 1, raw->len - (size_t) (gt + 1 - raw->data));
        return r;
}

int ms_chart_write_svg(const ms_chart *c, ms_buf *out, ms_error *err) {
        ms_buf raw = {}, doc = {};
        int r;

        ms_error_clear(err);
        cairo_surface_t *s = cairo_svg_surface_create_for_stream(write_buf, &raw, c->width, c->height);
        cairo_svg_surface_restrict_to_version(s, CAIRO_SVG_VERSION_1_1);
        /* Pixels, not cairo's default points: embedded at width="1200pt" a
         * browser would show the chart a third larger than designed. */
        cairo_svg_surface_set_document_unit(s, CAIRO_SVG_UNIT_PX);
        cairo_status_t st = draw_on(c, s, 1);
        cairo_surface_finish(s);
        if (st == CAIRO_STATUS_SUCCESS)
                st = cairo_surface_status(s);
        cairo_surface_destroy(s);
        if (st != CAIRO_STATUS_SUCCESS) {
                ms_buf_done(&raw);
                return cairo_error(err, st, "cannot write the SVG");
        }
        r = svg_annotate(c, &raw, &doc);
        ms_buf_done(&raw);
        if (r >= 0)
                r = ms_buf_append(out, doc.data, doc.len);
        ms_buf_done(&doc);
        if (r < 0)
                return ms_error_set(err, r, "", "cannot annotate the SVG");
        return 0;
}

/* A period code as a PDF date ("2019-04" -> "2019-04-01T00:00:00Z"): the
 * file's date comes from its data, never from the clock, so the same data
 * give the same bytes (cairo would write the time of writing). */
static void pdf_date(const char *period, char *out, size_t n) {
        unsigned y = 2000, m = 1;
        if (!period || sscanf(period, "%4u-%2u", &y, &m) < 1 || m < 1 || m > 12)
                m = 1;
        snprintf(out, n, "%04u-%02u-01T00:00:00Z", y, m);
}

int ms_chart_write_pdf(const ms_chart *c, ms_buf *out, ms_error *err) {
        char date[32];
        ms_error_clear(err);
        /* Half a point per pixel: a 1200 px chart is 600 pt (21.2 cm) wide,
         * a print column's width; the layout is the screen's, vector. */
        cairo_surface_t *s =
                cairo_pdf_surface_create_for_stream(write_buf, out, c->width * 0.5, c->height * 0.5);
        cairo_pdf_surface_restrict_to_version(s, CAIRO_PDF_VERSION_1_5);
        pdf_date(c->reference, date, sizeof(date));
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, date);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_MOD_DATE, date);
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, c->title ? c->title : "");
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_SUBJECT, c->alt_text ? c->alt_text : "");
        cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATOR, "migstat " MIGSTAT_VERSION);
        cairo_status_t st = draw_on(c, s, 0.5);
        cairo_surface_finish(s);
        if (st == CAIRO_STATUS_SUCCESS)
                st = cairo_surface_status(s);
        cairo_surface_destroy(s);
        return st == CAIRO_STATUS_SUCCESS ? 0 : cairo_error(err, st, "cannot write the PDF");
}

int ms_chart_write_png(const ms_chart *c, unsigned scale, ms_buf *out, ms_error *err) {
        int r;

        ms_error_clear(err);
        if (scale != 1 && scale != 2)
                return ms_error_set(err, -EINVAL, "", "expected scale 1 or 2, got %u", scale);
        cairo_surface_t *s = chart_renderer_surface(c->renderer, c->width, c->height, scale);
        if (!s)
                return ms_error_set(err, -ENOMEM, "", "cannot allocate the PNG surface");
        cairo_status_t st = draw_on(c, s, scale); /* paints every pixel: no clearing needed */
        if (st != CAIRO_STATUS_SUCCESS)
                return cairo_error(err, st, "cannot draw the PNG");
        chart_png_meta meta = {c->source_line, c->reference, "migstat " MIGSTAT_VERSION};
        r = chart_png_encode(s, &meta, chart_renderer_scratch(c->renderer), out);
        return r < 0 ? ms_error_set(err, r, "", "cannot encode the PNG: %s", strerror(-r)) : 0;
}

int ms_chart_write_csv(const ms_chart *c, ms_buf *out, ms_error *err) {
        int r;

        ms_error_clear(err);
        r = c->series ? ms_buf_puts(out, "series,") : 0;
        if (r >= 0)
                r = ms_buf_put_csv_cell(out, c->x_dim);
        if (r >= 0) /* value stays second to last: readers take $(NF-1) */
                r = ms_buf_puts(out, c->previous ? ",label,previous_year,value,status\n"
                                                 : ",label,value,status\n");
        for (size_t i = 0; i < c->n && r >= 0; i++) {
                char num[64];
                r = ms_format_double(c->values[i], num, sizeof(num)); /* NaN: empty */
                if (r >= 0 && c->series) {
                        r = ms_buf_put_csv_cell(out, c->series[i]);
                        if (r >= 0)
                                r = ms_buf_puts(out, ",");
                }
                if (r >= 0)
                        r = ms_buf_put_csv_cell(out, c->codes[i]);
                if (r >= 0)
                        r = ms_buf_puts(out, ",");
                if (r >= 0)
                        r = ms_buf_put_csv_cell(out, c->labels[i]);
                if (r >= 0 && c->previous) {
                        char prev[64];
                        r = ms_format_double(c->previous[i], prev, sizeof(prev));
                        if (r >= 0)
                                r = ms_buf_printf(out, ",%s", prev);
                }
                if (r >= 0)
                        r = ms_buf_printf(out, ",%s,", num);
                if (r >= 0)
                        r = ms_buf_put_csv_cell(out, c->status[i]);
                if (r >= 0)
                        r = ms_buf_puts(out, "\n");
        }
        return r < 0 ? ms_error_set(err, r, "", "cannot write the CSV") : 0;
}

/* The words and separators of a reader's CSV, per language: German
 * spreadsheets expect ';' between cells and a decimal comma. */
typedef struct reader_words {
        const char *sep, *series, *code, *label, *previous, *value, *status;
        char decimal;
} reader_words;

static const reader_words reader_csv[MS_LANG_COUNT] = {
        [MS_LANG_DE] = {";", "Reihe", "Code", "Bezeichnung", "Vorjahr", "Wert", "Status", ','},
        [MS_LANG_EN] = {",", "Series", "Code", "Label", "Previous year", "Value", "Status", '.'},
};

/* v with the chart's decimals, no thousands separator (a spreadsheet would
 * read "13.585" as thirteen), the language's decimal mark; NaN: empty. */
static int reader_number(ms_buf *out, double v, unsigned decimals, char mark) {
        char num[64];
        if (isnan(v))
                return 0;
        int r = ms_format_double(round(v * (decimals ? 10 : 1)) / (decimals ? 10 : 1), num, sizeof(num));
        if (r < 0)
                return r;
        char *dot = strchr(num, '.');
        if (decimals && !dot)
                r = ms_buf_printf(out, "%s%c0", num, mark);
        else {
                if (dot)
                        *dot = mark;
                r = ms_buf_puts(out, num);
        }
        return r;
}

int ms_chart_write_csv_reader(const ms_chart *c, ms_buf *out, ms_error *err) {
        const reader_words *w = &reader_csv[c->lang];
        /* The chart labels values with one decimal when any has a fraction
         * (charts/chart.c, scan_values()): so does this file. */
        unsigned decimals = 0;
        for (size_t i = 0; i < c->n; i++)
                if (!isnan(c->values[i]) && c->values[i] != floor(c->values[i]))
                        decimals = 1;
        ms_error_clear(err);
        int r = c->series ? ms_buf_printf(out, "%s%s", w->series, w->sep) : 0;
        if (r >= 0)
                r = ms_buf_printf(out, "%s%s%s%s", w->code, w->sep, w->label, w->sep);
        if (r >= 0 && c->previous)
                r = ms_buf_printf(out, "%s%s", w->previous, w->sep);
        if (r >= 0)
                r = ms_buf_printf(out, "%s%s%s\n", w->value, w->sep, w->status);
        for (size_t i = 0; i < c->n && r >= 0; i++) {
                if (c->series && (r = ms_buf_put_csv_cell(out, c->series[i])) >= 0)
                        r = ms_buf_puts(out, w->sep);
                if (r >= 0 && (r = ms_buf_put_csv_cell(out, c->codes[i])) >= 0 &&
                    (r = ms_buf_puts(out, w->sep)) >= 0 && (r = ms_buf_put_csv_cell(out, c->labels[i])) >= 0)
                        r = ms_buf_puts(out, w->sep);
                if (r >= 0 && c->previous &&
                    (r = reader_number(out, c->previous[i], decimals, w->decimal)) >= 0)
                        r = ms_buf_puts(out, w->sep);
                if (r >= 0 && (r = reader_number(out, c->values[i], decimals, w->decimal)) >= 0)
                        r = ms_buf_puts(out, w->sep);
                if (r >= 0 && (r = ms_buf_put_csv_cell(out, c->status[i])) >= 0)
                        r = ms_buf_puts(out, "\n");
        }
        return r < 0 ? ms_error_set(err, r, "", "cannot write the CSV") : 0;
}
