#!/usr/bin/env bash
# Adds a migration named $1 to both providers' migration sets (SQLite and PostgreSQL).
# Usage: scripts/add-migration.sh AddProjects
set -euo pipefail

name="${1:?usage: scripts/add-migration.sh MigrationName}"
root="$(cd "$(dirname "$0")/.." && pwd)"
project="$root/src/Monolith.Web"

cd "$root"
dotnet tool restore >/dev/null
dotnet build "$project" -v q -nologo >/dev/null

for provider in Sqlite Postgres; do
  dotnet ef migrations add "$name" --no-build \
    --project "$project" \
    --context "${provider}AppDbContext" \
    --output-dir "Data/Migrations/$provider"
done
echo "Added migration $name for Sqlite and Postgres. Review both before committing."
