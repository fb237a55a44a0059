/* SPDX-License-Identifier: MIT */
/*
 * The files of a chart for print and for sharing: a PDF of the chart as
 * laid out for the screen (a print desk places it like an image, fonts
 * embedded), and a 1200x630 PNG laid out anew for link previews (og:image,
 * twitter:card "summary_large_image" ask for about 1.91:1).  Both are
 * cheap on purpose: the PDF reuses the main layout, the share image is one
 * more layout and one 1x PNG (no 2x, no dark, no phone variant).
 */
#include "cycle_share.h"

#define SHARE_WIDTH 1200
#define SHARE_HEIGHT 630

int cycle_render_print_share(ms_renderer *rr, cycle_chart *cc, ms_lang lang, ms_error *err) {
        const char *lc = ms_lang_code(lang);
        ms_buf b = {0};
        int r = ms_chart_write_pdf(cc->chart[lang], &b, err);
        if (r >= 0)
                r = cycle_keep_output(cc, lc, ".pdf", &b);
        ms_buf_done(&b);
        if (r < 0)
                return r;
        ms_chart_spec share = *cc->spec; /* shallow: only the size differs */
        share.width = SHARE_WIDTH;
        share.height = SHARE_HEIGHT;
        _cleanup_(ms_chart_freep) ms_chart *chart = NULL;
        r = ms_chart_data_layout(rr, &share, cc->data, lang, &chart, err);
        if (r >= 0)
                r = ms_chart_write_png(chart, 1, &b, err);
        if (r >= 0)
                r = cycle_keep_output(cc, lc, ".share.png", &b);
        ms_buf_done(&b);
        return r;
}
