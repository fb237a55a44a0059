/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <limits.h>
#include <malloc.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>
#include <systemd/sd-event.h>
#include <time.h>
#include <unistd.h>

#include "base/log.h"
#include "base/timefmt.h"
#include "cycle/config_check.h"
#include "service/runner.h"
#include "service/schedule.h"
#include "service/service.h"
#include "service/worker.h"

/* Let wake-ups coalesce: a poll a minute late does not matter. */
#define SERVICE_POLL_ACCURACY_USEC (60ULL * 1000000ULL)
/* SIGHUPs within this time are one reload. */
#define SERVICE_RELOAD_COALESCE_MSEC 200
/* glibc's initial default, kept fixed (see ms_service_run()). */
#define SERVICE_MMAP_THRESHOLD (128 * 1024)

typedef struct service_job {
        ms_config *config; /* borrowed: the service's, or retired while this runs */
        ms_renderer *renderer;
        ms_cycle_options options;
        bool *due; /* a poll's sources that were due (options.due), NULL: all */
        ms_cycle_hook_status hook;
        ms_run_result result;
} service_job;

/* What a request asks of a run.  Requests that coalesce merge: any manual
 * one renders (not only if a source changed), any forced one publishes. */
typedef struct service_request {
        bool force; /* regenerate --force */
        bool if_changed; /* the poll timer, once a release of this configuration is current */
        bool poll; /* the poll timer: only the sources due (poll_due) are requested */
} service_request;

struct ms_service {
        sd_event *event;
        const ms_service_options *options;
        ms_config *config;
        ms_renderer *renderer;
        /* The configuration a running job still uses after a reload replaced it. */
        ms_config *retired_config;
        ms_renderer *retired_renderer;

        ms_worker *worker;
        sd_event_source *poll_timer, *stall_timer, *reload_timer;
        unsigned hups; /* SIGHUPs since the reload timer was armed */
        service_job job;
        service_request queued_request;
        bool queued, stopping;
        /* Per source, when it was last polled: seeded from the cache so the
         * schedule survives restarts (schedule.h). */
        int64_t *last_poll;
        bool *poll_due; /* sources due at a poll since the last run started (n_sources) */
        /* A release made with the loaded configuration is current: from then
         * on the timer's polls publish only if a source changed. */
        bool config_published;
        ms_cycle_hook_status last_hook; /* result = 1: no hook ran yet */

        unsigned runs, failures, coalesced;
        ms_run_result last;
        time_t last_finished, started;
        /* The last release this process published: STATUS= keeps saying
         * when that was after unchanged or failed cycles. */
        char published[128];
        time_t published_at;

        /* Runs are numbered from 1 in the order they are asked for: the
         * running one, the queued one (0: none), the last one that ended. */
        uint64_t next_id, running_id, queued_id, last_id;
        ms_service_observer observer;
};
typedef struct ms_service service;

static const char *service_publish_dir(const service *svc) {
        return svc->options->publish_dir ? svc->options->publish_dir : svc->config->publish_dir;
}

static void format_utc(time_t t, char *out, size_t n) {
        if (t == 0)
                snprintf(out, n, "never");
        else
                ms_format_utc(t, out, n, "never");
}

/* STATUS= in one line: what it does now, how the last cycle ended, and
 * (when that was not a publish) when this process last published. */
static void service_notify_status(const service *svc) {
        char when[32], pub[32], last[512], published[200] = "";
        format_utc(svc->last_finished, when, sizeof(when));
        format_utc(svc->published_at, pub, sizeof(pub));
        if (svc->published[0] && svc->last.outcome != MS_RUN_PUBLISHED)
                snprintf(published, sizeof(published), "; last published %s at %s", svc->published, pub);
        if (svc->runs == 0)
                snprintf(last, sizeof(last), "no cycle finished yet");
        else if (svc->last.outcome == MS_RUN_FAILED)
                snprintf(last, sizeof(last), "last cycle failed at %s (%.180s)%s", when, svc->last.reason,
                         published);
        else
                snprintf(last, sizeof(last), "last %s %s at %s%s",
                         ms_run_outcome_to_string(svc->last.outcome), svc->last.release, when, published);
        const char *doing = svc->stopping ? "Stopping, finishing the release in progress"
                            : ms_worker_busy(svc->worker) && svc->queued
                                    ? "Rendering a release (one more queued)"
                            : ms_worker_busy(svc->worker) ? "Rendering a release"
                                                          : "Idle";
        (void) sd_notifyf(0, "STATUS=%s; %s", doing, last);
}

