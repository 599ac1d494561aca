#include "CPostgres.h"

#include <dlfcn.h>
#include <libpq-fe.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

struct cpg_conn { PGconn *pg; };
struct cpg_result { PGresult *pg; };

// libpq is opened on the first connection, not linked: linking it loads libpq and the ~25
// libraries it needs (Kerberos, LDAP, GnuTLS, OpenSSL …) into every tsuzuri process and runs
// their initialisers, which cost a `tm search` on an SQLite file more time than the search.
// Only this file knows; the functions below call libpq through these pointers.
#define CPG_FUNCTIONS(X) \
    X(PQconnectdbParams) X(PQstatus) X(PQerrorMessage) X(PQconnectionNeedsPassword) \
    X(PQconnectionUsedPassword) X(PQfinish) X(PQclear) X(PQexecParams) X(PQprepare) \
    X(PQexecPrepared) X(PQexec) X(PQresultStatus) X(PQresultErrorMessage) X(PQresultErrorField) \
    X(PQntuples) X(PQfnumber) X(PQgetisnull) X(PQgetlength) X(PQgetvalue) X(PQputCopyData) \
    X(PQputCopyEnd) X(PQgetResult) X(PQmakeEmptyPGresult) X(PQsendQuery) X(PQsendQueryParams) X(PQsendQueryPrepared)

#define CPG_POINTER(name) static __typeof__(name) *p_##name;
CPG_FUNCTIONS(CPG_POINTER)

static __typeof__(PQenterPipelineMode) *p_PQenterPipelineMode;
static __typeof__(PQexitPipelineMode) *p_PQexitPipelineMode;
static __typeof__(PQpipelineSync) *p_PQpipelineSync;

static pthread_once_t cpg_once = PTHREAD_ONCE_INIT;
static char cpg_load_error[512];

