"""TuneDash on Apache Airflow 3: a build split by listener, and the weekly digests.

Two DAGs run the installed ``tunedash`` binary (see the README's "Install on a server") on
whatever workers the deployment has -- local, Celery or Kubernetes executors alike:

``tunedash_build`` (hourly; trigger it by hand with another ``partitions`` too)
    fix_cut            ``tunedash cut``: the tables' highest ids now, EVENT_ID:FEEDBACK_ID. Every
                       partition reads exactly these rows, however late it starts.
    partition_indexes  ``range(partitions)``, the map of the next task.
    build_partition    one mapped task per partition I (``.expand`` over ``range(N)``):
                       ``tunedash build --partition I/N --cut CUT --state-out
                       s3://STATES/RUN/part-I.state``. Airflow retries, times out and reports each
                       partition on its own; the state goes straight to the private bucket.
    merge_and_publish  ``tunedash merge --states s3://STATES/RUN/`` into a scratch folder, then
                       ``tunedash publish`` to the site's bucket. A set that is incomplete or
                       mixed with another run's is refused (exit 65) and the published site stays.

``tunedash_digest`` (Mondays 06:00 UTC)
    digest             ``tunedash digest --send`` for the week that ended on the last Sunday
                       in the service's time zone; the send log makes a retried run (on any
                       later day of the week) send each message once.

Configuration -- Airflow's own, nothing to edit in this file:

Connection ``tunedash_db``        the event database. Type ``sqlite`` with the file's path as
                                  host, or ``postgres`` (host -- or a socket folder --, port,
                                  schema = database, login, password; extras such as
                                  ``{"sslmode": "verify-full"}`` become libpq parameters). The
                                  password reaches tunedash as PGPASSWORD, never on a command line.
Connection ``tunedash_s3``        the object storage: type ``aws``, login = access key id,
                                  password = secret key, extras ``endpoint_url`` (for GCS, R2 or
                                  MinIO) and ``region_name``.
Variable ``tunedash_states``      private prefix for the partition states, s3://BUCKET/PREFIX/
                                  (user ids and search terms: no public policy may cover it; give
                                  it a lifecycle rule that expires objects after a day or two).
                                  Each run writes under its own folder there.
Variable ``tunedash_site``        where the site is published, s3://BUCKET/PREFIX.
Variable ``tunedash_pseudonym_secret``  the pseudonym key (TUNEDASH_PSEUDONYM_KEY): the same for
                                  every run, so listeners keep their pseudonyms.
Variable ``tunedash_timezone``    optional, default UTC: the --timezone of builds and digests.
Variable ``tunedash_options``     optional: other options that shape the counts, as shell words,
                                  such as ``--min-users 10 --stopword-languages en,fr``.
Variable ``tunedash_binary``      optional, default ``tunedash`` on the workers' PATH.
Variable ``tunedash_digest_outbox``  the digest's outbox folder, on a disk kept between runs (its
                                  send log lives beside it); run the digest on the worker that has it.
Variable ``tunedash_digest_options``  the digest's other options, as shell words, e.g. ``--from "Radio Owl
                                  <digest@example.com>" --owners owners@example.com --site-url
                                  https://stats.example.com/ --sendmail "/usr/bin/msmtp -C FILE"``.
Param ``partitions``              N, how many partition tasks (default 4).

Retries: each task is tried up to 3 times, a minute apart (``DEFAULTS`` below; set here
because Airflow's scheduler does not apply ``[core] default_task_retry_delay`` to it).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import quote, urlencode

from airflow.sdk import Param, dag, get_current_context, task


def tunedash_database(conn) -> str:
    """The ``--db`` value for the ``tunedash_db`` connection, without its password."""
    kind = (conn.conn_type or "").lower()
    if kind == "sqlite":
        if not conn.host:
            raise ValueError("connection tunedash_db (sqlite) needs the database file's path as host")
        return conn.host
    if kind not in ("postgres", "postgresql"):
        raise ValueError(f"connection tunedash_db has type {conn.conn_type!r}; use sqlite or postgres")
    parameters = {str(k): str(v) for k, v in sorted((conn.extra_dejson or {}).items())}
    host = conn.host or ""
    if host.startswith("/"):  # a Unix socket folder goes into the parameters
        parameters["host"] = host
        host = ""
    user = f"{quote(conn.login, safe='')}@" if conn.login else ""
    port = f":{conn.port}" if conn.port else ""
    query = f"?{urlencode(parameters)}" if parameters else ""
    return f"postgresql://{user}{quote(host, safe='')}{port}/{quote(conn.schema or '', safe='')}{query}"


# What every task's shell gets: the binary, the database, the storage credentials and the
# options, as environment variables -- secrets never on a command line. Airflow masks the
# connections' passwords and the pseudonym secret in logs and rendered fields.
ENVIRONMENT = {
    "TUNEDASH": "{{ var.value.get('tunedash_binary', 'tunedash') }}",
    "TUNEDASH_DB": "{{ tunedash_database(conn.tunedash_db) }}",
    "PGPASSWORD": "{{ conn.tunedash_db.password or '' }}",
    "TUNEDASH_TIMEZONE": "{{ var.value.get('tunedash_timezone', 'UTC') }}",
    "TUNEDASH_OPTIONS": "{{ var.value.get('tunedash_options', '') }}",
}
STORAGE = {
    "AWS_ACCESS_KEY_ID": "{{ conn.tunedash_s3.login }}",
    "AWS_SECRET_ACCESS_KEY": "{{ conn.tunedash_s3.password }}",
    "AWS_ENDPOINT_URL": "{{ conn.tunedash_s3.extra_dejson.get('endpoint_url', '') }}",
    "AWS_REGION": "{{ conn.tunedash_s3.extra_dejson.get('region_name', '') }}",
    # This run's folder under the private prefix (run ids hold ':' and '+', kept out of keys).
    "TUNEDASH_RUN_STATES": "{{ var.value.tunedash_states.rstrip('/') }}/"
    "{{ run_id | replace(':', '') | replace('+', '') }}/",
}
MACROS = {"tunedash_database": tunedash_database}
DEFAULTS = {"owner": "tunedash", "retries": 2, "retry_delay": timedelta(minutes=1)}


@dag(
    dag_id="tunedash_build",
    schedule="@hourly",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULTS,
    user_defined_macros=MACROS,
    params={
        "partitions": Param(4, type="integer", minimum=1, maximum=65536, title="Partitions (N)"),
    },
    tags=["tunedash"],
    doc_md=__doc__,
)
def tunedash_build():
    @task.bash(env=ENVIRONMENT, append_env=True, execution_timeout=timedelta(minutes=10))
    def fix_cut() -> str:
        # The last line printed, EVENT_ID:FEEDBACK_ID, is the task's XCom value.
        return 'exec "$TUNEDASH" cut --db "$TUNEDASH_DB"'

    @task
    def partition_indexes() -> list[int]:
        return list(range(int(get_current_context()["params"]["partitions"])))

    @task.bash(
        env={**ENVIRONMENT, **STORAGE},
        append_env=True,
        execution_timeout=timedelta(hours=3),
        map_index_template="partition {{ partition }}",
    )
    def build_partition(index: int, cut: str) -> str:
        context = get_current_context()
        count = int(context["params"]["partitions"])
        context["partition"] = f"{index}/{count}"  # how the UI names each mapped task
        return (
            f'eval "set -- $TUNEDASH_OPTIONS"\n'
            f'exec "$TUNEDASH" build --db "$TUNEDASH_DB" --partition {int(index)}/{count} '
            f'--cut "{cut.strip()}" --state-out "${{TUNEDASH_RUN_STATES}}part-{int(index)}.state" '
            '--timezone "$TUNEDASH_TIMEZONE" "$@" --quiet'
        )

    @task.bash(env={**ENVIRONMENT, **STORAGE, **{
        "TUNEDASH_PSEUDONYM_KEY": "{{ var.value.tunedash_pseudonym_secret }}",
        "TUNEDASH_SITE": "{{ var.value.tunedash_site }}",
    }}, append_env=True, execution_timeout=timedelta(hours=3))
    def merge_and_publish() -> str:
        return """