static int service_request_run(service *svc, service_request req, const char **ret_what, uint64_t *ret_id);

static int service_job_run(void *userdata) {
        service_job *job = userdata;
        return ms_run_cycle(job->config, job->renderer, &job->options, &job->result);
}

static int service_start_run(service *svc, service_request req, uint64_t id) {
        ms_run_result_done(&svc->job.result);
        free(svc->job.due);
        svc->job = (service_job){.config = svc->config, .renderer = svc->renderer, .hook = {.result = 1}};
        /* A poll requests the sources that were due; a manual run, or one a
         * manual request joined, all of them.  Either way the run serves
         * the polls so far. */
        size_t n = svc->config->n_sources;
        if (req.poll && !(svc->job.due = malloc((n + 1) * sizeof(bool))))
                return log_error_errno(-ENOMEM, "out of memory");
        if (req.poll)
                memcpy(svc->job.due, svc->poll_due, n * sizeof(bool));
        memset(svc->poll_due, 0, n * sizeof(bool));
        svc->job.options = (ms_cycle_options){.publish_dir = service_publish_dir(svc),
                                              .force = req.force,
                                              .if_changed = req.if_changed,
                                              .due = svc->job.due,
                                              .hook_status = &svc->job.hook};
        int r = ms_worker_start(svc->worker, service_job_run, &svc->job);
        if (r < 0)
                return log_error_errno(r, "cannot start a render worker: %m");
        svc->running_id = id;
        log_debug("run #%llu started%s", (unsigned long long) id,
                  req.force        ? " (forced)"
                  : req.if_changed ? " (poll)"
                                   : "");
        service_notify_status(svc);
        return 0;
}

/* Start a run, or queue one more if one is running: any number of requests
 * during a run coalesce into that one more run.  *ret_what says which, *ret_id
 * is the run that will serve the request. */
int ms_service_request_run(ms_service *svc, bool force, bool poll, const char **ret_what, uint64_t *ret_id) {
        service_request req = {.force = force, .if_changed = poll && !force && svc->config_published};
        return service_request_run(svc, req, ret_what, ret_id);
}

static int service_request_run(service *svc, service_request req, const char **ret_what, uint64_t *ret_id) {
        if (svc->stopping)
                return -ESHUTDOWN;
        if (!ms_worker_busy(svc->worker)) {
                int r = service_start_run(svc, req, ++svc->next_id);
                if (r < 0)
                        return r;
                *ret_what = "started";
                *ret_id = svc->running_id;
                return 0;
        }
        if (svc->queued) {
                svc->queued_request.force |= req.force;
                svc->queued_request.if_changed &= req.if_changed;
                svc->queued_request.poll &= req.poll;
                svc->coalesced++;
                *ret_what = "coalesced";
                *ret_id = svc->queued_id;
                return 0;
        }
        svc->queued = true;
        svc->queued_request = req;
        svc->queued_id = ++svc->next_id;
        service_notify_status(svc);
        *ret_what = "queued";
        *ret_id = svc->queued_id;
        return 0;
}

/* The run's end in the journal: a failure with the chart or source, its
 * configuration file and the reason as fields (MIGSTAT_CHART=,
 * MIGSTAT_SOURCE=, MIGSTAT_FILE=), so `journalctl MIGSTAT_CHART=x` finds it. */
static void service_log_result(uint64_t id, const ms_run_result *res) {
        char field[160], subject[200], file[300], run[64];
        snprintf(run, sizeof(run), "MIGSTAT_RUN=%llu", (unsigned long long) id);
        if (res->outcome == MS_RUN_FAILED) {
                snprintf(subject, sizeof(subject), "MIGSTAT_%s=%s",
                         strcmp(res->subject_kind, "source") == 0 ? "SOURCE" : "CHART", res->subject);
                snprintf(file, sizeof(file), "MIGSTAT_FILE=%s", res->file);
                const char *fields[4] = {run, NULL, NULL, NULL}, **f = fields + 1;
                if (res->subject[0])
                        *f++ = subject;
                if (res->file[0])
                        *f = file;
                ms_log_full(LOG_ERR, res->error, fields, "run #%llu failed, current release kept: %s%s%s%s",
                            (unsigned long long) id, res->reason, res->file[0] ? " (defined in " : "",
                            res->file, res->file[0] ? ")" : "");
                return;
        }
        snprintf(field, sizeof(field), "MIGSTAT_RELEASE=%s", res->release);
        const char *const fields[] = {run, field, NULL};
        ms_log_full(LOG_INFO, 0, fields, "run #%llu %s release %s", (unsigned long long) id,
                    ms_run_outcome_to_string(res->outcome), res->release);
}

