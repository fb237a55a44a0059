/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * What a chart spec selects from its source's cube: the derived measure
 * (select.measure), the filters (a filter code "latest" on the time
 * dimension means the last period that has a value), and one series, or one
 * series per category of select.series.  Then the layout of that data in
 * one language.  Pure: the cubes come from the caller.
 */
#include "migstat/chart_spec.h"
#include "migstat/cube.h"
#include "migstat/render.h"
#include "migstat/series_set.h"

typedef struct ms_chart_data ms_chart_data;

/* population may be NULL unless the measure needs it. */
int ms_chart_data_select(const ms_chart_spec *spec, const ms_cube *cube, const ms_cube *population,
                         ms_chart_data **ret, ms_error *err);
/* The cube of a source id, or NULL when there is none. */
typedef const ms_cube *(*ms_cube_lookup_fn)(const char *id, void *userdata);
/* The same, finding the spec's source, population and each series' own
 * source (select.series_labels.*.source) through lookup. */
int ms_chart_data_select_from(const ms_chart_spec *spec, ms_cube_lookup_fn lookup, void *userdata,
                              ms_chart_data **ret, ms_error *err);
ms_chart_data *ms_chart_data_free(ms_chart_data *d);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_chart_data *, ms_chart_data_free);

/* Lay the data out in one language (ms_chart_layout or ms_chart_layout_set). */
int ms_chart_data_layout(ms_renderer *r, const ms_chart_spec *spec, const ms_chart_data *d, ms_lang lang,
                         ms_chart **ret, ms_error *err);