static void cpg_load(void) {
    void *library = dlopen("libpq.so.5", RTLD_NOW | RTLD_LOCAL);
    if (!library) {
        snprintf(cpg_load_error, sizeof cpg_load_error,
                 "cannot load libpq (%s); install the PostgreSQL client library (Debian: apt-get install libpq5)", dlerror());
        return;
    }
#define CPG_RESOLVE(name) \
    if (!(p_##name = (__typeof__(name) *)dlsym(library, #name))) { \
        snprintf(cpg_load_error, sizeof cpg_load_error, "libpq.so.5 lacks %s; install a newer libpq5", #name); \
        return; \
    }
    CPG_FUNCTIONS(CPG_RESOLVE)
    // Pipeline mode came with libpq 14; without it, statements are sent one at a time.
    p_PQenterPipelineMode = (__typeof__(PQenterPipelineMode) *)dlsym(library, "PQenterPipelineMode");
    p_PQexitPipelineMode = (__typeof__(PQexitPipelineMode) *)dlsym(library, "PQexitPipelineMode");
    p_PQpipelineSync = (__typeof__(PQpipelineSync) *)dlsym(library, "PQpipelineSync");
}

/// 1 when libpq is loaded (every pointer resolved).
static int cpg_loaded(void) {
    pthread_once(&cpg_once, cpg_load);
    return cpg_load_error[0] == 0;
}

const char *cpg_library_error(void) { return cpg_loaded() ? NULL : cpg_load_error; }

cpg_conn *cpg_connect(const char *conninfo, int connect_timeout) {
    char timeout[16];
    snprintf(timeout, sizeof timeout, "%d", connect_timeout);
    // expand_dbname: `conninfo` may be a whole URI; the keywords after it fill in what it leaves out.
    const char *keywords[] = {"dbname", "connect_timeout", "application_name", NULL};
    const char *values[] = {conninfo, timeout, "tsuzuri", NULL};
    cpg_conn *conn = malloc(sizeof *conn);
    if (!conn) return NULL;
    conn->pg = cpg_loaded() ? p_PQconnectdbParams(keywords, values, 1) : NULL;
    return conn;
}

int cpg_ok(const cpg_conn *conn) { return conn && conn->pg && p_PQstatus(conn->pg) == CONNECTION_OK; }

const char *cpg_error(const cpg_conn *conn) {
    if (!cpg_loaded()) return cpg_load_error;
    if (!conn || !conn->pg) return "out of memory";
    return p_PQerrorMessage(conn->pg);
}

int cpg_needed_password(const cpg_conn *conn) { return conn && conn->pg && p_PQconnectionNeedsPassword(conn->pg); }
int cpg_used_password(const cpg_conn *conn) { return conn && conn->pg && p_PQconnectionUsedPassword(conn->pg); }

void cpg_finish(cpg_conn *conn) {
    if (!conn) return;
    if (conn->pg) p_PQfinish(conn->pg);
    free(conn);
}

static cpg_result *wrap(PGresult *pg) {
    cpg_result *result = malloc(sizeof *result);
    if (!result) {
        p_PQclear(pg);
        return NULL;
    }
    result->pg = pg;
    return result;
}

cpg_result *cpg_exec(cpg_conn *conn, const char *sql, int count, const char *const *values, const int *lengths, const int *binary) {
    return wrap(p_PQexecParams(conn->pg, sql, count, NULL, values, lengths, binary, 1));
}

cpg_result *cpg_prepare(cpg_conn *conn, const char *name, const char *sql) {
    return wrap(p_PQprepare(conn->pg, name, sql, 0, NULL));
}

cpg_result *cpg_exec_prepared(cpg_conn *conn, const char *name, int count, const char *const *values, const int *lengths, const int *binary) {
    return wrap(p_PQexecPrepared(conn->pg, name, count, values, lengths, binary, 1));
}

cpg_result *cpg_exec_script(cpg_conn *conn, const char *sql) {
    return wrap(p_PQexec(conn->pg, sql));
}

int cpg_result_ok(const cpg_result *result) {
    if (!result || !result->pg) return 0;
    ExecStatusType status = p_PQresultStatus(result->pg);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN;
}

const char *cpg_result_error(const cpg_result *result) {
    if (!result || !result->pg) return "out of memory";
    return p_PQresultErrorMessage(result->pg);
}

const char *cpg_result_sqlstate(const cpg_result *result) {
    if (!result || !result->pg) return "";
    const char *state = p_PQresultErrorField(result->pg, PG_DIAG_SQLSTATE);
    return state ? state : "";
}

int cpg_rows(const cpg_result *result) { return result && result->pg ? p_PQntuples(result->pg) : 0; }
int cpg_column(const cpg_result *result, const char *name) { return p_PQfnumber(result->pg, name); }
int cpg_is_null(const cpg_result *result, int row, int column) { return p_PQgetisnull(result->pg, row, column); }
int cpg_length(const cpg_result *result, int row, int column) { return p_PQgetlength(result->pg, row, column); }
const char *cpg_value(const cpg_result *result, int row, int column) { return p_PQgetvalue(result->pg, row, column); }

void cpg_clear(cpg_result *result) {
    if (!result) return;
    if (result->pg) p_PQclear(result->pg);
    free(result);
}

int cpg_copy_begin(cpg_conn *conn, const char *sql) {
    PGresult *res = p_PQexec(conn->pg, sql);
    int ok = p_PQresultStatus(res) == PGRES_COPY_IN;
    p_PQclear(res);
    return ok;
}

int cpg_copy_put(cpg_conn *conn, const char *bytes, int length) {
    return p_PQputCopyData(conn->pg, bytes, length) == 1;
}

cpg_result *cpg_copy_end(cpg_conn *conn) {
    if (p_PQputCopyEnd(conn->pg, NULL) != 1) return wrap(p_PQgetResult(conn->pg));
    PGresult *last = NULL, *next;
    while ((next = p_PQgetResult(conn->pg)) != NULL) {
        if (last) p_PQclear(last);
        last = next;
    }
    return wrap(last);
}

int cpg_can_pipeline(void) {
    return cpg_loaded() && p_PQenterPipelineMode && p_PQexitPipelineMode && p_PQpipelineSync;
}

static int failed(const PGresult *result) {
    ExecStatusType status = p_PQresultStatus(result);
    return status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK;
}

cpg_result *cpg_exec_after(cpg_conn *conn, int before, const char *const *statements, const char *name, const char *sql,
                           int count, const char *const *values, const int *lengths, const int *binary) {
    PGconn *pg = conn->pg;
    if (!p_PQenterPipelineMode(pg)) return wrap(p_PQmakeEmptyPGresult(pg, PGRES_FATAL_ERROR));
    int sent = 1;
    for (int i = 0; i < before && sent; i++) sent = p_PQsendQueryParams(pg, statements[i], 0, NULL, NULL, NULL, NULL, 1);
    if (sent) {
        sent = name ? p_PQsendQueryPrepared(pg, name, count, values, lengths, binary, 1)
                    : p_PQsendQueryParams(pg, sql, count, NULL, values, lengths, binary, 1);
    }
    if (sent) sent = p_PQpipelineSync(pg);
    PGresult *failure = NULL, *last = NULL;
    if (!sent) failure = p_PQmakeEmptyPGresult(pg, PGRES_FATAL_ERROR);
    // Each statement's result is followed by a NULL; the first failure is the one to report
    // (the statements after it come back as PGRES_PIPELINE_ABORTED).
    for (int i = 0; i <= before && sent; i++) {
        PGresult *result = p_PQgetResult(pg), *extra;
        if (!result) {  // the connection is gone
            if (!failure) failure = p_PQmakeEmptyPGresult(pg, PGRES_FATAL_ERROR);
            sent = 0;
            break;
        }
        while ((extra = p_PQgetResult(pg)) != NULL) p_PQclear(extra);
        if (failed(result) && !failure) failure = result;
        else if (i == before && !failed(result)) last = result;
        else p_PQclear(result);
    }
    if (sent) {
        PGresult *result;
        while ((result = p_PQgetResult(pg)) != NULL) {
            int sync = p_PQresultStatus(result) == PGRES_PIPELINE_SYNC;
            p_PQclear(result);
            if (sync) break;
        }
    }
    p_PQexitPipelineMode(pg);
    if (failure) {
        if (last) p_PQclear(last);
        return wrap(failure);
    }
    return wrap(last);
}

int cpg_send(cpg_conn *conn, const char *sql) { return p_PQsendQuery(conn->pg, sql) == 1; }

cpg_result *cpg_collect(cpg_conn *conn) {
    // The first failure is the one to report; otherwise the last result.
    PGresult *kept = NULL, *next;
    while ((next = p_PQgetResult(conn->pg)) != NULL) {
        if (kept && failed(kept)) {
            p_PQclear(next);
            continue;
        }
        if (kept) p_PQclear(kept);
        kept = next;
    }
    // No result at all: the connection is gone (PQgetResult returns NULL with an error message).
    return kept ? wrap(kept) : wrap(p_PQmakeEmptyPGresult(conn->pg, PGRES_FATAL_ERROR));
}
