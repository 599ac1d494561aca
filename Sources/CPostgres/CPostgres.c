#include "CPostgres.h"

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>

struct cpg_conn { PGconn *pg; };
struct cpg_result { PGresult *pg; };

cpg_conn *cpg_connect(const char *conninfo, int connect_timeout) {
    char timeout[16];
    snprintf(timeout, sizeof timeout, "%d", connect_timeout);
    // expand_dbname: `conninfo` may be a whole URI; the keywords after it fill in what it leaves out.
    const char *keywords[] = {"dbname", "connect_timeout", "application_name", NULL};
    const char *values[] = {conninfo, timeout, "tsuzuri", NULL};
    cpg_conn *conn = malloc(sizeof *conn);
    if (!conn) return NULL;
    conn->pg = PQconnectdbParams(keywords, values, 1);
    return conn;
}

int cpg_ok(const cpg_conn *conn) { return conn && conn->pg && PQstatus(conn->pg) == CONNECTION_OK; }

const char *cpg_error(const cpg_conn *conn) {
    if (!conn || !conn->pg) return "out of memory";
    return PQerrorMessage(conn->pg);
}

int cpg_needed_password(const cpg_conn *conn) { return conn && conn->pg && PQconnectionNeedsPassword(conn->pg); }
int cpg_used_password(const cpg_conn *conn) { return conn && conn->pg && PQconnectionUsedPassword(conn->pg); }

void cpg_finish(cpg_conn *conn) {
    if (!conn) return;
    if (conn->pg) PQfinish(conn->pg);
    free(conn);
}

static cpg_result *wrap(PGresult *pg) {
    cpg_result *result = malloc(sizeof *result);
    if (!result) {
        PQclear(pg);
        return NULL;
    }
    result->pg = pg;
    return result;
}

cpg_result *cpg_exec(cpg_conn *conn, const char *sql, int count, const char *const *values, const int *lengths, const int *binary) {
    return wrap(PQexecParams(conn->pg, sql, count, NULL, values, lengths, binary, 1));
}

cpg_result *cpg_prepare(cpg_conn *conn, const char *name, const char *sql) {
    return wrap(PQprepare(conn->pg, name, sql, 0, NULL));
}

cpg_result *cpg_exec_prepared(cpg_conn *conn, const char *name, int count, const char *const *values, const int *lengths, const int *binary) {
    return wrap(PQexecPrepared(conn->pg, name, count, values, lengths, binary, 1));
}

cpg_result *cpg_exec_script(cpg_conn *conn, const char *sql) {
    return wrap(PQexec(conn->pg, sql));
}

int cpg_result_ok(const cpg_result *result) {
    if (!result || !result->pg) return 0;
    ExecStatusType status = PQresultStatus(result->pg);
    return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_COPY_IN;
}

const char *cpg_result_error(const cpg_result *result) {
    if (!result || !result->pg) return "out of memory";
    return PQresultErrorMessage(result->pg);
}

const char *cpg_result_sqlstate(const cpg_result *result) {
    if (!result || !result->pg) return "";
    const char *state = PQresultErrorField(result->pg, PG_DIAG_SQLSTATE);
    return state ? state : "";
}

int cpg_rows(const cpg_result *result) { return result && result->pg ? PQntuples(result->pg) : 0; }
int cpg_column(const cpg_result *result, const char *name) { return PQfnumber(result->pg, name); }
int cpg_is_null(const cpg_result *result, int row, int column) { return PQgetisnull(result->pg, row, column); }
int cpg_length(const cpg_result *result, int row, int column) { return PQgetlength(result->pg, row, column); }
const char *cpg_value(const cpg_result *result, int row, int column) { return PQgetvalue(result->pg, row, column); }

void cpg_clear(cpg_result *result) {
    if (!result) return;
    if (result->pg) PQclear(result->pg);
    free(result);
}

int cpg_copy_begin(cpg_conn *conn, const char *sql) {
    PGresult *res = PQexec(conn->pg, sql);
    int ok = PQresultStatus(res) == PGRES_COPY_IN;
    PQclear(res);
    return ok;
}

int cpg_copy_put(cpg_conn *conn, const char *bytes, int length) {
    return PQputCopyData(conn->pg, bytes, length) == 1;
}

cpg_result *cpg_copy_end(cpg_conn *conn) {
    if (PQputCopyEnd(conn->pg, NULL) != 1) return wrap(PQgetResult(conn->pg));
    PGresult *last = NULL, *next;
    while ((next = PQgetResult(conn->pg)) != NULL) {
        if (last) PQclear(last);
        last = next;
    }
    return wrap(last);
}