/* Between two releases the service idles for hours: give back what a run
 * left.  The renderer's reusable buffers go (bench/control.sh: 22 of 38 MiB
 * anonymous memory), then malloc_trim() returns the free pages of every
 * arena, the worker thread's included, to the kernel. */
static void service_release_memory(service *svc) {
        if (svc->renderer)
                ms_renderer_trim(svc->renderer);
        (void) malloc_trim(0);
}

/* The queued run will not happen: whoever waits for it learns why. */
static void service_drop_queued(service *svc, const char *why) {
        ms_run_result res = {.outcome = MS_RUN_FAILED, .error = -ECANCELED};
        uint64_t id = svc->queued_id;
        svc->queued = false;
        svc->queued_id = 0;
        if (id == 0 || !svc->observer.run_done)
                return;
        snprintf(res.reason, sizeof(res.reason), "%s", why);
        svc->observer.run_done(id, &res, svc->observer.userdata);
}

static uint64_t service_next_delay_usec(const service *svc);

static void on_run_done(ms_worker *w, int r, void *userdata_job, void *userdata) {
        service *svc = userdata;
        service_job *job = userdata_job;
        (void) w;
        (void) r;
        svc->runs++;
        if (job->result.outcome == MS_RUN_FAILED)
                svc->failures++;
        svc->last_finished = time(NULL);
        svc->last_id = svc->running_id;
        svc->running_id = 0;
        service_log_result(svc->last_id, &job->result);
        ms_run_result_done(&svc->last);
        svc->last = job->result;
        job->result = (ms_run_result){.outcome = MS_RUN_FAILED};
        if (svc->observer.run_done)
                svc->observer.run_done(svc->last_id, &svc->last, svc->observer.userdata);
        if (svc->last.outcome == MS_RUN_PUBLISHED && svc->last.release) {
                snprintf(svc->published, sizeof(svc->published), "%s", svc->last.release);
                svc->published_at = svc->last_finished;
        }
        if (job->hook.result <= 0)
                svc->last_hook = job->hook;
        if (svc->last.outcome != MS_RUN_FAILED && job->config == svc->config)
                svc->config_published = true;
        /* Failing sources are polled again soon: re-arm for the earliest. */
        if (job->config == svc->config && svc->poll_timer &&
            ms_schedule_retry_failing(svc->config, svc->last.sources, svc->last.n_sources, svc->last_poll,
                                      (int64_t) time(NULL)) > 0 &&
            (sd_event_source_set_time_relative(svc->poll_timer, service_next_delay_usec(svc)) < 0 ||
             sd_event_source_set_enabled(svc->poll_timer, SD_EVENT_ONESHOT) < 0))
                log_warning("cannot re-arm the poll timer for failing sources, ignoring");
        service_release_memory(svc);
        /* The job is done with a configuration a reload replaced meanwhile. */
        svc->retired_renderer = ms_renderer_free(svc->retired_renderer);
        svc->retired_config = ms_config_free(svc->retired_config);
        if (svc->stopping) {
                (void) sd_event_exit(svc->event, 0);
                return;
        }
        if (svc->queued) {
                svc->queued = false;
                if (service_start_run(svc, svc->queued_request, svc->queued_id) < 0)
                        service_drop_queued(svc, "the queued run could not start (see the journal)");
                return;
        }
        service_notify_status(svc);
}

/* Microseconds until the earliest source is due (schedule.h); the cycle
 * then requests the sources due (the others' cached responses stand in). */
static uint64_t service_next_delay_usec(const service *svc) {
        int64_t d = ms_schedule_cycle_delay(svc->config, svc->last_poll, (int64_t) time(NULL));
        log_debug("next poll in %lld s", (long long) d);
        return (uint64_t) (d > 0 ? d : 0) * 1000000ULL;
}

/* Whether source i failed, or its cache or seed stood in, in the last run:
 * then every poll asks it again (its streak ends only with a real answer). */
static bool service_source_failing(const service *svc, size_t i) {
        if (svc->last.n_sources != svc->config->n_sources)
                return true; /* another configuration's run: ask */
        return svc->last.sources[i].state != MS_SOURCE_OK || svc->last.sources[i].error != 0;
}

