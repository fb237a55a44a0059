/* SPDX-License-Identifier: MIT */
#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <sys/resource.h>
#include <unistd.h>

#include "base/log.h"
#include "service/worker.h"

struct ms_worker {
        sd_event_source *wake;
        int efd;
        ms_worker_done_fn done;
        void *userdata;

        bool busy;
        pthread_t thread;
        ms_worker_fn fn;
        void *job;
        int result; /* written by the thread, read after the join */
};

/* Rendering is background work: when the worker and the loop thread (the
 * control socket, the watchdog) both want the CPU, the loop should win.
 * Linux keeps a nice value per thread. */
#define WORKER_NICE_INCREMENT 10

static void worker_lower_priority(void) {
        errno = 0;
        int prio = getpriority(PRIO_PROCESS, 0);
        if (prio == -1 && errno != 0)
                return;
        int nice = prio + WORKER_NICE_INCREMENT > 19 ? 19 : prio + WORKER_NICE_INCREMENT;
        if (setpriority(PRIO_PROCESS, (id_t) gettid(), nice) < 0)
                log_debug("worker: cannot lower its priority, ignoring: %m");
}

static void *worker_main(void *userdata) {
        ms_worker *w = userdata;
        worker_lower_priority();
        w->result = w->fn(w->job);
        uint64_t one = 1;
        /* An eventfd write of 1 cannot block until the counter nears 2^64. */
        while (write(w->efd, &one, sizeof(one)) < 0 && errno == EINTR)
                ;
        return NULL;
}

static void worker_join(ms_worker *w) {
        int r = pthread_join(w->thread, NULL);
        if (r != 0)
                log_error_errno(r, "worker: cannot join the thread: %m");
        w->busy = false;
}

static int on_wake(sd_event_source *s, int fd, uint32_t revents, void *userdata) {
        ms_worker *w = userdata;
        uint64_t n;
        (void) s;
        (void) revents;
        if (read(fd, &n, sizeof(n)) < 0 || !w->busy)
                return 0;
        worker_join(w);
        w->done(w, w->result, w->job, w->userdata);
        return 0;
}

int ms_worker_new(sd_event *e, ms_worker_done_fn done, void *userdata, ms_worker **ret) {
        _cleanup_(ms_worker_freep) ms_worker *w = calloc(1, sizeof(*w));
        if (!w)
                return -ENOMEM;
        *w = (ms_worker){.efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC), .done = done, .userdata = userdata};
        if (w->efd < 0)
                return -errno;
        int r = sd_event_add_io(e, &w->wake, w->efd, EPOLLIN, on_wake, w);
        if (r < 0)
                return r;
        (void) sd_event_source_set_description(w->wake, "worker-done");
        *ret = TAKE_PTR(w);
        return 0;
}

int ms_worker_start(ms_worker *w, ms_worker_fn fn, void *job) {
        if (w->busy)
                return -EBUSY;
        w->fn = fn;
        w->job = job;
        int r = pthread_create(&w->thread, NULL, worker_main, w);
        if (r != 0)
                return -r;
        w->busy = true;
        return 0;
}

bool ms_worker_busy(const ms_worker *w) {
        return w && w->busy;
}

ms_worker *ms_worker_free(ms_worker *w) {
        if (!w)
                return NULL;
        if (w->busy)
                worker_join(w);
        sd_event_source_disable_unref(w->wake);
        if (w->efd >= 0)
                (void) close(w->efd);
        free(w);
        return NULL;
}
