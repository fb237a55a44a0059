/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "migstat/format.h"
#include "migstat/period.h"
#include "publish/snippet.h"

/* Words of the snippet itself, per language. */
static const struct {
        const char *stand, *licence, *csv, *table, *period, *value, *missing, *series, *previous, *category,
                *updated;
} words[MS_LANG_COUNT] = {
        [MS_LANG_DE] = {"Stand", "Lizenz", "Daten als CSV", "Die Zahlen als Tabelle", "Zeitraum", "Wert",
                        "keine Angabe", "Reihe", "Vorjahr", "Kategorie", "Daten aktualisiert am"},
        [MS_LANG_EN] = {"As of", "Licence", "Data as CSV", "The numbers as a table", "Period", "Value",
                        "not available", "Series", "Previous year", "Category", "data updated"},
};

/* Escaped text; NULL writes nothing. */
static int put_text(ms_buf *b, const char *s) {
        return s ? ms_buf_put_xml_escaped(b, s) : 0;
}

/* An escaped URL: prefix + id + "." + lang + suffix. */
static int put_url(ms_buf *b, const ms_snippet *s, const char *suffix) {
        int r = put_text(b, s->url_prefix);
        if (r >= 0)
                r = put_text(b, s->id);
        if (r >= 0)
                r = ms_buf_printf(b, ".%s", ms_lang_code(s->lang));
        return r >= 0 ? put_text(b, suffix) : r;
}

/* A period code in the reader's language, or the code itself. */
static void format_period_code(ms_lang l, const char *code, char *buf, size_t n) {
        ms_period p;
        if (code && ms_period_parse(code, &p) >= 0 && ms_format_period(l, &p, buf, n) >= 0)
                return;
        snprintf(buf, n, "%s", code ? code : "");
}

/* One SVG <source>: the file <id>.<lang><suffix> for readers matching media
 * (NULL: all), with its own size when it differs from the <img>'s (w > 0),
 * so the page keeps its layout whichever source the browser picks. */
static int snippet_source(ms_buf *b, const ms_snippet *s, const char *media, const char *suffix, unsigned w,
                          unsigned h) {
        int r = ms_buf_puts(b, "<source ");
        if (r >= 0 && media)
                r = ms_buf_printf(b, "media=\"%s\" ", media);
        if (r >= 0)
                r = ms_buf_puts(b, "type=\"image/svg+xml\" srcset=\"");
        if (r >= 0)
                r = put_url(b, s, suffix);
        if (r >= 0 && w > 0)
                r = ms_buf_printf(b, "\" width=\"%u\" height=\"%u", w, h);
        return r >= 0 ? ms_buf_puts(b, "\" />\n") : r;
}

/* The phone variant's sources come first: the browser takes the first
 * <source> whose media matches.  Screens narrower than the midpoint of the
 * two widths get the narrow chart: there its text is the larger of the two
 * once scaled to the screen. */
static int snippet_narrow_sources(ms_buf *b, const ms_snippet *s) {
        char narrow[48], narrow_dark[96];
        unsigned breakpoint = (s->width + s->narrow_width) / 2;
        snprintf(narrow, sizeof(narrow), "(max-width: %upx)", breakpoint);
        snprintf(narrow_dark, sizeof(narrow_dark), "%s and (prefers-color-scheme: dark)", narrow);
        int r = 0;
        if (s->has_dark)
                r = snippet_source(b, s, narrow_dark, ".narrow.dark.svg", s->narrow_width, s->narrow_height);
        return r >= 0 ? snippet_source(b, s, narrow, ".narrow.svg", s->narrow_width, s->narrow_height) : r;
}

/* The <img>: the phone variant's PNG (1x, 2x) when there is one, else the
 * main size's; what a reader gets when a CMS stripped <picture>. */
static int snippet_img(const ms_snippet *s, ms_buf *b, bool srcset) {
        bool narrow = s->narrow_width > 0;
        const char *one = narrow ? ".narrow.png" : ".png", *two = narrow ? ".narrow@2x.png" : "@2x.png";
        int r = ms_buf_puts(b, "<img src=\"");
        if (r >= 0)
                r = put_url(b, s, srcset ? one : two);
        if (r >= 0 && srcset && (r = ms_buf_puts(b, "\" srcset=\"")) >= 0 && (r = put_url(b, s, one)) >= 0 &&
            (r = ms_buf_puts(b, " 1x, ")) >= 0 && (r = put_url(b, s, two)) >= 0)
                r = ms_buf_puts(b, " 2x");
        if (r >= 0)
                r = ms_buf_printf(b, "\" width=\"%u\" height=\"%u\" alt=\"",
                                  narrow ? s->narrow_width : s->width, narrow ? s->narrow_height : s->height);
        if (r >= 0 && (r = put_text(b, s->alt)) >= 0)
                r = ms_buf_puts(b, "\" style=\"max-width:100%;height:auto\" decoding=\"async\" />\n");
        return r;
}