static int on_poll(sd_event_source *s, uint64_t usec, void *userdata) {
        service *svc = userdata;
        (void) usec;
        service_request req = {.if_changed = svc->config_published, .poll = true};
        const char *what = "refused";
        uint64_t id = 0;
        int64_t now = (int64_t) time(NULL);
        for (size_t i = 0; i < svc->config->n_sources; i++)
                if (ms_schedule_next_poll(&svc->config->sources[i], svc->last_poll[i], now) <= now ||
                    service_source_failing(svc, i)) {
                        svc->poll_due[i] = true;
                        svc->last_poll[i] = now;
                }
        int r = service_request_run(svc, req, &what, &id);
        if (r < 0)
                log_warning_errno(r, "poll timer: cannot start a run: %m");
        else
                log_debug("poll timer: run #%llu %s", (unsigned long long) id, what);
        r = sd_event_source_set_time_relative(s, service_next_delay_usec(svc));
        if (r >= 0)
                r = sd_event_source_set_enabled(s, SD_EVENT_ONESHOT);
        return r < 0 ? log_error_errno(r, "cannot re-arm the poll timer: %m") : 0;
}

/* Replace the configuration.  A running job keeps the one it started with.
 * The new one has not published yet, and its sources' poll times come from
 * the cache (sources may have been added or removed). */
static void service_swap_config(service *svc, ms_config *c, ms_renderer *rr, int64_t *last_poll,
                                bool *poll_due) {
        if (ms_worker_busy(svc->worker) && svc->job.config == svc->config) {
                svc->retired_config = svc->config;
                svc->retired_renderer = svc->renderer;
        } else {
                ms_config_free(svc->config);
                ms_renderer_free(svc->renderer);
        }
        svc->config = c;
        svc->renderer = rr;
        free(svc->last_poll);
        svc->last_poll = last_poll;
        free(svc->poll_due);
        svc->poll_due = poll_due;
        svc->queued_request.poll = false; /* its due sources were the old configuration's */
        svc->config_published = false;
        int r = sd_event_source_set_time_relative(svc->poll_timer, service_next_delay_usec(svc));
        if (r >= 0)
                r = sd_event_source_set_enabled(svc->poll_timer, SD_EVENT_ONESHOT);
        if (r < 0)
                log_error_errno(r, "cannot re-arm the poll timer: %m");
}

/* Re-read the configuration; on any error keep the old one.  The reason is
 * logged and also returned in reason (for the control client). */
int ms_service_reload(ms_service *svc, char *reason, size_t n) {
        ms_error err = {.offset = -1};
        char buf[1024];
        _cleanup_(ms_config_freep) ms_config *c = NULL;
        _cleanup_(ms_renderer_freep) ms_renderer *rr = NULL;
        (void) sd_notify(0, "RELOADING=1\nSTATUS=Reloading the configuration");
        _cleanup_free_ int64_t *last_poll = NULL;
        _cleanup_free_ bool *poll_due = NULL;
        int r = ms_config_load(svc->options->config_dir, &c, &err);
        if (r >= 0)
                r = ms_config_check(c, &err);
        if (r >= 0) {
                err = (ms_error){.file = c->fonts_file, .offset = -1};
                r = ms_renderer_new(c->fonts_file, &rr, &err);
        }
        if (r >= 0 && (!(last_poll = calloc(c->n_sources + 1, sizeof(*last_poll))) ||
                       !(poll_due = calloc(c->n_sources + 1, sizeof(*poll_due)))))
                r = ms_error_set(&err, -ENOMEM, "", "out of memory");
        if (r >= 0)
                ms_schedule_load_last(c, last_poll);
        if (r < 0) {
                snprintf(reason, n, "%s", ms_error_format(&err, buf, sizeof(buf)));
                log_error_errno(r, "reload rejected, keeping the old configuration: %s", reason);
        } else {
                log_info("configuration reloaded: %zu sources, %zu chart specs", c->n_sources, c->n_charts);
                service_swap_config(svc, TAKE_PTR(c), TAKE_PTR(rr), TAKE_PTR(last_poll), TAKE_PTR(poll_due));
                if (svc->observer.config_loaded)
                        svc->observer.config_loaded(svc->config, svc->observer.userdata);
        }
        (void) sd_notify(0, "READY=1");
        service_notify_status(svc);
        return r;
}

