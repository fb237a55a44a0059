/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "migstat/format.h"
#include "migstat/period.h"
#include "migstat/snippet.h"

/* Words of the snippet itself, per language. */
static const struct {
        const char *stand, *licence, *csv, *table, *period, *value, *missing;
} words[MS_LANG_COUNT] = {
        [MS_LANG_DE] = {"Stand", "Lizenz", "Daten als CSV", "Die Zahlen als Tabelle", "Zeitraum", "Wert",
                        "keine Angabe"},
        [MS_LANG_EN] = {"As of", "Licence", "Data as CSV", "The numbers as a table", "Period", "Value",
                        "not available"},
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

static int snippet_picture(const ms_snippet *s, ms_buf *b) {
        int r = ms_buf_puts(b, "<picture>\n");
        if (r >= 0 && s->has_dark) {
                r = ms_buf_puts(b, "<source media=\"(prefers-color-scheme: dark)\" type=\"image/svg+xml\" srcset=\"");
                if (r >= 0 && (r = put_url(b, s, ".dark.svg")) >= 0)
                        r = ms_buf_puts(b, "\" />\n");
        }
        if (r >= 0 && (r = ms_buf_puts(b, "<source type=\"image/svg+xml\" srcset=\"")) >= 0 &&
            (r = put_url(b, s, ".svg")) >= 0)
                r = ms_buf_puts(b, "\" />\n<img src=\"");
        if (r >= 0 && (r = put_url(b, s, ".png")) >= 0 && (r = ms_buf_puts(b, "\" srcset=\"")) >= 0 &&
            (r = put_url(b, s, ".png")) >= 0 && (r = ms_buf_puts(b, " 1x, ")) >= 0 &&
            (r = put_url(b, s, "@2x.png")) >= 0)
                r = ms_buf_printf(b, " 2x\" width=\"%u\" height=\"%u\" alt=\"", s->width, s->height);
        if (r >= 0 && (r = put_text(b, s->alt)) >= 0)
                r = ms_buf_puts(b, "\" style=\"max-width:100%;height:auto\" decoding=\"async\" />\n</picture>\n");
        return r;
}

static int snippet_row(const ms_snippet *s, size_t i, ms_buf *b) {
        const ms_series *d = s->series;
        char period[64], value[64];
        ms_period p;
        if (ms_period_parse(d->codes[i], &p) < 0 || ms_format_period(s->lang, &p, period, sizeof(period)) < 0)
                snprintf(period, sizeof(period), "%s", d->labels && d->labels[i] ? d->labels[i] : d->codes[i]);
        if (isnan(d->values[i]) || ms_format_number(s->lang, d->values[i], 0, value, sizeof(value)) < 0)
                snprintf(value, sizeof(value), "%s", words[s->lang].missing);
        int r = ms_buf_puts(b, "<tr><th scope=\"row\">");
        if (r >= 0 && (r = put_text(b, period)) >= 0 && (r = ms_buf_puts(b, "</th><td>")) >= 0 &&
            (r = put_text(b, value)) >= 0)
                r = ms_buf_puts(b, "</td></tr>\n");
        return r;
}

/* The numbers for readers who cannot see the image, and for anyone who
 * wants to check a figure: an ordinary table, closed by default. */
static int snippet_table(const ms_snippet *s, ms_buf *b) {
        int r = ms_buf_printf(b, "<details>\n<summary>%s</summary>\n<table>\n<caption>", words[s->lang].table);
        if (r >= 0 && (r = put_text(b, s->title)) >= 0)
                r = ms_buf_printf(b, "</caption>\n<thead><tr><th scope=\"col\">%s</th><th scope=\"col\">",
                                  words[s->lang].period);
        if (r >= 0 && (r = put_text(b, s->unit ? s->unit : words[s->lang].value)) >= 0)
                r = ms_buf_puts(b, "</th></tr></thead>\n<tbody>\n");
        for (size_t i = 0; r >= 0 && s->series && i < s->series->n; i++)
                r = snippet_row(s, i, b);
        return r >= 0 ? ms_buf_puts(b, "</tbody>\n</table>\n</details>\n") : r;
}

static int snippet_caption(const ms_snippet *s, ms_buf *b) {
        char stand[64];
        format_period_code(s->lang, s->reference_period, stand, sizeof(stand));
        int r = ms_buf_puts(b, "<figcaption>");
        if (r >= 0 && (r = put_text(b, s->source_line)) >= 0)
                r = ms_buf_printf(b, " · %s: ", words[s->lang].stand);
        if (r >= 0 && (r = put_text(b, stand)) >= 0)
                r = ms_buf_printf(b, " · %s: ", words[s->lang].licence);
        if (r >= 0 && (r = put_text(b, s->licence)) >= 0 && (r = ms_buf_puts(b, " · <a href=\"")) >= 0 &&
            (r = put_url(b, s, ".csv")) >= 0)
                r = ms_buf_printf(b, "\" download=\"\">%s</a></figcaption>\n", words[s->lang].csv);
        return r;
}

int ms_snippet_write(const ms_snippet *s, ms_buf *out) {
        if (s->lang < 0 || s->lang >= MS_LANG_COUNT)
                return -EINVAL;
        int r = ms_buf_printf(out, "<figure class=\"migstat-chart\" lang=\"%s\" style=\"margin:0;max-width:%upx\">\n",
                              ms_lang_code(s->lang), s->width);
        if (r >= 0)
                r = snippet_picture(s, out);
        if (r >= 0)
                r = snippet_table(s, out);
        if (r >= 0)
                r = snippet_caption(s, out);
        return r >= 0 ? ms_buf_puts(out, "</figure>\n") : r;
}
