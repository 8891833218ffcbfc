#!/usr/bin/env bash
# A TuneDash build split by listener across machines, run from cron (see ./crontab):
#
#   tunedash-partitions.sh cut        once per run, on the coordinator: picks the rows every
#                                     partition reads (the tables' highest ids now) and posts it
#   tunedash-partitions.sh build I    on each machine I = 0 … N-1: builds partition I/N of the
#                                     posted cut and uploads its state file
#   tunedash-partitions.sh merge      on the coordinator: waits for the N state files of the
#                                     posted cut, merges them into the site, publishes it
#
# The state files hold user ids and search terms: they go to a PRIVATE prefix of the bucket
# ($STATES), never under the published site, and are deleted once merged. Settings come from
# /etc/tunedash/partitions.env (mode 0600), one NAME=value a line:
#   N=4                                         how many partitions (machines)
#   DB=/var/lib/app/events.sqlite               the source, the same rows on every machine
#   STATES=s3://analytics-private/tunedash-parts  private: state files and the posted cut
#   SITE=s3://analytics-bucket/dashboard         where the site is published
#   OPTIONS="--timezone Europe/Paris --min-users 5"   the options that shape the counts, the same
#                                               for every build and for the merge
#   AWS_ACCESS_KEY_ID=… AWS_SECRET_ACCESS_KEY=… AWS_REGION=… TUNEDASH_PSEUDONYM_KEY=…
# Tools: tunedash in /usr/local/bin, the AWS CLI (aws s3 cp) and, for `cut`, sqlite3.
set -euo pipefail
set -a
. /etc/tunedash/partitions.env
set +a
work=/srv/tunedash
tunedash=/usr/local/bin/tunedash
mkdir -p "$work/parts"
cd "$work"

case "${1:-}" in
cut)
  # The highest ids now. With PostgreSQL as the source, ask it the same with psql.
  events=$(sqlite3 -readonly "$DB" 'SELECT coalesce(max(event_id), 0) FROM activity')
  feedback=$(sqlite3 -readonly "$DB" 'SELECT coalesce(max(feedback_id), 0) FROM feedback')
  echo "$events:$feedback" | aws s3 cp --only-show-errors - "$STATES/cut"
  ;;
build)
  index="${2:?usage: tunedash-partitions.sh build I}"
  cut=$(aws s3 cp --only-show-errors "$STATES/cut" -)
  state="$work/parts/part-$index.state"
  # shellcheck disable=SC2086  # OPTIONS holds several options
  $tunedash build --db "$DB" --partition "$index/$N" --cut "$cut" --state-out "$state" $OPTIONS --quiet
  aws s3 cp --only-show-errors "$state" "$STATES/$cut/part-$index.state"
  rm -f "$state"
  ;;
merge)
  cut=$(aws s3 cp --only-show-errors "$STATES/cut" -)
  files=()
  for index in $(seq 0 $((N - 1))); do
    file="$work/parts/part-$index.state"
    # Wait up to 30 minutes for each machine; a partition still missing then fails the run
    # (one line on stderr, cron mails it) and the published site stays as it was.
    for _ in $(seq 1 60); do
      aws s3 cp --only-show-errors "$STATES/$cut/part-$index.state" "$file" 2>/dev/null && break
      sleep 30
    done
    files+=("$file")
  done
  # shellcheck disable=SC2086
  $tunedash merge --db "$DB" --out "$work/public" $OPTIONS --quiet --wait 600 "${files[@]}"
  $tunedash publish --from "$work/public" --to "$SITE" --quiet --wait 600
  aws s3 rm --only-show-errors --recursive "$STATES/$cut/"
  rm -f "${files[@]}"
  ;;
*)
  echo "usage: tunedash-partitions.sh cut | build I | merge" >&2
  exit 64
  ;;
esac