static int on_reload_timer(sd_event_source *s, uint64_t usec, void *userdata) {
        service *svc = userdata;
        char reason[512];
        (void) s, (void) usec;
        if (svc->hups > 1)
                log_info("%u SIGHUPs in %d ms: one reload", svc->hups, SERVICE_RELOAD_COALESCE_MSEC);
        svc->hups = 0;
        (void) ms_service_reload(svc, reason, sizeof(reason));
        return 0;
}

static int on_signal(sd_event_source *s, const struct signalfd_siginfo *si, void *userdata) {
        service *svc = userdata;
        (void) s;
        /* A burst of SIGHUPs (a config management run, a loop in a script)
         * is one reload: the first arms a short timer, the rest join it. */
        if (si->ssi_signo == SIGHUP) {
                if (svc->hups++ > 0)
                        return 0;
                int r = sd_event_source_set_time_relative(svc->reload_timer,
                                                          SERVICE_RELOAD_COALESCE_MSEC * 1000ULL);
                if (r >= 0)
                        r = sd_event_source_set_enabled(svc->reload_timer, SD_EVENT_ONESHOT);
                return r < 0 ? on_reload_timer(NULL, 0, svc) : 0;
        }
        if (svc->stopping) {
                /* Abandon: the staging directory is removed by the next start;
                 * `current` still names the last complete release. */
                log_warning("second stop request: abandoning the release in progress");
                (void) sd_notify(0, "STATUS=Abandoning the release in progress");
                _exit(EXIT_SUCCESS);
        }
        svc->stopping = true;
        service_drop_queued(svc, "the daemon stopped before this run started");
        (void) sd_notify(0, "STOPPING=1");
        if (!ms_worker_busy(svc->worker))
                return sd_event_exit(svc->event, 0);
        log_info("stopping after the release in progress");
        service_notify_status(svc);
        return 0;
}

/* Test only (--test-stall-after): block the loop so the watchdog fires. */
static int on_stall(sd_event_source *s, uint64_t usec, void *userdata) {
        (void) s;
        (void) usec;
        (void) userdata;
        log_warning("test switch: stalling the event loop on purpose");
        for (;;)
                pause();
        return 0;
}

/* ---- set-up -------------------------------------------------------------- */

static int service_setup_loop(service *svc) {
        sigset_t mask;
        sigemptyset(&mask);
        sigaddset(&mask, SIGTERM);
        sigaddset(&mask, SIGINT);
        sigaddset(&mask, SIGHUP);
        /* Before any thread exists, so every thread inherits the mask. */
        if (sigprocmask(SIG_BLOCK, &mask, NULL) < 0)
                return -errno;
        int r = sd_event_default(&svc->event);
        if (r >= 0)
                r = sd_event_add_signal(svc->event, NULL, SIGTERM, on_signal, svc);
        if (r >= 0)
                r = sd_event_add_signal(svc->event, NULL, SIGINT, on_signal, svc);
        if (r >= 0)
                r = sd_event_add_signal(svc->event, NULL, SIGHUP, on_signal, svc);
        if (r >= 0)
                r = sd_event_add_time_relative(svc->event, &svc->reload_timer, CLOCK_MONOTONIC, 0, 0,
                                               on_reload_timer, svc);
        if (r >= 0)
                r = sd_event_source_set_enabled(svc->reload_timer, SD_EVENT_OFF);
        if (r >= 0)
                r = sd_event_set_watchdog(svc->event, true);
        /* The first cycle: at once when nothing is published yet, else when
         * the schedule says (it survives restarts through the cache). */
        char current[PATH_MAX];
        snprintf(current, sizeof(current), "%s/current", service_publish_dir(svc));
        uint64_t first = access(current, F_OK) == 0 ? service_next_delay_usec(svc) : 0;
        if (r >= 0)
                r = sd_event_add_time_relative(svc->event, &svc->poll_timer, CLOCK_BOOTTIME, first,
                                               SERVICE_POLL_ACCURACY_USEC, on_poll, svc);
        if (r >= 0)
                (void) sd_event_source_set_description(svc->poll_timer, "poll");
        if (r >= 0 && svc->options->test_stall_after_usec > 0)
                r = sd_event_add_time_relative(svc->event, &svc->stall_timer, CLOCK_MONOTONIC,
                                               svc->options->test_stall_after_usec, 0, on_stall, svc);
        if (r >= 0)
                r = ms_worker_new(svc->event, on_run_done, svc, &svc->worker);
        return r;
}

