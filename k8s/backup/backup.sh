#!/bin/sh
# Database backups to S3-compatible storage. The backup CronJob and the restore Job run this very file
# (shipped as the ConfigMap monoapp-backup-scripts); each step runs in the image that has its tool:
#   dump      pg_dump, custom format (compressed), into $BACKUP_DIR            postgres image
#   upload    copy every dump in $BACKUP_DIR to the bucket, then delete the    rclone image
#             backups older than $BACKUP_RETENTION_DAYS days
#   download  fetch $BACKUP_FILE (an object name, or "latest") to $BACKUP_DIR  rclone image
#   restore   pg_restore the dump in $BACKUP_DIR into $RESTORE_DATABASE,       postgres image
#             creating that database when it does not exist
# PostgreSQL: the libpq variables PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE (and PGSSLMODE…).
# S3: S3_ENDPOINT, S3_BUCKET, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_REGION, S3_PREFIX (default backups).
set -eu

fail() {
  echo "backup: $*" >&2
  exit 1
}

require() {
  for variable in "$@"; do
    eval "value=\${$variable:-}"
    [ -n "$value" ] || fail "$variable is required"
  done
}

# rclone reads a remote named "bucket" from these variables: no config file on a read-only disk.
configure_remote() {
  require S3_ENDPOINT S3_BUCKET S3_ACCESS_KEY_ID S3_SECRET_ACCESS_KEY
  export RCLONE_CONFIG_BUCKET_TYPE=s3
  export RCLONE_CONFIG_BUCKET_PROVIDER=Other
  export RCLONE_CONFIG_BUCKET_ENDPOINT="$S3_ENDPOINT"
  export RCLONE_CONFIG_BUCKET_ACCESS_KEY_ID="$S3_ACCESS_KEY_ID"
  export RCLONE_CONFIG_BUCKET_SECRET_ACCESS_KEY="$S3_SECRET_ACCESS_KEY"
  export RCLONE_CONFIG_BUCKET_REGION="${S3_REGION:-us-east-1}"
  export RCLONE_CONFIG_BUCKET_FORCE_PATH_STYLE=true
  target="bucket:$S3_BUCKET/${S3_PREFIX:-backups}"
}

dump() {
  require BACKUP_DIR PGDATABASE
  name="$PGDATABASE-$(date -u +%Y%m%dT%H%M%SZ).dump"
  # Written under a temporary name so that a failed dump is never uploaded.
  pg_dump --format=custom --compress=6 --file="$BACKUP_DIR/$name.partial"
  mv "$BACKUP_DIR/$name.partial" "$BACKUP_DIR/$name"
  echo "backup: dumped $name ($(wc -c <"$BACKUP_DIR/$name") bytes)"
}

upload() {
  require BACKUP_DIR BACKUP_RETENTION_DAYS
  configure_remote
  set -- "$BACKUP_DIR"/*.dump
  [ -f "$1" ] || fail "no dump in $BACKUP_DIR"
  for file in "$@"; do
    rclone copyto "$file" "$target/$(basename "$file")"
    echo "backup: uploaded $(basename "$file") to $target"
  done
  # Only after a successful upload, so the newest backup always survives.
  rclone delete --min-age "${BACKUP_RETENTION_DAYS}d" --include "*.dump" "$target"
  echo "backup: deleted backups older than $BACKUP_RETENTION_DAYS days"
}

download() {
  require BACKUP_DIR BACKUP_FILE
  configure_remote
  file="$BACKUP_FILE"
  if [ "$file" = latest ]; then
    file="$(rclone lsf --files-only --include "*.dump" "$target" | sort | tail -n 1)"
    [ -n "$file" ] || fail "no backup in $target"
  fi
  rclone copyto "$target/$file" "$BACKUP_DIR/$file"
  echo "backup: downloaded $file"
}

restore() {
  require BACKUP_DIR RESTORE_DATABASE PGDATABASE
  case "$RESTORE_DATABASE" in
    *[!a-z0-9_-]*) fail "RESTORE_DATABASE may hold only a-z, 0-9, _ and -" ;;
  esac
  set -- "$BACKUP_DIR"/*.dump
  [ $# -eq 1 ] && [ -f "$1" ] || fail "expected exactly one dump in $BACKUP_DIR"
  exists="$(psql --no-psqlrc --tuples-only --no-align \
    --command="SELECT 1 FROM pg_database WHERE datname = '$RESTORE_DATABASE'")"
  [ "$exists" = 1 ] || createdb --maintenance-db="$PGDATABASE" "$RESTORE_DATABASE"
  pg_restore --dbname="$RESTORE_DATABASE" --clean --if-exists --no-owner --no-acl \
    --exit-on-error --single-transaction "$1"
  echo "backup: restored $(basename "$1") into $RESTORE_DATABASE"
}

case "${1:-}" in
  dump | upload | download | restore) "$1" ;;
  *) fail "usage: backup.sh dump|upload|download|restore" ;;
esac