static int snippet_picture(const ms_snippet *s, ms_buf *b) {
        bool dark = s->has_dark && !s->light_only;
        ms_snippet own = *s;
        own.has_dark = dark;
        int r = ms_buf_puts(b, "<picture>\n");
        if (r >= 0 && s->narrow_width > 0)
                r = snippet_narrow_sources(b, &own);
        if (r >= 0 && dark)
                r = snippet_source(b, s, "(prefers-color-scheme: dark)", ".dark.svg", s->width, s->height);
        if (r >= 0)
                r = snippet_source(b, s, NULL, ".svg", s->width, s->height);
        if (r >= 0)
                r = snippet_img(s, b, true);
        return r >= 0 ? ms_buf_puts(b, "</picture>\n") : r;
}

#define CSV_MAX_FIELDS 8

/* One RFC 4180 record from *p (up to end) into fields (unescaped, in buf,
 * each NUL-terminated).  Returns the number of fields, 0 at the end. */
static size_t csv_record(const char **p, const char *end, ms_buf *buf, size_t off[CSV_MAX_FIELDS]) {
        size_t n = 0;
        buf->len = 0;
        if (*p >= end)
                return 0;
        for (;;) {
                bool quoted = **p == '"';
                off[n < CSV_MAX_FIELDS ? n : CSV_MAX_FIELDS - 1] = buf->len;
                if (quoted)
                        (*p)++;
                for (; *p < end; (*p)++) {
                        char ch = **p;
                        if (quoted && ch == '"' && *p + 1 < end && (*p)[1] == '"')
                                (*p)++;
                        else if (quoted && ch == '"') {
                                quoted = false;
                                continue;
                        } else if (!quoted && (ch == ',' || ch == '\n' || ch == '\r'))
                                break;
                        if (ms_buf_append(buf, &ch, 1) < 0)
                                return 0;
                }
                if (ms_buf_append(buf, "", 1) < 0)
                        return 0;
                n++;
                if (*p >= end || **p != ',')
                        break;
                (*p)++;
        }
        while (*p < end && (**p == '\r' || **p == '\n'))
                (*p)++;
        return n < CSV_MAX_FIELDS ? n : CSV_MAX_FIELDS;
}

/* The columns of the chart CSV the table shows. */
typedef struct csv_columns {
        int series, code, label, previous, value;
        bool time; /* the x dimension is time: its header says so */
} csv_columns;

static void csv_find_columns(const ms_buf *b, const size_t *off, size_t n, csv_columns *c) {
        *c = (csv_columns){-1, -1, -1, -1, -1, false};
        for (size_t i = 0; i < n; i++) {
                const char *h = b->data + off[i];
                int *slot = strcmp(h, "series") == 0          ? &c->series
                            : strcmp(h, "label") == 0         ? &c->label
                            : strcmp(h, "previous_year") == 0 ? &c->previous
                            : strcmp(h, "value") == 0         ? &c->value
                            : strcmp(h, "status") == 0        ? NULL
                                                              : &c->code;
                if (slot && *slot < 0)
                        *slot = (int) i;
                if (slot == &c->code)
                        c->time = strcasestr(h, "time") || strcasestr(h, "period") || strcasestr(h, "year");
        }
}

/* A number from the CSV in the reader's language.  The CSV keeps every
 * digit (derived rates have many); the table rounds to one decimal, as a
 * reader quotes it, and links the CSV for the exact figure. */
static void format_cell(ms_lang l, const char *text, char *buf, size_t n) {
        char *end = NULL;
        double v = text[0] ? strtod(text, &end) : NAN;
        const char *dot = strchr(text, '.');
        size_t decimals = dot ? strspn(dot + 1, "0123456789") : 0;
        if (!end || *end || isnan(v) ||
            ms_format_number(l, v, decimals > 1 ? 1 : (unsigned) decimals, buf, n) < 0)
                snprintf(buf, n, "%s", text[0] ? text : words[l].missing);
}

static int snippet_cell(ms_buf *b, const char *tag, const char *text) {
        int r = ms_buf_printf(b, "<%s%s>", tag, strcmp(tag, "th") == 0 ? " scope=\"row\"" : "");
        if (r >= 0)
                r = put_text(b, text);
        return r >= 0 ? ms_buf_printf(b, "</%s>", tag) : r;
}

static int snippet_row(const ms_snippet *s, const ms_buf *f, const size_t *off, size_t n,
                       const csv_columns *c, ms_buf *b) {
        char label[128], num[64];
        ms_period p;
        const char *code = c->code >= 0 && (size_t) c->code < n ? f->data + off[c->code] : "";
        const char *lab = c->label >= 0 && (size_t) c->label < n ? f->data + off[c->label] : code;
        if (ms_period_parse(code, &p) < 0 || ms_format_period(s->lang, &p, label, sizeof(label)) < 0)
                snprintf(label, sizeof(label), "%s", lab[0] ? lab : code);
        int r = ms_buf_puts(b, "<tr>");
        if (r >= 0 && c->series >= 0 && (size_t) c->series < n)
                r = snippet_cell(b, "td", f->data + off[c->series]);
        if (r >= 0)
                r = snippet_cell(b, "th", label);
        if (r >= 0 && c->previous >= 0 && (size_t) c->previous < n) {
                format_cell(s->lang, f->data + off[c->previous], num, sizeof(num));
                r = snippet_cell(b, "td", num);
        }
        format_cell(s->lang, c->value >= 0 && (size_t) c->value < n ? f->data + off[c->value] : "", num,
                    sizeof(num));
        if (r >= 0)
                r = snippet_cell(b, "td", num);
        return r >= 0 ? ms_buf_puts(b, "</tr>\n") : r;
}