static void service_done(service *svc) {
        svc->worker = ms_worker_free(svc->worker); /* joins a running job */
        ms_run_result_done(&svc->job.result);
        ms_run_result_done(&svc->last);
        svc->poll_timer = sd_event_source_disable_unref(svc->poll_timer);
        svc->stall_timer = sd_event_source_disable_unref(svc->stall_timer);
        svc->reload_timer = sd_event_source_disable_unref(svc->reload_timer);
        svc->event = sd_event_unref(svc->event);
        free(svc->last_poll);
        svc->last_poll = NULL;
        free(svc->poll_due);
        svc->poll_due = NULL;
        free(svc->job.due);
        svc->job.due = NULL;
        ms_renderer_free(svc->retired_renderer);
        ms_config_free(svc->retired_config);
        ms_renderer_free(svc->renderer);
        ms_config_free(svc->config);
}

ms_service *ms_service_free(ms_service *svc) {
        if (!svc)
                return NULL;
        service_done(svc);
        free(svc);
        return NULL;
}

int ms_service_new(ms_config *c, const ms_service_options *o, ms_service **ret) {
        ms_error err = {.file = c->fonts_file, .offset = -1};
        char buf[1024];
        /* A fixed threshold (which also turns off glibc's raising it after
         * each free of a large block): the megabytes a release allocates and
         * frees are mmap()ed and go back at free(), instead of staying in the
         * worker's arena pinned by the font caches that live there.  Idle
         * anonymous memory 11 -> 5 MiB (bench/control.sh). */
        if (mallopt(M_MMAP_THRESHOLD, SERVICE_MMAP_THRESHOLD) == 0)
                log_debug("mallopt(M_MMAP_THRESHOLD) not supported (a sanitizer's allocator?), ignoring");
        _cleanup_(ms_service_freep) ms_service *svc = calloc(1, sizeof(*svc));
        if (!svc) {
                ms_config_free(c);
                return log_error_errno(-ENOMEM, "out of memory");
        }
        *svc = (service){.options = o, .config = c, .started = time(NULL), .last_hook = {.result = 1}};
        if (!(svc->last_poll = calloc(c->n_sources + 1, sizeof(*svc->last_poll))) ||
            !(svc->poll_due = calloc(c->n_sources + 1, sizeof(*svc->poll_due))))
                return log_error_errno(-ENOMEM, "out of memory");
        ms_schedule_load_last(c, svc->last_poll);
        int r = ms_renderer_new(c->fonts_file, &svc->renderer, &err);
        if (r < 0)
                return log_error_errno(r, "fonts: %s", ms_error_format(&err, buf, sizeof(buf)));
        r = service_setup_loop(svc);
        if (r < 0)
                return log_error_errno(r, "cannot set up the event loop: %m");
        *ret = TAKE_PTR(svc);
        return 0;
}

int ms_service_run(ms_service *svc) {
        (void) sd_notify(0, "READY=1");
        service_notify_status(svc);
        int r = sd_event_loop(svc->event);
        return r < 0 ? log_error_errno(r, "event loop failed: %m") : 0;
}

sd_event *ms_service_event(ms_service *svc) {
        return svc->event;
}

const ms_config *ms_service_config(const ms_service *svc) {
        return svc->config;
}

const char *ms_service_publish_dir(const ms_service *svc) {
        return service_publish_dir(svc);
}

const char *ms_service_config_dir(const ms_service *svc) {
        return svc->options->config_dir;
}

void ms_service_set_observer(ms_service *svc, const ms_service_observer *o) {
        svc->observer = *o;
}

void ms_service_get_status(const ms_service *svc, ms_service_status *ret) {
        bool busy = ms_worker_busy(svc->worker);
        *ret = (ms_service_status){
                .state = svc->stopping ? "stopping"
                         : busy        ? "rendering"
                                       : "idle",
                .running_id = busy ? svc->running_id : 0,
                .queued_id = svc->queued ? svc->queued_id : 0,
                .runs = svc->runs,
                .failures = svc->failures,
                .coalesced = svc->coalesced,
                .last_id = svc->last_id,
                .last = svc->runs ? &svc->last : NULL,
                .last_finished = svc->last_finished,
                .started = svc->started,
                .hook = svc->last_hook.result <= 0 ? &svc->last_hook : NULL,
        };
}
