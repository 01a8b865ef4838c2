# syntax=docker/dockerfile:1
# One image for every role, chosen by its arguments: web (the default), worker, migrate,
# createsuperuser, check. Build and run (see k8s/README.md for the release steps):
#   docker build --build-arg VERSION=1.2.3 -t ghcr.io/example/monoapp:1.2.3 .
#   docker run --rm -p 8080:8080 -e Database__Provider=Postgres -e ConnectionStrings__Postgres=… ghcr.io/example/monoapp:1.2.3
#   docker run --rm … ghcr.io/example/monoapp:1.2.3 migrate
# Base images are pinned to exact tags; bump both together with the SDK in global.json.

FROM mcr.microsoft.com/dotnet/sdk:10.0.401-noble AS build
ARG VERSION=0.0.0
# Set by BuildKit from --platform (amd64, arm64); no default, which would override it.
ARG TARGETARCH
WORKDIR /src
# Restore in its own layer, from the project and props files only: code changes do not re-restore.
COPY global.json Directory.Build.props Directory.Packages.props .editorconfig ./
COPY src/Monolith.Web/Monolith.Web.csproj src/Monolith.Web/
RUN dotnet restore src/Monolith.Web/Monolith.Web.csproj -a ${TARGETARCH}
COPY src/ src/
# For one architecture: only its native libraries, and ReadyToRun code (see the project file) for a
# start-up about twice as fast; the runtime comes from the base image.
RUN dotnet publish src/Monolith.Web/Monolith.Web.csproj --no-restore -c Release -a ${TARGETARCH} --no-self-contained -o /app -p:UseAppHost=false -p:Version=${VERSION}

# Chiseled: no shell, no package manager, only what .NET needs; the app runs with InvariantGlobalization.
FROM mcr.microsoft.com/dotnet/aspnet:10.0.12-noble-chiseled AS runtime
WORKDIR /app
# Owned by root and read-only to the app user: the process cannot change its own code.
COPY --from=build /app .
ENV ASPNETCORE_HTTP_PORTS=8080
# 8080: the public HTTP port; 9090: management (health, metrics), never routed by the Ingress.
EXPOSE 8080 9090
# Numeric, so Kubernetes can verify runAsNonRoot (1654, the user the .NET images define).
USER $APP_UID
ENTRYPOINT ["dotnet", "Monolith.Web.dll"]