static int snippet_head(const ms_snippet *s, const csv_columns *c, ms_buf *b) {
        int r = ms_buf_puts(b, "<thead><tr>");
        if (r >= 0 && c->series >= 0)
                r = ms_buf_printf(b, "<th scope=\"col\">%s</th>", words[s->lang].series);
        if (r >= 0)
                r = ms_buf_printf(b, "<th scope=\"col\">%s</th>",
                                  c->time || c->code < 0 ? words[s->lang].period : words[s->lang].category);
        if (r >= 0 && c->previous >= 0)
                r = ms_buf_printf(b, "<th scope=\"col\">%s</th>", words[s->lang].previous);
        if (r >= 0 && (r = ms_buf_puts(b, "<th scope=\"col\">")) >= 0 &&
            (r = put_text(b, s->unit ? s->unit : words[s->lang].value)) >= 0)
                r = ms_buf_puts(b, "</th></tr></thead>\n");
        return r;
}

/* The numbers for readers who cannot see the image, and for anyone who
 * wants to check a figure: an ordinary table, closed by default. */
static int snippet_table(const ms_snippet *s, ms_buf *b) {
        const char *p = s->csv ? s->csv : "", *end = p + (s->csv ? s->csv_len : 0);
        ms_buf f = {0};
        size_t off[CSV_MAX_FIELDS], n = csv_record(&p, end, &f, off);
        csv_columns c;
        csv_find_columns(&f, off, n, &c);
        int r = ms_buf_printf(b, "<details>\n<summary>%s</summary>\n<table>\n<caption>",
                              words[s->lang].table);
        if (r >= 0 && (r = put_text(b, s->title)) >= 0 && (r = ms_buf_puts(b, "</caption>\n")) >= 0 &&
            (r = snippet_head(s, &c, b)) >= 0)
                r = ms_buf_puts(b, "<tbody>\n");
        while (r >= 0 && (n = csv_record(&p, end, &f, off)) > 0)
                r = snippet_row(s, &f, off, n, &c, b);
        ms_buf_done(&f);
        return r >= 0 ? ms_buf_puts(b, "</tbody>\n</table>\n</details>\n") : r;
}

/* " (Daten aktualisiert am 22.09.2026)" / " (data updated 2026-09-22)" from
 * the dataset's "updated" ("2026-09-22T11:00:00+0200" or "2026-09-22");
 * nothing when it does not start with a date. */
static int snippet_updated(const ms_snippet *s, ms_buf *b) {
        unsigned y, m, d;
        char tail;
        if (!s->updated || sscanf(s->updated, "%4u-%2u-%2u%c", &y, &m, &d, &tail) < 3 || m < 1 || m > 12 ||
            d < 1 || d > 31)
                return 0;
        if (s->lang == MS_LANG_DE)
                return ms_buf_printf(b, " (%s %02u.%02u.%04u)", words[s->lang].updated, d, m, y);
        return ms_buf_printf(b, " (%s %04u-%02u-%02u)", words[s->lang].updated, y, m, d);
}

static int snippet_caption(const ms_snippet *s, ms_buf *b) {
        char stand[64];
        format_period_code(s->lang, s->reference_period, stand, sizeof(stand));
        int r = ms_buf_puts(b, "<figcaption>");
        if (r >= 0 && (r = put_text(b, s->source_line)) >= 0)
                r = ms_buf_printf(b, " · %s: ", words[s->lang].stand);
        if (r >= 0 && (r = put_text(b, stand)) >= 0)
                r = snippet_updated(s, b);
        if (r >= 0)
                r = ms_buf_printf(b, " · %s: ", words[s->lang].licence);
        if (r >= 0 && (r = put_text(b, s->licence)) >= 0 && (r = ms_buf_puts(b, " · <a href=\"")) >= 0 &&
            (r = put_url(b, s, ".csv")) >= 0)
                r = ms_buf_printf(b, "\" download=\"\">%s</a></figcaption>\n", words[s->lang].csv);
        return r;
}

int ms_snippet_write(const ms_snippet *s, ms_buf *out) {
        if (s->lang < 0 || s->lang >= MS_LANG_COUNT)
                return -EINVAL;
        int r = ms_buf_printf(
                out, "<figure class=\"migstat-chart\" lang=\"%s\" style=\"margin:0;max-width:%upx\">\n",
                ms_lang_code(s->lang), s->width);
        if (r >= 0)
                r = s->plain ? snippet_img(s, out, false) : snippet_picture(s, out);
        if (r >= 0)
                r = snippet_table(s, out);
        if (r >= 0)
                r = snippet_caption(s, out);
        return r >= 0 ? ms_buf_puts(out, "</figure>\n") : r;
}