set -eu
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
eval "set -- $TUNEDASH_OPTIONS"
"$TUNEDASH" merge --db "$TUNEDASH_DB" --out "$scratch/site" --states "$TUNEDASH_RUN_STATES" \\
  --timezone "$TUNEDASH_TIMEZONE" "$@" --quiet
"$TUNEDASH" publish --from "$scratch/site" --to "$TUNEDASH_SITE" --quiet
"""

    cut = fix_cut()
    partitions = build_partition.partial(cut=cut).expand(index=partition_indexes())
    partitions >> merge_and_publish()


@dag(
    dag_id="tunedash_digest",
    schedule="0 6 * * 1",
    start_date=datetime(2026, 1, 1),
    catchup=False,
    max_active_runs=1,
    default_args=DEFAULTS,
    user_defined_macros=MACROS,
    tags=["tunedash"],
    doc_md=__doc__,
)
def tunedash_digest():
    @task.bash(env={**ENVIRONMENT, **{
        "TUNEDASH_PSEUDONYM_KEY": "{{ var.value.tunedash_pseudonym_secret }}",
        "TUNEDASH_OUTBOX": "{{ var.value.tunedash_digest_outbox }}",
        "TUNEDASH_DIGEST_OPTIONS": "{{ var.value.get('tunedash_digest_options', '') }}",
    }}, append_env=True, execution_timeout=timedelta(hours=2))
    def digest() -> str:
        # The latest week that has ended in the service's time zone: the one ending on the last
        # Sunday there (yesterday on the schedule's Monday in Europe; the week before west of
        # UTC-6, where it is still Sunday at 06:00 UTC), the same week for a retry on a later day;
        # --send hands each message to sendmail once (the send log beside the outbox), so a
        # retry sends only what is missing.
        return (
            'eval "set -- $TUNEDASH_DIGEST_OPTIONS"\n'
            'exec "$TUNEDASH" digest --db "$TUNEDASH_DB" --outbox "$TUNEDASH_OUTBOX" '
            '--week-ending "$(TZ="$TUNEDASH_TIMEZONE" date -d \'last sunday\' +%F)" '
            '--timezone "$TUNEDASH_TIMEZONE" "$@" --send --quiet'
        )

    digest()


tunedash_build()
tunedash_digest()
