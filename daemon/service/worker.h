/* SPDX-License-Identifier: MIT */
#pragma once

/*
 * One job at a time off the event loop: ms_worker_start() runs fn(job) in a
 * new thread; when it returns, the thread writes an eventfd watched by the
 * loop, and the loop joins the thread and calls done(r, job) there.  So the
 * loop, the control socket and the watchdog stay responsive while a release
 * is drawn, and the job's result is only ever touched by one thread at a time
 * (the join orders the accesses).
 *
 * The caller blocks SIGTERM, SIGINT and SIGHUP before creating the worker;
 * the thread inherits the mask, so signals reach the loop's signalfd.
 */
#include <stdbool.h>
#include <systemd/sd-event.h>

#include "migstat/macro.h"

typedef struct ms_worker ms_worker;
typedef int (*ms_worker_fn)(void *job);
typedef void (*ms_worker_done_fn)(ms_worker *w, int r, void *job, void *userdata);

int ms_worker_new(sd_event *e, ms_worker_done_fn done, void *userdata, ms_worker **ret);
/* -EBUSY while a job runs. */
int ms_worker_start(ms_worker *w, ms_worker_fn fn, void *job);
bool ms_worker_busy(const ms_worker *w);
/* Waits for a running job (without calling done). */
ms_worker *ms_worker_free(ms_worker *w);
DEFINE_TRIVIAL_CLEANUP_FUNC(ms_worker *, ms_worker_free);
