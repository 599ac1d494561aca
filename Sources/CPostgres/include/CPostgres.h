// The only door to libpq: plain C types, cpg_ prefix. libpq's headers stay in CPostgres.c so
// that no Swift module sees PGconn or PGresult.
#ifndef CPOSTGRES_H
#define CPOSTGRES_H

#include <stdint.h>

typedef struct cpg_conn cpg_conn;
typedef struct cpg_result cpg_result;

/// NULL when libpq could be loaded (it is opened on first use), else why not and what to install.
const char *cpg_library_error(void);
/// Connects with a libpq connection URI or keyword string; never NULL (check cpg_ok).
/// `connect_timeout` is in seconds (0: libpq's default, wait forever).
cpg_conn *cpg_connect(const char *conninfo, int connect_timeout);
/// 1 when the connection is up.
int cpg_ok(const cpg_conn *conn);
/// libpq's last message for this connection (valid until the next call on it).
const char *cpg_error(const cpg_conn *conn);
/// 1 when the server asked for a password (the failure was authentication).
int cpg_needed_password(const cpg_conn *conn);
/// 1 when a password was sent (so a refusal means a wrong one).
int cpg_used_password(const cpg_conn *conn);
void cpg_finish(cpg_conn *conn);

/// Runs one statement with parameters: `values[i]` is `lengths[i]` bytes, binary when
/// `binary[i]` is 1 (bytea), else text; NULL `values[i]` is SQL NULL. Results come in binary.
/// Never NULL (check cpg_result_ok).
cpg_result *cpg_exec(cpg_conn *conn, const char *sql, int count, const char *const *values, const int *lengths, const int *binary);
/// Prepares `sql` under `name` for this connection (check cpg_result_ok).
cpg_result *cpg_prepare(cpg_conn *conn, const char *name, const char *sql);
/// cpg_exec for a statement prepared with cpg_prepare.
cpg_result *cpg_exec_prepared(cpg_conn *conn, const char *name, int count, const char *const *values, const int *lengths, const int *binary);
/// Runs several statements separated by semicolons, without parameters (text results).
cpg_result *cpg_exec_script(cpg_conn *conn, const char *sql);
/// 1 for a command or query that succeeded.
int cpg_result_ok(const cpg_result *result);
/// The error of a failed result, and its five-character SQLSTATE ("" when none).
const char *cpg_result_error(const cpg_result *result);
const char *cpg_result_sqlstate(const cpg_result *result);
int cpg_rows(const cpg_result *result);
/// The column named `name`, or -1.
int cpg_column(const cpg_result *result, const char *name);
int cpg_is_null(const cpg_result *result, int row, int column);
int cpg_length(const cpg_result *result, int row, int column);
const char *cpg_value(const cpg_result *result, int row, int column);
void cpg_clear(cpg_result *result);

/// Starts COPY … FROM STDIN (binary); 1 on success.
int cpg_copy_begin(cpg_conn *conn, const char *sql);
/// Sends bytes of the COPY stream; 1 on success.
int cpg_copy_put(cpg_conn *conn, const char *bytes, int length);
/// Ends the COPY and returns its result (check cpg_result_ok).
cpg_result *cpg_copy_end(cpg_conn *conn);

/// Sends one statement without parameters and returns at once (1 on success); its answer must
/// be collected with cpg_collect before anything else is sent on this connection.
int cpg_send(cpg_conn *conn, const char *sql);
/// Waits for the answer to cpg_send: its first failure, else its last result (check cpg_result_ok).
cpg_result *cpg_collect(cpg_conn *conn);
/// 1 when libpq has pipeline mode (libpq 14 or later).
int cpg_can_pipeline(void);
/// Sends `before` statements without parameters, then one statement (prepared as `name`, or
/// `sql` when `name` is NULL) as cpg_exec_prepared does, in one pipeline: one round trip. Returns
/// the first failure, else the last statement's result. Needs cpg_can_pipeline.
cpg_result *cpg_exec_after(cpg_conn *conn, int before, const char *const *statements, const char *name, const char *sql,
                           int count, const char *const *values, const int *lengths, const int *binary);

#endif
